"""kafka-python 2.0.2: produce and consume round trips, admin basics."""
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic

from harness import BrokerTestCase, main


class KafkaPythonTest(BrokerTestCase):
    def test_round_trip_with_keys_and_headers(self):
        topic = "kp-round-trip"
        admin = KafkaAdminClient(bootstrap_servers=self.broker.bootstrap)
        admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1)])
        self.assertIn(topic, admin.list_topics())
        admin.close()

        producer = KafkaProducer(bootstrap_servers=self.broker.bootstrap, acks="all", compression_type="gzip")
        futures = [producer.send(topic, key=b"k%d" % i, value=b"v%d" % i, partition=i % 2,
                                 headers=[("n", str(i).encode())]) for i in range(500)]
        producer.flush()
        offsets = [f.get(timeout=10) for f in futures]
        self.assertEqual(sorted(o.offset for o in offsets if o.partition == 0), list(range(250)))
        producer.close()

        consumer = KafkaConsumer(bootstrap_servers=self.broker.bootstrap, consumer_timeout_ms=5000,
                                 enable_auto_commit=False, group_id=None)
        consumer.assign([TopicPartition(topic, 0), TopicPartition(topic, 1)])
        consumer.seek_to_beginning()
        got = {}
        for m in consumer:
            got[int(m.value[1:])] = m
            if len(got) == 500:
                break
        consumer.close()
        self.assertEqual(len(got), 500)
        for i, m in got.items():
            self.assertEqual(m.key, b"k%d" % i)
            self.assertEqual(m.partition, i % 2)
            self.assertEqual(m.headers, [("n", str(i).encode())])

    def test_end_offsets_and_uncompressed(self):
        topic = "kp-plain"
        producer = KafkaProducer(bootstrap_servers=self.broker.bootstrap)
        for i in range(20):
            producer.send(topic, b"x%d" % i, partition=0)
        producer.flush()
        producer.close()
        consumer = KafkaConsumer(bootstrap_servers=self.broker.bootstrap, group_id=None)
        tp = TopicPartition(topic, 0)
        self.assertEqual(consumer.end_offsets([tp])[tp], 20)
        self.assertEqual(consumer.beginning_offsets([tp])[tp], 0)
        consumer.close()


if __name__ == "__main__":
    main()
