"""Committed offsets survive kill -9 of the broker; kcat's balanced consumer; `tributary groups`."""
import re
import subprocess
import time
import unittest

from confluent_kafka import Consumer, TopicPartition

from harness import BIN, Broker, main
from groups import create_topic, produce_numbers, wait_for


def group_consumer(broker, group, **extra):
    config = {"bootstrap.servers": broker.bootstrap, "group.id": group, "enable.auto.commit": False,
              "auto.offset.reset": "earliest", "session.timeout.ms": 6000, "heartbeat.interval.ms": 500}
    config.update(extra)
    return Consumer(config)


def poll_values(consumer, count, timeout=30):
    values = []
    deadline = time.time() + timeout
    while len(values) < count and time.time() < deadline:
        for m in consumer.consume(num_messages=count - len(values), timeout=0.5):
            if not m.error():
                values.append(int(m.value()))
    return values


def groups_cli(broker, *args):
    proc = subprocess.run([BIN, "groups", "--bootstrap-server", broker.bootstrap, *args], capture_output=True,
                          text=True, timeout=60)
    if proc.returncode != 0:
        raise AssertionError("tributary groups %s: %s%s" % (" ".join(args), proc.stdout, proc.stderr))
    return proc.stdout


class GroupOffsetsTest(unittest.TestCase):
    def setUp(self):
        self.broker = Broker("offsets", {"group.initial.rebalance.delay.ms": "0"}).start()

    def tearDown(self):
        self.broker.cleanup()

    def test_committed_offsets_survive_kill_9(self):
        create_topic(self.broker, "resume", 1)
        produce_numbers(self.broker, "resume", 1000, 1)
        consumer = group_consumer(self.broker, "resumers")
        consumer.subscribe(["resume"])
        first = poll_values(consumer, 400)
        self.assertEqual(first, list(range(400)))
        consumer.commit(offsets=[TopicPartition("resume", 0, 400)], asynchronous=False)
        consumer.close()

        self.broker.kill9()
        self.broker.start()
        consumer = group_consumer(self.broker, "resumers")
        consumer.subscribe(["resume"])
        rest = poll_values(consumer, 600)
        consumer.close()
        self.assertEqual(rest, list(range(400, 1000)), "the group resumes at its committed offset")

    def test_kcat_balanced_consumer_and_groups_cli(self):
        create_topic(self.broker, "kcat-group", 3)
        produce_numbers(self.broker, "kcat-group", 300, 3)
        proc = subprocess.run(["kcat", "-b", self.broker.bootstrap, "-G", "kcat-group", "-o", "beginning",
                               "-c", "300", "-q", "-f", "%s\n", "-X", "session.timeout.ms=6000",
                               "-X", "auto.commit.interval.ms=100", "kcat-group"],
                              capture_output=True, text=True, timeout=90)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(sorted(int(v) for v in proc.stdout.split()), list(range(300)))

        listing = groups_cli(self.broker, "list")
        self.assertIn("kcat-group", listing)
        def caught_up():
            out = groups_cli(self.broker, "describe", "kcat-group")
            return all(re.search(r"kcat-group\s+%d\s+100\s+100\s+0\b" % p, out) for p in range(3))

        wait_for(caught_up, 20, "kcat's commits to show lag 0 on every partition")

        plan = groups_cli(self.broker, "reset-offsets", "kcat-group", "--topic", "kcat-group", "--to-offset", "10")
        self.assertIn("Dry run", plan)
        self.assertRegex(groups_cli(self.broker, "describe", "kcat-group"), r"kcat-group\s+0\s+100\s+100\s+0")
        groups_cli(self.broker, "reset-offsets", "kcat-group", "--topic", "kcat-group", "--to-earliest", "--execute")
        self.assertRegex(groups_cli(self.broker, "describe", "kcat-group"), r"kcat-group\s+0\s+0\s+100\s+100")

        groups_cli(self.broker, "delete", "kcat-group")
        self.assertNotIn("kcat-group", groups_cli(self.broker, "list"))


if __name__ == "__main__":
    main()
