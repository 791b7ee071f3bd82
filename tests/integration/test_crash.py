"""Durability: records acknowledged with acks=all survive `kill -9` of the broker mid-stream."""
import threading
import time
import unittest

from confluent_kafka import Consumer, Producer, TopicPartition

from harness import Broker, main


class CrashTest(unittest.TestCase):
    def test_acked_records_survive_kill_9(self):
        broker = Broker("crash").start()
        try:
            topic = "durable"
            producer = Producer({"bootstrap.servers": broker.bootstrap, "acks": "all", "linger.ms": 20,
                                 "message.timeout.ms": 5000, "retries": 0, "max.in.flight": 5})
            acked = []
            lock = threading.Lock()

            def on_delivery(err, msg):
                if err is None:
                    with lock:
                        acked.append((msg.partition(), msg.offset(), msg.value()))

            producer.produce(topic, value=b"warmup", partition=0, on_delivery=on_delivery)
            producer.flush(10)
            produced = 1
            killed = False
            start = time.time()
            while not killed and time.time() - start < 30:
                producer.poll(0)  # delivery reports arrive only here
                ready_to_kill = len(acked) > 5000
                # A fresh burst sits in the client for linger.ms, so at the kill right after it those
                # records are certainly unacknowledged: the kill lands mid-stream.
                for _ in range(500):
                    try:
                        producer.produce(topic, value=b"record-%d" % (produced - 1), partition=0,
                                         on_delivery=on_delivery)
                        produced += 1
                    except BufferError:
                        break
                if ready_to_kill:
                    broker.kill9()
                    killed = True
            self.assertTrue(killed, "producer never got 5000 acks")
            producer.flush(6)  # outstanding ones fail; none may be acked after the kill
            with lock:
                acked_records = list(acked)
            self.assertGreater(produced, len(acked_records), "the kill should have caught records in flight")

            broker.start()
            consumer = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": "crash-check",
                                 "enable.auto.commit": False})
            low, high = consumer.get_watermark_offsets(TopicPartition(topic, 0), timeout=10)
            self.assertEqual(low, 0)
            consumer.assign([TopicPartition(topic, 0, 0)])
            stored = []
            deadline = time.time() + 60
            while len(stored) < high and time.time() < deadline:
                for m in consumer.consume(num_messages=10000, timeout=1.0):
                    self.assertIsNone(m.error())
                    stored.append((m.offset(), m.value()))
            consumer.close()
            self.assertEqual(len(stored), high, "the log is readable to its end")
            self.assertEqual([o for o, _ in stored], list(range(high)), "offsets are dense and in order")
            by_offset = dict(stored)
            for partition, offset, value in acked_records:
                self.assertEqual(by_offset.get(offset), value, "acked record at offset %d lost" % offset)
            # the producer's order is the log's order
            values = [v for _, v in stored[1:]]
            self.assertEqual(values, [b"record-%d" % n for n in range(len(values))])
            self.assertEqual(broker.stop(), 0)
        finally:
            if broker.alive():
                print(broker.read_log())
            broker.cleanup()

    def test_clean_restart_keeps_topics_and_configs(self):
        broker = Broker("restart").start()
        try:
            producer = Producer({"bootstrap.servers": broker.bootstrap, "acks": "all"})
            for i in range(100):
                producer.produce("kept", value=b"%d" % i, partition=0)
            producer.flush(10)
            self.assertEqual(broker.stop(), 0)
            broker.start()
            consumer = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": "x"})
            self.assertEqual(consumer.get_watermark_offsets(TopicPartition("kept", 0), timeout=10), (0, 100))
            consumer.close()
        finally:
            broker.cleanup()


if __name__ == "__main__":
    main()
