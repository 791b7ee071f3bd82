"""One member of a consumer group, run as its own process so a test can kill it with SIGKILL.

Usage: group_worker.py CLIENT BOOTSTRAP GROUP TOPIC OUT_FILE [ASSIGNOR]
CLIENT is confluent or kafka-python. Each line of OUT_FILE is an event, flushed at once:
  assigned <json list of partitions>      after every rebalance (the member's whole assignment)
  record <partition> <offset> <value> <time>   a consumed record, time in seconds since the epoch
  committed <partition> <offset> <time>        after a synchronous commit succeeded (next offset to read)
Offsets are committed after each polled batch has been written down, so only records polled since
the last commit can be delivered twice after a crash.
"""
import json
import sys
import time


def out(f, line):
    f.write(line + "\n")
    f.flush()


def run_confluent(bootstrap, group, topic, f, assignor):
    from confluent_kafka import Consumer

    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False,
                         "auto.offset.reset": "earliest", "session.timeout.ms": 6000,
                         "heartbeat.interval.ms": 500, "partition.assignment.strategy": assignor,
                         "fetch.wait.max.ms": 100})
    owned = set()

    def on_assign(c, partitions):
        if assignor == "cooperative-sticky":
            c.incremental_assign(partitions)
            owned.update(p.partition for p in partitions)
        else:
            owned.clear()
            owned.update(p.partition for p in partitions)
        out(f, "assigned " + json.dumps(sorted(owned)))

    def on_revoke(c, partitions):
        if assignor == "cooperative-sticky":
            c.incremental_unassign(partitions)
            owned.difference_update(p.partition for p in partitions)
        else:
            owned.clear()
        out(f, "assigned " + json.dumps(sorted(owned)))

    consumer.subscribe([topic], on_assign=on_assign, on_revoke=on_revoke)
    while True:
        batch = consumer.consume(num_messages=500, timeout=0.5)
        next_offsets = {}
        for m in batch:
            if m.error():
                continue
            out(f, "record %d %d %s %f" % (m.partition(), m.offset(), m.value().decode(), time.time()))
            next_offsets[m.partition()] = m.offset() + 1
        if next_offsets:
            try:
                committed = consumer.commit(asynchronous=False)
            except Exception as e:  # a rebalance can void a commit; the records are re-delivered
                out(f, "commit-failed %s" % e)
                continue
            for tp in committed:
                if tp.partition in next_offsets and tp.error is None:
                    out(f, "committed %d %d %f" % (tp.partition, tp.offset, time.time()))


def run_kafka_python(bootstrap, group, topic, f, assignor):
    from kafka import KafkaConsumer, ConsumerRebalanceListener, OffsetAndMetadata, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False,
                             auto_offset_reset="earliest", session_timeout_ms=6000, heartbeat_interval_ms=500,
                             fetch_max_wait_ms=100)

    class Listener(ConsumerRebalanceListener):
        def on_partitions_revoked(self, revoked):
            out(f, "assigned []")

        def on_partitions_assigned(self, assigned):
            out(f, "assigned " + json.dumps(sorted(tp.partition for tp in assigned)))

    consumer.subscribe([topic], listener=Listener())
    while True:
        polled = consumer.poll(timeout_ms=500, max_records=500)
        offsets = {}
        for tp, messages in polled.items():
            for m in messages:
                out(f, "record %d %d %s %f" % (m.partition, m.offset, m.value.decode(), time.time()))
                offsets[TopicPartition(topic, m.partition)] = OffsetAndMetadata(m.offset + 1, None)
        if offsets:
            try:
                consumer.commit(offsets)
            except Exception as e:
                out(f, "commit-failed %s" % e)
                continue
            for tp, om in offsets.items():
                out(f, "committed %d %d %f" % (tp.partition, om.offset, time.time()))


def main():
    client, bootstrap, group, topic, path = sys.argv[1:6]
    assignor = sys.argv[6] if len(sys.argv) > 6 else "range"
    with open(path, "a") as f:
        out(f, "started %f" % time.time())
        {"confluent": run_confluent, "kafka-python": run_kafka_python}[client](bootstrap, group, topic, f, assignor)


if __name__ == "__main__":
    main()
