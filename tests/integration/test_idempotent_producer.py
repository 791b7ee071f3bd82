"""Idempotent producer: kill -9 of the broker while records are in flight; afterwards the topic holds
every acknowledged record exactly once, with no gaps or duplicates in the producer's sequence."""
import threading
import time
import unittest

from confluent_kafka import Consumer, Producer, TopicPartition

from harness import Broker, main


class IdempotentProducerTest(unittest.TestCase):
    def test_kill_9_mid_stream(self):
        broker = Broker("idempotent", {"num.partitions": "3"}).start()
        try:
            producer = Producer({"bootstrap.servers": broker.bootstrap, "enable.idempotence": True, "acks": "all",
                                 "linger.ms": 5, "message.timeout.ms": 60000, "retry.backoff.ms": 200})
            acked = set()
            failed = []
            lock = threading.Lock()

            def on_delivery(err, msg):
                with lock:
                    (failed.append(err) if err else acked.add(int(msg.value())))

            total = 50_000
            restarted = threading.Event()

            def kill_and_restart():
                while len(acked) < 10_000:
                    time.sleep(0.01)
                broker.kill9()
                time.sleep(1)
                broker.start()
                restarted.set()

            killer = threading.Thread(target=kill_and_restart)
            killer.start()
            for i in range(total):
                while True:
                    try:
                        producer.produce("exactly-once", value=str(i).encode(), partition=i % 3, on_delivery=on_delivery)
                        break
                    except BufferError:
                        producer.poll(0.05)
                producer.poll(0)
            self.assertEqual(producer.flush(90), 0)
            killer.join()
            self.assertTrue(restarted.is_set())
            self.assertEqual(failed, [])
            self.assertEqual(len(acked), total)

            consumer = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": "check", "enable.auto.commit": False})
            consumer.assign([TopicPartition("exactly-once", p, 0) for p in range(3)])
            values = []
            deadline = time.time() + 60
            while len(values) < total and time.time() < deadline:
                for m in consumer.consume(num_messages=10000, timeout=0.5):
                    if not m.error():
                        values.append((m.partition(), int(m.value())))
            consumer.close()
            self.assertEqual(len(values), total, "every acknowledged record is there, none twice")
            for p in range(3):
                in_partition = [v for part, v in values if part == p]
                self.assertEqual(in_partition, list(range(p, total, 3)), "partition %d in producer order" % p)
        finally:
            broker.cleanup()


if __name__ == "__main__":
    main()
