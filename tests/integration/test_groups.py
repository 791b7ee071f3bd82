"""Consumer groups: members share partitions, commits are kept, a killed member's partitions move to
the others, and committed records are never delivered again. One scenario, run with each client."""
import time
import unittest

from harness import Broker, main
from groups import Member, consumed, covers, create_topic, produce_numbers, redelivered_after_commit, wait_for

PARTITIONS = 6
RECORDS = 60_000
SESSION_TIMEOUT_S = 6


class GroupScenario(unittest.TestCase):
    client = None
    assignor = "range"

    @classmethod
    def setUpClass(cls):
        cls.broker = Broker("groups-" + cls.__name__, {"group.initial.rebalance.delay.ms": "0"}).start()

    @classmethod
    def tearDownClass(cls):
        code = cls.broker.stop()
        if code != 0:
            print(cls.broker.read_log())
        cls.broker.cleanup()

    def test_share_fail_over_and_exactly_once(self):
        if self.client is None:
            self.skipTest("base scenario")
        topic = group = "groups-%s-%s" % (self.client, self.assignor)
        create_topic(self.broker, topic, PARTITIONS)
        paths = ["%s/%s-%d.events" % (self.broker.data_dir, group, i) for i in range(3)]
        members = [Member(self.client, self.broker, group, topic, p, self.assignor) for p in paths]
        try:
            wait_for(lambda: covers(members, PARTITIONS), 60, "three members to share the partitions")
            produce_numbers(self.broker, topic, RECORDS, PARTITIONS)
            wait_for(lambda: len(consumed(members)) >= RECORDS // 3, 60, "a third of the records")

            members[0].kill9()
            killed_at = time.time()
            wait_for(lambda: covers(members[1:], PARTITIONS), 60, "the survivors to take over")
            moved_after = time.time() - killed_at
            # Detection takes the session timeout; the rebalance itself must be quick.
            self.assertLess(moved_after, SESSION_TIMEOUT_S + 6, "partitions moved after %.1fs" % moved_after)

            wait_for(lambda: len(consumed(members)) >= RECORDS, 90, "every record")
            seen = consumed(members)
            values = {v for deliveries in seen.values() for _, v, _ in deliveries}
            self.assertEqual(values, {str(i) for i in range(RECORDS)})
            redelivered = [tp for tp, d in seen.items() if len(d) > 1]
            again = redelivered_after_commit(members)
            self.assertEqual(again[:20], [], "%d committed records delivered again (partition, offset)" % len(again))
            print("%s/%s: moved after %.1fs, %d in-flight records re-delivered" %
                  (self.client, self.assignor, moved_after, len(redelivered)))
        finally:
            for m in members:
                m.stop()
            for p in paths:
                with open(p + ".stderr") as f:
                    err = f.read().strip()
                if err:
                    print("---- %s stderr ----\n%s" % (p, err[-3000:]))


class ConfluentRange(GroupScenario):
    client = "confluent"


class ConfluentCooperativeSticky(GroupScenario):
    client = "confluent"
    assignor = "cooperative-sticky"


class KafkaPython(GroupScenario):
    client = "kafka-python"


class Kafkajs(GroupScenario):
    client = "kafkajs"


if __name__ == "__main__":
    main()
