"""confluent-kafka-python (librdkafka): bulk acks=all produce, manual-assignment consume, admin, ListOffsets."""
import time

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewPartitions, NewTopic

from harness import BrokerTestCase, main


def admin(broker):
    return AdminClient({"bootstrap.servers": broker.bootstrap})


def wait_all(futures, timeout=30):
    return {k: f.result(timeout=timeout) for k, f in futures.items()}


def create_topic(broker, topic, partitions):
    client = admin(broker)  # the client must outlive its futures
    wait_all(client.create_topics([NewTopic(topic, num_partitions=partitions, replication_factor=1)]))


def consume_all(broker, topic, partitions, expected, timeout=60):
    """Reads from the beginning of every partition until `expected` records arrived."""
    consumer = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": "manual-" + topic,
                         "enable.auto.commit": False, "fetch.wait.max.ms": 100})
    consumer.assign([TopicPartition(topic, p, 0) for p in range(partitions)])
    records = []
    deadline = time.time() + timeout
    while len(records) < expected and time.time() < deadline:
        for m in consumer.consume(num_messages=10000, timeout=1.0):
            if m.error():
                raise KafkaException(m.error())
            records.append(m)
    consumer.close()
    return records


class ConfluentKafkaTest(BrokerTestCase):
    def test_100k_records_acks_all_six_partitions(self):
        topic = "bulk"
        create_topic(self.broker, topic, 6)
        producer = Producer({"bootstrap.servers": self.broker.bootstrap, "acks": "all", "linger.ms": 5})
        acked = []
        errors = []

        def on_delivery(err, msg):
            (errors if err else acked).append(err or msg)

        total = 100_000
        for i in range(total):
            while True:
                try:
                    producer.produce(topic, key=str(i % 1000), value=b"value-%d" % i, partition=i % 6,
                                     on_delivery=on_delivery)
                    break
                except BufferError:
                    producer.poll(0.1)
            if i % 1000 == 0:
                producer.poll(0)
        self.assertEqual(producer.flush(60), 0)
        self.assertEqual(errors, [])
        self.assertEqual(len(acked), total)

        records = consume_all(self.broker, topic, 6, total)
        self.assertEqual(len(records), total)
        seen = set()
        last_offset = {}
        for m in records:
            i = int(m.value().split(b"-")[1])
            self.assertNotIn(i, seen)
            seen.add(i)
            self.assertEqual(m.partition(), i % 6)
            self.assertEqual(m.key(), str(i % 1000).encode())
            # per-partition order: offsets and producer order both increase
            prev = last_offset.get(m.partition(), (-1, -1))
            self.assertGreater(m.offset(), prev[0])
            self.assertGreater(i, prev[1])
            last_offset[m.partition()] = (m.offset(), i)
        self.assertEqual(len(seen), total)

    def test_admin_create_describe_alter_delete(self):
        a = admin(self.broker)
        wait_all(a.create_topics([NewTopic("admin-t", num_partitions=3, replication_factor=1,
                                           config={"retention.ms": "3600000"})]))
        with self.assertRaises(KafkaException) as ctx:
            wait_all(a.create_topics([NewTopic("admin-t", num_partitions=1, replication_factor=1)]))
        self.assertIn("TOPIC_ALREADY_EXISTS", str(ctx.exception))
        with self.assertRaises(KafkaException):
            wait_all(a.create_topics([NewTopic("bad/name", num_partitions=1, replication_factor=1)]))
        with self.assertRaises(KafkaException):
            wait_all(a.create_topics([NewTopic("bad-config", num_partitions=1, replication_factor=1,
                                               config={"retention.ms": "soon"})]))

        md = a.list_topics(timeout=10)
        self.assertEqual(len(md.topics["admin-t"].partitions), 3)

        resource = ConfigResource("topic", "admin-t")
        configs = wait_all(a.describe_configs([resource]))[resource]
        self.assertEqual(configs["retention.ms"].value, "3600000")
        self.assertFalse(configs["retention.ms"].is_default)
        self.assertEqual(configs["cleanup.policy"].value, "delete")
        self.assertTrue(configs["cleanup.policy"].is_default)

        alter = ConfigResource("topic", "admin-t", set_config={"cleanup.policy": "compact"})
        wait_all(a.alter_configs([alter]))
        configs = wait_all(a.describe_configs([resource]))[resource]
        self.assertEqual(configs["cleanup.policy"].value, "compact")
        # AlterConfigs replaces the whole set: retention.ms is back to its default.
        self.assertEqual(configs["retention.ms"].value, "604800000")

        wait_all(a.create_partitions([NewPartitions("admin-t", 5)]))
        self.assertEqual(len(a.list_topics(timeout=10).topics["admin-t"].partitions), 5)
        with self.assertRaises(KafkaException):
            wait_all(a.create_partitions([NewPartitions("admin-t", 2)]))

        wait_all(a.delete_topics(["admin-t"]))
        self.assertNotIn("admin-t", a.list_topics(timeout=10).topics)
        with self.assertRaises(KafkaException):
            wait_all(a.delete_topics(["admin-t"]))

    def test_list_offsets_by_timestamp(self):
        topic = "by-time"
        producer = Producer({"bootstrap.servers": self.broker.bootstrap})
        base = int(time.time() * 1000) - 100_000
        for i in range(10):
            producer.produce(topic, value=b"v%d" % i, partition=0, timestamp=base + i * 1000)
            producer.flush(10)  # one batch per record so that each has its own timestamp
        consumer = Consumer({"bootstrap.servers": self.broker.bootstrap, "group.id": "ts"})
        for i, want in [(0, 0), (3, 3), (3.5, 4), (9, 9)]:
            tp = consumer.offsets_for_times([TopicPartition(topic, 0, int(base + i * 1000))], timeout=10)[0]
            self.assertEqual(tp.offset, want, "timestamp index %s" % i)
        tp = consumer.offsets_for_times([TopicPartition(topic, 0, base + 50_000)], timeout=10)[0]
        self.assertEqual(tp.offset, -1)  # later than every record: end
        low, high = consumer.get_watermark_offsets(TopicPartition(topic, 0), timeout=10)
        self.assertEqual((low, high), (0, 10))
        consumer.close()

    def test_fetch_long_poll_wakes_on_produce(self):
        topic = "long-poll"
        create_topic(self.broker, topic, 1)
        consumer = Consumer({"bootstrap.servers": self.broker.bootstrap, "group.id": "lp",
                             "enable.auto.commit": False, "fetch.wait.max.ms": 30000, "fetch.min.bytes": 1})
        consumer.assign([TopicPartition(topic, 0, 0)])
        self.assertIsNone(consumer.poll(1.0))  # the fetch is now parked in the broker
        producer = Producer({"bootstrap.servers": self.broker.bootstrap})
        producer.produce(topic, value=b"wake up", partition=0)
        producer.flush(10)
        # The parked fetch must be answered by the append, long before its 30 s max wait.
        message = consumer.poll(15.0)
        self.assertIsNotNone(message)
        self.assertEqual(message.value(), b"wake up")
        consumer.close()


if __name__ == "__main__":
    main()
