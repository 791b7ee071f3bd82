"""Stateful queries over several SQL workers: two `tributary sql-server` processes share one
service id (so one command log and one consumer group per query) against one broker. A statement
run on one worker reaches the other through the command log.

A query with state over a one-partition source runs whole on one worker at a time, the owner its
consumer group elects (test_sql_tasks.py has queries spread as tasks); the other workers forward
pull queries on its table to it. Killed with kill -9, another worker restores the
state from the changelog and carries on; a worker that comes back with an old copy of the state on
its disk notices and restores too. Through all of it the table's totals stay exact: nothing lost,
nothing counted twice.
"""

from confluent_kafka.admin import AdminClient

import harness
from ksql import ksql, pull, wait_until
from sql_workers import SERVICE_ID, SqlWorkersTestCase, amount
import sql_workers

GATEWAYS = ["stripe", "adyen", "paypal", "klarna", "square"]


def gateway(i):
    return GATEWAYS[(i * 3) % len(GATEWAYS)]


def produce(bootstrap, first, count):
    sql_workers.produce(bootstrap, "payments", first, count,
                        lambda i: ("p%05d" % i, {"id": "p%05d" % i, "gateway": gateway(i), "amount": amount(i)}))


def expected_totals(n):
    return sql_workers.expected_totals(n, gateway)


class SqlWorkersTest(SqlWorkersTestCase):
    def owner(self, query_id, among):
        """The one worker of `among` that runs the query (waits until exactly one does)."""
        found = []

        def one_active():
            found[:] = [w for w in among if w.active(query_id)]
            return len(found) == 1
        wait_until(one_active, timeout=60, what="exactly one worker running " + query_id)
        return found[0]

    def totals(self, worker):
        _, rows = pull(worker.url, "SELECT GATEWAY, CNT, TOTAL FROM BY_GATEWAY;")
        return {r[0]: (r[1], r[2]) for r in rows}

    def assert_totals(self, query_id, among, n):
        """Waits until the owner has counted n payments, then wants exactly the produced totals."""
        def counted():
            owner = self.owner(query_id, among)
            got = self.totals(owner)
            return got if sum(c for c, _ in got.values()) >= n else None
        got = wait_until(counted, timeout=90, what="%d payments counted" % n)
        self.assertEqual(got, expected_totals(n))

    def test_a_killed_or_stopped_owner_hands_the_query_over_with_exact_totals(self):
        a, b = self.start_workers()
        # A statement run on one worker reaches the other through the command log: b's CREATE
        # TABLE finds a's stream, and a then runs b's query too.
        out = ksql(a.url, """
            CREATE STREAM PAYMENTS (ID STRING KEY, GATEWAY STRING, AMOUNT DOUBLE)
              WITH (KAFKA_TOPIC='payments', VALUE_FORMAT='JSON', PARTITIONS=1);""")
        self.assertEqual(out[0]["commandStatus"]["status"], "SUCCESS", out)
        out = ksql(b.url, """
            CREATE TABLE BY_GATEWAY AS
              SELECT GATEWAY, COUNT(*) AS CNT, SUM(AMOUNT) AS TOTAL FROM PAYMENTS GROUP BY GATEWAY EMIT CHANGES;""")
        self.assertEqual(out[0]["commandStatus"]["status"], "SUCCESS", out)
        query_id = out[0]["commandStatus"]["queryId"]
        wait_until(lambda: query_id in [q["id"] for q in ksql(a.url, "SHOW QUERIES;")[0]["queries"]],
                   timeout=30, what="the other worker running " + query_id)

        produce(self.broker.bootstrap, 0, 3000)
        self.assert_totals(query_id, [a, b], 3000)
        # Either worker answers pull queries: the one not running the query forwards them.
        for w in (a, b):
            self.assertEqual(self.totals(w), expected_totals(3000), w.url)

        # The owner dies mid-stream; the other worker restores the state from the changelog.
        first = self.owner(query_id, [a, b])
        other = b if first is a else a
        first.kill9()
        produce(self.broker.bootstrap, 3000, 2000)
        self.assert_totals(query_id, [other], 5000)

        # The dead worker comes back with its old copy of the state (3,000 payments in); the other
        # one leaves, so the returning worker runs the query. It must take the state from the
        # changelog, not process every payment since its old copy again.
        first.start()
        produce(self.broker.bootstrap, 5000, 1000)
        self.assert_totals(query_id, [first, other], 6000)
        for w in (first, other):
            self.assertEqual(self.totals(w), expected_totals(6000), w.url)
        other.stop()
        produce(self.broker.bootstrap, 6000, 500)
        self.assert_totals(query_id, [first], 6500)
        self.assertLessEqual(first.processed(query_id), 1500)

        # Dropping the table on one worker stops its query on every worker.
        other.start()
        wait_until(lambda: other.metric("tributary_sql_query_active", query_id) is not None,
                   timeout=30, what="the restarted worker running " + query_id)
        out = ksql(first.url, "DROP TABLE BY_GATEWAY;")
        self.assertEqual(out[0]["commandStatus"]["status"], "SUCCESS", out)
        for w in (first, other):
            wait_until(lambda: w.metric("tributary_sql_query_active", query_id) is None and
                       ksql(w.url, "SHOW QUERIES;")[0]["queries"] == [],
                       timeout=30, what="%s stopping %s" % (w.url, query_id))
        # Its changelog is deleted with it; the sink topic stays (no DELETE TOPIC).
        changelog = "_confluent-ksql-%squery_%s-changelog" % (SERVICE_ID, query_id)
        admin = AdminClient({"bootstrap.servers": self.broker.bootstrap})
        wait_until(lambda: changelog not in admin.list_topics(timeout=5).topics, timeout=30,
                   what="changelog topic deleted")
        self.assertIn("BY_GATEWAY", admin.list_topics(timeout=5).topics)


if __name__ == "__main__":
    harness.main()
