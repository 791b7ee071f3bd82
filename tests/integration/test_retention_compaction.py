"""Retention deletes old segments; compaction keeps the last value per key."""
import time

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from harness import BrokerTestCase, main


class RetentionCompactionTest(BrokerTestCase):
    settings = {"log.retention.check.interval.ms": "500"}

    def produce(self, topic, records):
        producer = Producer({"bootstrap.servers": self.broker.bootstrap, "linger.ms": 0, "batch.num.messages": 1})
        for key, value in records:
            producer.produce(topic, key=key, value=value, partition=0)
        self.assertEqual(producer.flush(10), 0)

    def watermarks(self, topic):
        consumer = Consumer({"bootstrap.servers": self.broker.bootstrap, "group.id": "r", "enable.auto.commit": False})
        try:
            return consumer.get_watermark_offsets(TopicPartition(topic, 0), timeout=10)
        finally:
            consumer.close()

    def read(self, topic):
        # Retention may delete the start while this reads: resetting to the earliest keeps the read going.
        consumer = Consumer({"bootstrap.servers": self.broker.bootstrap, "group.id": "r", "enable.auto.commit": False,
                             "auto.offset.reset": "earliest"})
        low, high = consumer.get_watermark_offsets(TopicPartition(topic, 0), timeout=10)
        consumer.assign([TopicPartition(topic, 0, low)])
        out = []
        deadline = time.time() + 20
        while (not out or out[-1][0] < high - 1) and time.time() < deadline and high > low:
            for m in consumer.consume(num_messages=1000, timeout=0.5):
                self.assertIsNone(m.error())
                out.append((m.offset(), m.key(), m.value()))
        consumer.close()
        return low, high, out

    def create(self, topic, config):
        client = AdminClient({"bootstrap.servers": self.broker.bootstrap})
        client.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1, config=config)])[topic].result(10)

    def test_retention_by_size_deletes_old_segments(self):
        topic = "retained"
        self.create(topic, {"segment.bytes": "1024", "retention.bytes": "4096"})
        self.produce(topic, [(None, b"x" * 200) for _ in range(200)])
        deadline = time.time() + 15
        low = 0
        while time.time() < deadline:
            low, high = self.watermarks(topic)
            if low > 100:
                break
            time.sleep(0.5)
        self.assertGreater(low, 100, "old segments should be gone")
        self.assertEqual(high, 200)
        _, _, records = self.read(topic)
        self.assertEqual(records[-1][0], 199)

    def test_retention_by_time(self):
        topic = "expiring"
        self.create(topic, {"segment.bytes": "1024", "retention.ms": "1000"})
        old = int(time.time() * 1000) - 60_000
        producer = Producer({"bootstrap.servers": self.broker.bootstrap, "linger.ms": 0})
        for i in range(50):
            producer.produce(topic, value=b"y" * 100, partition=0, timestamp=old)
        producer.flush(10)
        deadline = time.time() + 15
        while time.time() < deadline:
            low, _ = self.watermarks(topic)
            if low >= 40:
                break
            time.sleep(0.5)
        self.assertGreaterEqual(low, 40)

    def test_compaction_keeps_last_value_per_key(self):
        topic = "compacted"
        self.create(topic, {"cleanup.policy": "compact", "segment.bytes": "1024", "min.compaction.lag.ms": "0",
                            "delete.retention.ms": "100"})
        records = []
        for round_ in range(20):
            for k in range(5):
                records.append((b"key-%d" % k, b"value-%d-%d" % (k, round_)))
        records.append((b"key-4", None))  # tombstone
        records += [(b"filler-%d" % i, b"f" * 100) for i in range(30)]  # roll past the interesting ones
        self.produce(topic, records)
        deadline = time.time() + 20
        latest = {}
        while time.time() < deadline:
            _, _, out = self.read(topic)
            latest = {}
            counts = {}
            for _, k, v in out:
                latest[k] = v
                counts[k] = counts.get(k, 0) + 1
            if all(counts.get(b"key-%d" % k, 0) <= 1 for k in range(4)) and b"key-4" not in latest:
                break
            time.sleep(0.5)
        for k in range(4):
            self.assertEqual(latest.get(b"key-%d" % k), b"value-%d-19" % k)
        self.assertNotIn(b"key-4", latest, "tombstone and its key are gone after delete.retention.ms")
        _, _, out = self.read(topic)
        keys = [k for _, k, _ in out if k.startswith(b"key-")]
        self.assertEqual(len(keys), len(set(keys)), "one record per key after compaction")


if __name__ == "__main__":
    main()
