"""Kafka mirror and consumer migration across two `tributary serve` brokers: A runs Connect, B plays
company B. A MirrorSourceConnector on A copies B's `rides` into `companyb.rides` (partitions, keys,
values, headers and topic configs preserved), writes offset syncs and checkpoints, and translates a
group's committed offsets on B onto A (by the connector's group sync and by `tributary migrate
mirror`). `tributary migrate kinesis` turns a Kinesis checkpoint into group offsets in a topic whose
records carry the Kinesis source's headers (produced directly; no emulator)."""
import json
import os
import subprocess
import time
import unittest

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewPartitions, NewTopic

import harness
from connect_client import call, connect_url, consume, wait_for_connect, wait_for_running, wait_until

BYTES = "org.apache.kafka.connect.converters.ByteArrayConverter"
PARTITIONS = 3
PER_PARTITION = 100


def create_topic(bootstrap, topic, partitions, config=None):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    admin.create_topics([NewTopic(topic, num_partitions=partitions, replication_factor=1,
                                  config=config or {})])[topic].result(10)


def commit(bootstrap, group, offsets):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False})
    try:
        consumer.commit(offsets=[TopicPartition(t, p, o) for t, p, o in offsets], asynchronous=False)
    finally:
        consumer.close()


def committed(bootstrap, group, topic, partitions):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False})
    try:
        got = consumer.committed([TopicPartition(topic, p) for p in range(partitions)], timeout=10)
        return {tp.partition: tp.offset for tp in got if tp.offset >= 0}
    finally:
        consumer.close()


def tributary(*args):
    return subprocess.run([harness.BIN, *args], capture_output=True, text=True, timeout=120)


class TwoBrokerTest(unittest.TestCase):
    def setUp(self):
        self.a = harness.Broker("MirrorA", {"connect.offset.flush.interval.ms": "300"}).start()
        self.b = harness.Broker("MirrorB").start()
        self.url = connect_url(self.a)

    def run(self, result=None):
        result = super().run(result)
        for broker in (getattr(self, "a", None), getattr(self, "b", None)):
            if broker:
                if result is not None and any(t is self for t, _ in result.failures + result.errors):
                    print("---- server log (%s) ----\n%s" % (broker.data_dir, broker.read_log()))
                broker.cleanup()
        return result

    def produce_rides(self):
        create_topic(self.b.bootstrap, "rides", PARTITIONS, {"retention.ms": "86400000"})
        producer = Producer({"bootstrap.servers": self.b.bootstrap})
        sent = []
        for i in range(PARTITIONS * PER_PARTITION):
            p = i % PARTITIONS
            key = None if i % 50 == 7 else ("rider-%d" % i).encode()
            value = None if i % 60 == 11 else json.dumps({"ride": i, "fare": i * 1.5}).encode()
            headers = [("trace", ("t-%d" % i).encode()), ("bin", bytes([0, 255, i % 256]))]
            producer.produce("rides", key=key, value=value, partition=p, headers=headers)
            sent.append((p, key, value, headers))
        producer.flush(30)
        return sent

    def start_mirror(self, **extra):
        config = {"connector.class": "org.apache.kafka.connect.mirror.MirrorSourceConnector",
                  "source.cluster.alias": "companyb", "source.cluster.bootstrap.servers": self.b.bootstrap,
                  "target.cluster.bootstrap.servers": self.a.bootstrap, "topics": "rides", "tasks.max": "2",
                  "key.converter": BYTES, "value.converter": BYTES, "emit.checkpoints.interval.seconds": "1"}
        config.update(extra)
        status, body = call(self.url, "POST", "/connectors", {"name": "mirror-b", "config": config})
        self.assertEqual(status, 201, body)
        wait_for_running(self.url, "mirror-b", tasks=2)

    def test_mirror_copies_records_and_translates_group_offsets(self):
        wait_for_connect(self.url)
        sent = self.produce_rides()
        # `billing` read part of partition 0 and all of partition 1 on B; `analytics` is moved by migrate.
        commit(self.b.bootstrap, "billing", [("rides", 0, 60), ("rides", 1, PER_PARTITION)])
        commit(self.b.bootstrap, "analytics", [("rides", 0, 25), ("rides", 2, 90)])

        # Without ByteArrayConverter the mirror refuses (records are copied as bytes).
        status, body = call(self.url, "PUT", "/connector-plugins/MirrorSourceConnector/config/validate",
                            {"connector.class": "MirrorSourceConnector", "name": "x", "source.cluster.alias": "b",
                             "source.cluster.bootstrap.servers": "b:1", "target.cluster.bootstrap.servers": "a:1"})
        self.assertEqual(status, 200, body)
        self.assertGreater(body["error_count"], 0)

        self.start_mirror(**{"sync.group.offsets.enabled": "true", "groups": "billing"})
        records = consume(self.a.bootstrap, "companyb.rides", len(sent), timeout=60)
        self.assertEqual(len(records), len(sent))
        got = {}
        for m in records:
            got[(m.partition(), m.offset())] = (m.key(), m.value(), [(k, v) for k, v in (m.headers() or [])])
        for i, (p, key, value, headers) in enumerate(sent):
            # Same partition and, on a fresh target, the same offset as on B.
            self.assertEqual(got[(p, i // PARTITIONS)], (key, value, headers), "record %d" % i)

        md = AdminClient({"bootstrap.servers": self.a.bootstrap}).list_topics(timeout=10)
        self.assertEqual(len(md.topics["companyb.rides"].partitions), PARTITIONS)
        self.assertIn("mm2-offset-syncs.companyb.internal", md.topics)
        self.assertIn("companyb.checkpoints.internal", md.topics)
        resource = ConfigResource(ConfigResource.Type.TOPIC, "companyb.rides")
        admin = AdminClient({"bootstrap.servers": self.a.bootstrap})
        configs = admin.describe_configs([resource])[resource].result(10)
        self.assertEqual(configs["retention.ms"].value, "86400000")

        # Checkpoints carry the translated offsets of `billing`.
        def billing_checkpoints():
            found = {}
            for m in consume(self.a.bootstrap, "companyb.checkpoints.internal", 10 ** 6, timeout=3):
                key, value = json.loads(m.key()), json.loads(m.value())
                if key["group"] == "billing":
                    found[(key["topic"], key["partition"])] = value["downstreamOffset"]
            return found if len(found) == 2 else None
        checkpoints = wait_until(billing_checkpoints, timeout=60, what="billing checkpoints")
        self.assertEqual(checkpoints, {("companyb.rides", 0): 60, ("companyb.rides", 1): PER_PARTITION})

        # sync.group.offsets.enabled committed them to `billing` on A.
        wait_until(lambda: committed(self.a.bootstrap, "billing", "companyb.rides", PARTITIONS) ==
                   {0: 60, 1: PER_PARTITION}, timeout=60, what="billing offsets synced on A")

        # `tributary migrate mirror`: dry run changes nothing, --execute commits on A.
        args = ["migrate", "--bootstrap-server", self.a.bootstrap, "mirror", "--source-bootstrap-server",
                self.b.bootstrap, "--source-cluster-alias", "companyb", "--group", "analytics"]
        out = tributary(*args)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("Dry run", out.stdout)
        self.assertEqual(committed(self.a.bootstrap, "analytics", "companyb.rides", PARTITIONS), {})
        out = tributary(*args, "--execute")
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertEqual(committed(self.a.bootstrap, "analytics", "companyb.rides", PARTITIONS), {0: 25, 2: 90})

        # A consumer of `analytics` on A resumes with exactly the record it had not read on B.
        consumer = Consumer({"bootstrap.servers": self.a.bootstrap, "group.id": "analytics",
                             "enable.auto.commit": False, "auto.offset.reset": "latest"})
        consumer.assign([TopicPartition("companyb.rides", 0)])
        try:
            msg = wait_until(lambda: (lambda m: m if m is not None and not m.error() else None)(consumer.poll(0.5)),
                             timeout=30, what="first record of analytics on A")
        finally:
            consumer.close()
        self.assertEqual(msg.value(), sent[25 * PARTITIONS][2])

        # Records produced later still flow.
        producer = Producer({"bootstrap.servers": self.b.bootstrap})
        producer.produce("rides", key=b"late", value=b"late ride", partition=2)
        producer.flush(10)
        wait_until(lambda: any(m.key() == b"late" for m in consume(self.a.bootstrap, "companyb.rides", len(sent) + 1,
                                                                     timeout=5)), timeout=60, what="late record")

        # A restarted mirror resumes after its committed source offsets: nothing is copied twice.
        time.sleep(1)  # past an offset flush (300 ms)
        status, _ = call(self.url, "POST", "/connectors/mirror-b/restart?includeTasks=true")
        self.assertIn(status, (202, 204))
        wait_for_running(self.url, "mirror-b", tasks=2)
        producer.produce("rides", key=b"after-restart", value=b"x", partition=0)
        producer.flush(10)
        wait_until(lambda: any(m.key() == b"after-restart" for m in consume(
            self.a.bootstrap, "companyb.rides", len(sent) + 2, timeout=5)), timeout=60, what="record after restart")
        time.sleep(1)
        self.assertEqual(len(consume(self.a.bootstrap, "companyb.rides", len(sent) + 10, timeout=5)), len(sent) + 2)

    def test_new_source_topic_is_mirrored_without_restart(self):
        # refresh.topics.interval.seconds=1: a topic created on B after the mirror started is found,
        # created on A with its partitions and configs, and copied, with no restart of anything.
        wait_for_connect(self.url)
        sent = self.produce_rides()
        config = {"connector.class": "MirrorSource", "source.cluster.alias": "companyb",
                  "source.cluster.bootstrap.servers": self.b.bootstrap,
                  "target.cluster.bootstrap.servers": self.a.bootstrap, "topics": "rides, fresh-.*",
                  "tasks.max": "8", "key.converter": BYTES, "value.converter": BYTES,
                  "refresh.topics.interval.seconds": "1"}
        status, body = call(self.url, "POST", "/connectors", {"name": "mirror-b", "config": config})
        self.assertEqual(status, 201, body)
        wait_for_running(self.url, "mirror-b", tasks=PARTITIONS)  # one task per partition, up to tasks.max
        self.assertEqual(len(consume(self.a.bootstrap, "companyb.rides", len(sent), timeout=60)), len(sent))

        create_topic(self.b.bootstrap, "fresh-trips", 2, {"retention.ms": "3600000"})
        create_topic(self.b.bootstrap, "other-trips", 1)  # does not match `topics`
        producer = Producer({"bootstrap.servers": self.b.bootstrap})
        n = 150
        for i in range(n):
            producer.produce("fresh-trips", key=("trip-%d" % i).encode(), value=b"v%d" % i, partition=i % 2)
        producer.produce("other-trips", value=b"not mirrored")
        producer.flush(30)

        admin = AdminClient({"bootstrap.servers": self.a.bootstrap})
        wait_until(lambda: "companyb.fresh-trips" in admin.list_topics(timeout=10).topics, timeout=60,
                   what="companyb.fresh-trips created on A")
        md = admin.list_topics(timeout=10)
        self.assertEqual(len(md.topics["companyb.fresh-trips"].partitions), 2)
        self.assertNotIn("companyb.other-trips", md.topics)
        resource = ConfigResource(ConfigResource.Type.TOPIC, "companyb.fresh-trips")
        self.assertEqual(admin.describe_configs([resource])[resource].result(10)["retention.ms"].value, "3600000")
        # The connector asked for new task configs: two more partitions, two more tasks.
        wait_for_running(self.url, "mirror-b", tasks=PARTITIONS + 2, timeout=60)
        records = consume(self.a.bootstrap, "companyb.fresh-trips", n, timeout=60)
        self.assertEqual(sorted((m.partition(), m.key()) for m in records),
                         sorted((i % 2, ("trip-%d" % i).encode()) for i in range(n)))
        # The topics mirrored before keep flowing.
        producer.produce("rides", key=b"after-refresh", value=b"x", partition=1)
        producer.flush(10)
        wait_until(lambda: any(m.key() == b"after-refresh" for m in consume(
            self.a.bootstrap, "companyb.rides", len(sent) + 1, timeout=5)), timeout=60, what="rides after refresh")

        # A partition added to a mirrored topic is added to its mirror too, and copied.
        source_admin = AdminClient({"bootstrap.servers": self.b.bootstrap})
        source_admin.create_partitions([NewPartitions("rides", PARTITIONS + 1)])["rides"].result(10)
        wait_until(lambda: len(source_admin.list_topics(timeout=10).topics["rides"].partitions) == PARTITIONS + 1,
                   timeout=30, what="rides grown on B")
        producer = Producer({"bootstrap.servers": self.b.bootstrap})  # a fresh one knows the new partition
        producer.produce("rides", key=b"new-partition", value=b"y", partition=PARTITIONS)
        producer.flush(10)
        wait_until(lambda: len(admin.list_topics(timeout=10).topics["companyb.rides"].partitions) == PARTITIONS + 1,
                   timeout=60, what="companyb.rides grown")
        wait_until(lambda: any(m.key() == b"new-partition" and m.partition() == PARTITIONS for m in consume(
            self.a.bootstrap, "companyb.rides", len(sent) + 2, timeout=5)), timeout=60, what="record of new partition")

    def test_migrate_from_a_kinesis_checkpoint(self):
        # Records as the Kinesis source writes them: shard id and sequence number in headers.
        create_topic(self.a.bootstrap, "kinesis-rides", 2)
        base = 49590338271490256608559692538361571095921575989136588800

        def seq(n):
            return str(base + n)
        layout = {0: [("shardId-000000000000", 100), ("shardId-000000000001", 200), ("shardId-000000000000", 101),
                      ("shardId-000000000001", 201), ("shardId-000000000000", 102)],
                  1: [("shardId-000000000000", 103), ("shardId-000000000000", 104),
                      ("shardId-000000000001", 202)]}
        producer = Producer({"bootstrap.servers": self.a.bootstrap})
        for p, records in layout.items():
            for shard, n in records:
                producer.produce("kinesis-rides", value=b"ride", key=b"pk", partition=p, headers=[
                    ("kinesis.stream", b"rides"), ("kinesis.shard.id", shard.encode()),
                    ("kinesis.sequence.number", seq(n).encode())])
        producer.flush(10)
        checkpoint = os.path.join(self.a.data_dir, "kcl-checkpoint.json")
        with open(checkpoint, "w") as f:
            json.dump({"stream": "rides", "shards": {"shardId-000000000000": seq(103),
                                                     "shardId-000000000001": seq(200)}}, f)
        args = ["migrate", "kinesis", "--bootstrap-server", self.a.bootstrap, "--topic", "kinesis-rides",
                "--group", "rides-app", "--checkpoint", checkpoint]
        out = tributary(*args)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("Dry run", out.stdout)
        self.assertEqual(committed(self.a.bootstrap, "rides-app", "kinesis-rides", 2), {})
        out = tributary(*args, "--execute")
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        # Partition 0 resumes at shard 1's 201 (offset 3), partition 1 at shard 0's 104 (offset 1).
        self.assertEqual(committed(self.a.bootstrap, "rides-app", "kinesis-rides", 2), {0: 3, 1: 1})

        bad = os.path.join(self.a.data_dir, "bad.json")
        with open(bad, "w") as f:
            f.write("{}")
        out = tributary("migrate", "kinesis", "--bootstrap-server", self.a.bootstrap, "--topic", "kinesis-rides",
                        "--group", "g", "--checkpoint", bad)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("shards", out.stderr)


if __name__ == "__main__":
    harness.main()
