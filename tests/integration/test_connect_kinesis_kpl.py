"""The Kinesis source with KPL-aggregated records, AT_TIMESTAMP and `tributary migrate kinesis`, against
kinesalite (a Kinesis emulator from npm) driven by boto3. The aggregated records are encoded by the real
protobuf library (python3-protobuf) from a descriptor built here, not by our code: every user record
must arrive once, with its own partition key as key and the shard id, outer sequence number and
sub-sequence number as headers; a record with the KPL magic but a wrong MD5 arrives whole. A group
migrated from a Kinesis checkpoint in the middle of an aggregated record then reads exactly the
records after it. A Kinesis outage is retried within errors.retry.timeout."""
import hashlib
import json
import os
import shutil
import subprocess
import time
import unittest

from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

import harness
from connect_client import call, connect_url, consume, wait_for_connect, wait_for_running, wait_until

JS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "js")
KINESALITE = os.path.join(JS, "node_modules", "kinesalite", "cli.js")
BYTES = "org.apache.kafka.connect.converters.ByteArrayConverter"
STRING = "org.apache.kafka.connect.storage.StringConverter"
MAGIC = b"\xf3\x89\x9a\xc2"


def kpl_message_class():
    """AggregatedRecord as the KPL documents it, compiled at run time from a descriptor."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
    F = descriptor_pb2.FieldDescriptorProto
    fdp = descriptor_pb2.FileDescriptorProto(name="kpl_aggregation_test.proto", package="kpltest", syntax="proto2")
    agg = fdp.message_type.add(name="AggregatedRecord")
    agg.field.add(name="partition_key_table", number=1, type=F.TYPE_STRING, label=F.LABEL_REPEATED)
    agg.field.add(name="explicit_hash_key_table", number=2, type=F.TYPE_STRING, label=F.LABEL_REPEATED)
    agg.field.add(name="records", number=3, type=F.TYPE_MESSAGE, label=F.LABEL_REPEATED, type_name=".kpltest.Record")
    rec = fdp.message_type.add(name="Record")
    rec.field.add(name="partition_key_index", number=1, type=F.TYPE_UINT64, label=F.LABEL_REQUIRED)
    rec.field.add(name="explicit_hash_key_index", number=2, type=F.TYPE_UINT64, label=F.LABEL_OPTIONAL)
    rec.field.add(name="data", number=3, type=F.TYPE_BYTES, label=F.LABEL_REQUIRED)
    rec.field.add(name="tags", number=4, type=F.TYPE_MESSAGE, label=F.LABEL_REPEATED, type_name=".kpltest.Tag")
    tag = fdp.message_type.add(name="Tag")
    tag.field.add(name="key", number=1, type=F.TYPE_STRING, label=F.LABEL_REQUIRED)
    tag.field.add(name="value", number=2, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(fdp)
    desc = pool.FindMessageTypeByName("kpltest.AggregatedRecord")
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(desc)
    return message_factory.MessageFactory(pool).GetPrototype(desc)


def aggregated(message_class, users, hash_key=None):
    """users: [(partition_key, data)] -> the bytes of one KPL aggregated Kinesis record."""
    msg = message_class()
    keys = []
    for pk, _ in users:
        if pk not in keys:
            keys.append(pk)
    msg.partition_key_table.extend(keys)
    if hash_key:
        msg.explicit_hash_key_table.append(hash_key)
    for i, (pk, data) in enumerate(users):
        r = msg.records.add(partition_key_index=keys.index(pk), data=data)
        if hash_key:
            r.explicit_hash_key_index = 0
        if i % 2:
            r.tags.add(key="source", value="test")  # tags are skipped
    body = msg.SerializeToString()
    return MAGIC + body + hashlib.md5(body).digest()


def tributary(*args):
    return subprocess.run([harness.BIN, *args], capture_output=True, text=True, timeout=60)


def headers_of(m):
    return {k: v.decode() for k, v in (m.headers() or [])}


EMULATOR = {}


def setUpModule():
    if not os.path.exists(KINESALITE):
        raise unittest.SkipTest("kinesalite is not installed (scripts/install-deps runs npm ci in tests/js)")
    import boto3
    os.makedirs(harness.TMP_ROOT, exist_ok=True)
    port = harness.free_port()
    log = open(os.path.join(harness.TMP_ROOT, "kinesalite-%d.log" % port), "wb")
    proc = subprocess.Popen(["node", KINESALITE, "--port", str(port), "--createStreamMs", "0",
                             "--updateStreamMs", "0", "--shardLimit", "50"], stdout=log, stderr=subprocess.STDOUT)
    endpoint = "http://127.0.0.1:%d" % port
    client = boto3.client("kinesis", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="AKIDTEST", aws_secret_access_key="secret")
    EMULATOR.update(port=port, log=log, proc=proc, endpoint=endpoint, client=client)
    wait_until(lambda: client.list_streams() is not None, timeout=30, what="kinesalite")


def tearDownModule():
    if EMULATOR:
        EMULATOR["proc"].terminate()
        EMULATOR["proc"].wait(timeout=10)
        EMULATOR["log"].close()


class KplCase(unittest.TestCase):
    """A broker per test class, the emulator per module."""

    @classmethod
    def setUpClass(cls):
        cls.Aggregated = kpl_message_class()
        cls.kinesis_port = EMULATOR["port"]
        cls.endpoint = EMULATOR["endpoint"]
        cls.kinesis = EMULATOR["client"]
        cls.broker = harness.Broker(cls.__name__, {"connect.offset.flush.interval.ms": "500"}).start()
        cls.url = connect_url(cls.broker)
        wait_for_connect(cls.url)

    @classmethod
    def tearDownClass(cls):
        cls.broker.cleanup()

    def run(self, result=None):
        result = super().run(result)
        if result is not None and any(t is self for t, _ in result.failures + result.errors):
            print("---- server log ----\n" + self.broker.read_log())
        return result

    def make_stream(self, name, shards):
        self.kinesis.create_stream(StreamName=name, ShardCount=shards)
        wait_until(lambda: self.kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]
                   ["StreamStatus"] == "ACTIVE", timeout=30, what="stream ACTIVE")

    def connector(self, name, stream, topic, **extra):
        config = {"connector.class": "io.confluent.connect.kinesis.KinesisSourceConnector", "kafka.topic": topic,
                  "kinesis.stream": stream, "kinesis.region": "us-east-1", "kinesis.endpoint": self.endpoint,
                  "aws.access.key.id": "AKIDTEST", "aws.secret.key.id": "secret",
                  "kinesis.empty.records.backoff.ms": "200", "key.converter": STRING, "value.converter": BYTES}
        config.update(extra)
        return call(self.url, "POST", "/connectors", {"name": name, "config": config})

    def put_users(self, stream, first, count, per_record, prefix):
        """count user records with ids first.. in aggregated records of per_record each; returns
        {id: (partition key, outer sequence number, sub-sequence number, shard)}."""
        expected = {}
        ids = list(range(first, first + count))
        for start in range(0, len(ids), per_record):
            chunk = ids[start:start + per_record]
            users = [("%s-pk-%d" % (prefix, i % 7), json.dumps({"id": i}).encode()) for i in chunk]
            out = self.kinesis.put_record(StreamName=stream, PartitionKey="outer-%d" % chunk[0],
                                          Data=aggregated(self.Aggregated, users))
            for sub, (i, (pk, _)) in enumerate(zip(chunk, users)):
                expected[i] = (pk, out["SequenceNumber"], sub, out["ShardId"])
        return expected


class KinesisKplTest(KplCase):
    def test_user_records_arrive_once_with_their_keys_and_headers(self):
        stream = "kpl-%d" % self.kinesis_port
        self.make_stream(stream, 2)
        expected = self.put_users(stream, 0, 300, 10, "a")
        plain = self.kinesis.put_record(StreamName=stream, PartitionKey="plain-key", Data=json.dumps({"id": 1000}).encode())
        corrupt = aggregated(self.Aggregated, [("x", b"y")])
        corrupt = corrupt[:-1] + bytes([corrupt[-1] ^ 1])
        bad = self.kinesis.put_record(StreamName=stream, PartitionKey="corrupt-key", Data=corrupt)

        status, body = self.connector("kpl", stream, "kpl-out", **{"tasks.max": "2"})
        self.assertEqual(status, 201, body)
        wait_for_running(self.url, "kpl", tasks=2)
        wait_until(lambda: len(consume(self.broker.bootstrap, "kpl-out", 10 ** 9, timeout=2)) >= 302, timeout=60,
                   what="302 records")
        time.sleep(1)  # anything delivered twice would show up now
        records = consume(self.broker.bootstrap, "kpl-out", 10 ** 9, timeout=3)
        self.assertEqual(len(records), 302, "each user record once, plus the plain and the corrupt record")
        seen = {}
        for m in records:
            h = headers_of(m)
            if m.value() == corrupt:
                self.assertEqual(m.key(), b"corrupt-key")
                self.assertEqual(h["kinesis.sequence.number"], bad["SequenceNumber"])
                self.assertNotIn("kinesis.subsequence.number", h)
                continue
            i = json.loads(m.value())["id"]
            if i == 1000:
                self.assertEqual(m.key(), b"plain-key")
                self.assertEqual(h["kinesis.sequence.number"], plain["SequenceNumber"])
                self.assertNotIn("kinesis.subsequence.number", h)
                continue
            self.assertNotIn(i, seen, "user record %d delivered twice" % i)
            pk, seq, sub, shard = expected[i]
            seen[i] = m
            self.assertEqual(m.key().decode(), pk)
            self.assertEqual(h["kinesis.shard.id"], shard)
            self.assertEqual(h["kinesis.sequence.number"], seq)
            self.assertEqual(h["kinesis.subsequence.number"], str(sub))
        self.assertEqual(set(seen), set(expected))

    def test_at_timestamp_skips_earlier_records_and_needs_the_timestamp(self):
        stream = "kpl-ts-%d" % self.kinesis_port
        self.make_stream(stream, 1)
        status, body = self.connector("kpl-ts-missing", stream, "ts-out", **{"kinesis.position": "AT_TIMESTAMP"})
        self.assertEqual(status, 400, body)
        self.assertIn("kinesis.shard.timestamp", body["message"])
        status, body = self.connector("kpl-ts-bad", stream, "ts-out", **{"kinesis.position": "AT_TIMESTAMP",
                                                                          "kinesis.shard.timestamp": "tomorrow"})
        self.assertEqual(status, 400, body)
        self.assertIn("kinesis.shard.timestamp", body["message"])

        before = self.put_users(stream, 0, 20, 5, "early")
        time.sleep(1.5)  # arrival times are the emulator's clock: a clear gap on both sides
        start_ms = int(time.time() * 1000)
        time.sleep(1.5)
        after = self.put_users(stream, 100, 20, 5, "late")
        status, body = self.connector("kpl-ts", stream, "ts-out", **{"kinesis.position": "AT_TIMESTAMP",
                                                                      "kinesis.shard.timestamp": str(start_ms)})
        self.assertEqual(status, 201, body)
        wait_for_running(self.url, "kpl-ts")
        records = wait_until(lambda: (lambda r: r if len(r) >= len(after) else None)(
            consume(self.broker.bootstrap, "ts-out", 10 ** 9, timeout=2)), timeout=60, what="records after the time")
        ids = sorted(json.loads(m.value())["id"] for m in records)
        self.assertEqual(ids, sorted(after))
        self.assertFalse(set(ids) & set(before))

    def test_migrate_from_a_checkpoint_inside_an_aggregated_record(self):
        stream = "kpl-mig-%d" % self.kinesis_port
        topic = "mig-out"
        self.make_stream(stream, 1)
        admin = AdminClient({"bootstrap.servers": self.broker.bootstrap})
        admin.create_topics([NewTopic(topic, num_partitions=3, replication_factor=1)])[topic].result(10)
        expected = self.put_users(stream, 0, 200, 8, "m")
        status, body = self.connector("kpl-mig", stream, topic)
        self.assertEqual(status, 201, body)
        wait_for_running(self.url, "kpl-mig")
        records = wait_until(lambda: (lambda r: r if len(r) >= 200 else None)(
            consume(self.broker.bootstrap, topic, 10 ** 9, timeout=2)), timeout=60, what="200 records")
        self.assertEqual(len(records), 200)

        # The Kinesis application processed user records 0..101: record 101 is sub-record 5 of the
        # aggregated record holding 96..103.
        _, seq, sub, shard = expected[101]
        self.assertEqual(sub, 5)
        checkpoint = os.path.join(self.broker.data_dir, "kcl.json")
        with open(checkpoint, "w") as f:
            json.dump([{"leaseKey": shard, "checkpoint": seq, "checkpointSubSequenceNumber": sub}], f)
        out = tributary("migrate", "kinesis", "--bootstrap-server", self.broker.bootstrap, "--topic", topic,
                        "--group", "kinesis-app", "--checkpoint", checkpoint, "--execute")
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)

        # Independently: in each partition, right after the last record with id <= 101.
        want = {p: 0 for p in range(3)}
        for m in records:
            if json.loads(m.value())["id"] <= 101:
                want[m.partition()] = max(want[m.partition()], m.offset() + 1)
        consumer = Consumer({"bootstrap.servers": self.broker.bootstrap, "group.id": "kinesis-app",
                             "enable.auto.commit": False, "auto.offset.reset": "earliest"})
        try:
            got = consumer.committed([TopicPartition(topic, p) for p in range(3)], timeout=10)
        finally:
            consumer.close()
        self.assertEqual({tp.partition: tp.offset for tp in got}, want)

        rest = consume(self.broker.bootstrap, topic, 10 ** 9, timeout=5, group="kinesis-app")
        self.assertEqual(sorted(json.loads(m.value())["id"] for m in rest), list(range(102, 200)))


class KinesisKplKillTest(KplCase):
    def test_kill_9_between_aggregated_records_loses_nothing(self):
        stream = "kpl-kill-%d" % self.kinesis_port
        self.make_stream(stream, 1)
        expected = self.put_users(stream, 0, 400, 25, "k")
        # One Kinesis record (25 user records) per poll, so the kill lands between commits.
        status, body = self.connector("kpl-kill", stream, "kill-out", **{"kinesis.record.limit": "1"})
        self.assertEqual(status, 201, body)
        wait_for_running(self.url, "kpl-kill")
        wait_until(lambda: len(consume(self.broker.bootstrap, "kill-out", 10 ** 9, timeout=1)) >= 100, timeout=60,
                   what="some records before the kill")
        self.broker.kill9()
        expected.update(self.put_users(stream, 400, 100, 25, "k"))
        self.broker.start()
        wait_for_connect(self.url)
        wait_for_running(self.url, "kpl-kill")

        def all_there():
            ids = [json.loads(m.value())["id"] for m in consume(self.broker.bootstrap, "kill-out", 10 ** 9, timeout=2)]
            return ids if set(ids) >= set(expected) else None
        ids = wait_until(all_there, timeout=60, what="every user record after the restart")
        self.assertEqual(set(ids), set(expected), "user records lost across kill -9")
        # Duplicates are bounded by what was written after the last offset commit.
        self.assertLess(len(ids) - len(expected), 400)


class KinesisRetryTest(KplCase):
    """errors.retry.timeout through the task runner: a Kinesis endpoint that goes away for a few seconds
    is retried (the task stays RUNNING and every record arrives); without retries the task fails."""

    def start_emulator(self, port, path):
        log = open(os.path.join(harness.TMP_ROOT, "kinesalite-retry-%d.log" % port), "ab")
        proc = subprocess.Popen(["node", KINESALITE, "--port", str(port), "--path", path, "--createStreamMs", "0"],
                                stdout=log, stderr=subprocess.STDOUT)
        self.addCleanup(log.close)
        self.addCleanup(lambda: proc.poll() is not None or (proc.terminate(), proc.wait(timeout=10)))
        return proc

    def test_a_kinesis_outage_is_retried_within_errors_retry_timeout(self):
        import boto3
        import tempfile
        port = harness.free_port()
        path = tempfile.mkdtemp(prefix="kinesalite-", dir=harness.TMP_ROOT)
        self.addCleanup(shutil.rmtree, path, True)
        proc = self.start_emulator(port, path)
        endpoint = "http://127.0.0.1:%d" % port
        kinesis = boto3.client("kinesis", endpoint_url=endpoint, region_name="us-east-1",
                               aws_access_key_id="AKIDTEST", aws_secret_access_key="secret")
        wait_until(lambda: kinesis.list_streams() is not None, timeout=30, what="kinesalite", retry_on=(Exception,))
        kinesis.create_stream(StreamName="outage", ShardCount=1)
        wait_until(lambda: kinesis.describe_stream_summary(StreamName="outage")["StreamDescriptionSummary"]
                   ["StreamStatus"] == "ACTIVE", timeout=30, what="stream ACTIVE")
        kinesis.put_record(StreamName="outage", PartitionKey="k", Data=b"before")
        for name, timeout in (("patient", "120000"), ("impatient", "0")):
            status, body = self.connector(name, "outage", "outage-" + name, **{
                "kinesis.endpoint": endpoint, "errors.retry.timeout": timeout, "errors.retry.delay.max.ms": "1000",
                "errors.log.enable": "true"})
            self.assertEqual(status, 201, body)
            wait_for_running(self.url, name)
            wait_until(lambda: consume(self.broker.bootstrap, "outage-" + name, 1, timeout=2), timeout=30,
                       what="first record of " + name)

        proc.terminate()
        proc.wait(timeout=10)

        def state(name):
            return call(self.url, "GET", "/connectors/%s/status" % name)[1]["tasks"][0]["state"]
        wait_until(lambda: state("impatient") == "FAILED", timeout=30, what="the task without retries FAILED")
        wait_until(lambda: "stage=TASK_POLL attempt=3 retriable=true" in self.broker.read_log(), timeout=30,
                   what="retried polls in the log")
        self.assertEqual(state("patient"), "RUNNING")

        proc = self.start_emulator(port, path)
        wait_until(lambda: kinesis.put_record(StreamName="outage", PartitionKey="k", Data=b"after"), timeout=30,
                   what="kinesalite back", retry_on=(Exception,))
        values = wait_until(lambda: (lambda r: r if b"after" in r else None)(
            [m.value() for m in consume(self.broker.bootstrap, "outage-patient", 10 ** 9, timeout=2)]),
            timeout=60, what="the record written after the outage")
        self.assertEqual(values.count(b"before"), 1)
        self.assertEqual(state("patient"), "RUNNING")


if __name__ == "__main__":
    harness.main()
