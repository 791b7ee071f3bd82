"""Queries with state run as tasks spread over SQL workers (Kafka Streams' model).

A table grouped by its source stream's key keeps every group inside one source partition; one
grouped by another column first writes its rows to a repartition topic keyed by the grouping. Either
way the query runs as one task per partition: its changelog has a partition per task, the query's
consumer group spreads them over the workers, and each worker runs the tasks it holds on their own
state. Pull queries on any worker gather the rows of every task. When a worker dies (kill -9) the
survivor restores its tasks from their changelog partitions; when it returns the tasks spread
again. The totals stay exact throughout: nothing lost, nothing counted twice, also for rows that
went through the repartition topic. A stream joined with a table on both keys (co-partitioned) runs
as tasks too, and so does that join grouped by its key: each task joins the payments of its
partition with the accounts of the same one. Joined with a table on another column, the stream's
rows first go through a repartition topic keyed as the table's records are.
"""
import json

from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient

import harness
from connect_client import consume
from ksql import ksql, pull, wait_until
from sql_workers import SERVICE_ID, SqlWorkersTestCase, amount
import sql_workers

ACCOUNTS = ["acct-%02d" % i for i in range(40)]
GATEWAYS = ["stripe", "adyen", "paypal", "klarna", "square"]
PARTITIONS = 4


def account(i):
    return ACCOUNTS[(i * 7) % len(ACCOUNTS)]


def gateway(i):
    return GATEWAYS[(i * 3) % len(GATEWAYS)]


def produce(bootstrap, first, count):
    sql_workers.produce(bootstrap, "account_payments", first, count,
                        lambda i: (account(i), {"GATEWAY": gateway(i), "AMOUNT": amount(i)}))


def owner(acct):
    return "owner-of-" + acct


def fee(gw):
    return (GATEWAYS.index(gw) + 1) / 4.0


class TasksTestCase(SqlWorkersTestCase):
    """Each test class has its own broker, so its workers replay only its own statements."""
    worker_names = ("sql-task-a", "sql-task-b")

    def tasks(self, worker, query_id):
        return worker.metric("tributary_sql_query_tasks", query_id) or 0

    def wait_for_tasks(self, query_id, counts):
        """Waits until the workers run these numbers of the query's tasks."""
        wait_until(lambda: [self.tasks(w, query_id) for w in counts] == list(counts.values()), timeout=60,
                   what="tasks of %s spread as %s" % (query_id, list(counts.values())))

    def totals(self, worker, table):
        _, rows = pull(worker.url, "SELECT * FROM %s;" % table)
        self.assertEqual(len(rows), len({r[0] for r in rows}), "a key answered twice: %s" % rows)
        return {r[0]: (r[1], r[2]) for r in rows}


class SqlTasksTest(TasksTestCase):
    def assert_totals(self, among, n):
        """Waits until the tasks have counted n payments, then wants exactly the produced totals from each worker."""
        for table, group in (("BY_ACCOUNT", account), ("BY_GATEWAY", gateway)):
            def counted():
                got = self.totals(among[0], table)
                return got if sum(c for c, _ in got.values()) >= n else None
            got = wait_until(counted, timeout=90, what="%d payments counted in %s" % (n, table))
            self.assertEqual(got, sql_workers.expected_totals(n, group), table)
            for w in among[1:]:
                self.assertEqual(self.totals(w, table), sql_workers.expected_totals(n, group), (w.url, table))

    def test_tasks_spread_over_workers_and_move_on_kill_with_exact_totals(self):
        a, b = self.start_workers()
        out = ksql(a.url, """
            CREATE STREAM ACCOUNT_PAYMENTS (ACCOUNT STRING KEY, GATEWAY STRING, AMOUNT DOUBLE)
              WITH (KAFKA_TOPIC='account_payments', VALUE_FORMAT='JSON', PARTITIONS=%d);
            CREATE TABLE BY_ACCOUNT AS
              SELECT ACCOUNT, COUNT(*) AS CNT, SUM(AMOUNT) AS TOTAL FROM ACCOUNT_PAYMENTS GROUP BY ACCOUNT;
            CREATE TABLE BY_GATEWAY AS
              SELECT GATEWAY, COUNT(*) AS CNT, SUM(AMOUNT) AS TOTAL FROM ACCOUNT_PAYMENTS GROUP BY GATEWAY;"""
                   % PARTITIONS)
        self.assertEqual([o["commandStatus"]["status"] for o in out], ["SUCCESS"] * 3, out)
        by_account, by_gateway = out[1]["commandStatus"]["queryId"], out[2]["commandStatus"]["queryId"]
        queries = (by_account, by_gateway)

        # The group hands two tasks of each query to each worker, and each processes its partitions
        # only (BY_GATEWAY's tasks read their source partition and their repartition partition).
        for q in queries:
            self.wait_for_tasks(q, {a: 2, b: 2})
        produce(self.broker.bootstrap, 0, 3000)
        self.assert_totals([a, b], 3000)
        self.assertGreater(a.processed(by_account), 0)
        self.assertGreater(b.processed(by_account), 0)
        self.assertEqual(a.processed(by_account) + b.processed(by_account), 3000)
        self.assertEqual(a.processed(by_gateway) + b.processed(by_gateway), 6000)

        # One worker dies mid-stream: the other restores its tasks from the changelog.
        a.kill9()
        produce(self.broker.bootstrap, 3000, 2000)
        for q in queries:
            self.wait_for_tasks(q, {b: PARTITIONS})
        self.assert_totals([b], 5000)

        # It comes back: the tasks spread again, each worker continuing from the changelog.
        a.start()
        for q in queries:
            self.wait_for_tasks(q, {a: 2, b: 2})
        produce(self.broker.bootstrap, 5000, 1000)
        self.assert_totals([a, b], 6000)

        # Dropping the table deletes its changelog at once and its repartition topic when a worker
        # next starts (no consumer has it assigned any more then).
        out = ksql(b.url, "DROP TABLE BY_GATEWAY;")
        self.assertEqual(out[0]["commandStatus"]["status"], "SUCCESS", out)
        admin = AdminClient({"bootstrap.servers": self.broker.bootstrap})
        internal = "_confluent-ksql-%squery_%s-" % (SERVICE_ID, by_gateway)
        wait_until(lambda: internal + "changelog" not in admin.list_topics(timeout=5).topics, timeout=30,
                   what="changelog of %s deleted" % by_gateway)
        self.assertIn(internal + "Aggregate-GroupBy-repartition", admin.list_topics(timeout=5).topics)
        a.stop()
        a.start()
        wait_until(lambda: internal + "Aggregate-GroupBy-repartition" not in admin.list_topics(timeout=5).topics,
                   timeout=30, what="repartition topic of %s deleted" % by_gateway)
        self.assertIn(internal.replace(by_gateway, by_account) + "changelog", admin.list_topics(timeout=5).topics)


class SqlJoinTasksTest(TasksTestCase):
    def records_in(self, topic):
        """The sum of the topic's high watermarks: every record ever written to it."""
        consumer = Consumer({"bootstrap.servers": self.broker.bootstrap, "group.id": "watermarks"})
        try:
            partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
            return sum(consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1] for p in partitions)
        finally:
            consumer.close()

    def test_join_on_keys_runs_as_tasks_each_joining_its_partition(self):
        a, b = self.start_workers()
        # OWNERS is written by a client, LATEST_OWNERS by a query of the engine: both partition by
        # murmur2 of the key, so either is co-partitioned with the payments.
        out = ksql(a.url, """
            CREATE TABLE OWNERS (ACCOUNT STRING PRIMARY KEY, OWNER STRING)
              WITH (KAFKA_TOPIC='owners', VALUE_FORMAT='JSON', PARTITIONS=%(n)d);
            CREATE STREAM OWNER_CHANGES (ACCOUNT STRING KEY, OWNER STRING)
              WITH (KAFKA_TOPIC='owner_changes', VALUE_FORMAT='JSON', PARTITIONS=%(n)d);
            CREATE TABLE LATEST_OWNERS AS
              SELECT ACCOUNT, LATEST_BY_OFFSET(OWNER) AS OWNER FROM OWNER_CHANGES GROUP BY ACCOUNT;
            CREATE STREAM OWNED_PAYMENTS (ACCOUNT STRING KEY, GATEWAY STRING, AMOUNT DOUBLE)
              WITH (KAFKA_TOPIC='owned_payments', VALUE_FORMAT='JSON', PARTITIONS=%(n)d);
            CREATE STREAM PAYMENTS_WITH_OWNER AS
              SELECT P.ACCOUNT, O.OWNER, P.AMOUNT FROM OWNED_PAYMENTS P JOIN OWNERS O ON P.ACCOUNT = O.ACCOUNT;
            CREATE TABLE OWNED_TOTALS AS
              SELECT P.ACCOUNT, COUNT(*) AS CNT, SUM(P.AMOUNT) AS TOTAL
              FROM OWNED_PAYMENTS P JOIN LATEST_OWNERS O ON P.ACCOUNT = O.ACCOUNT GROUP BY P.ACCOUNT;
            CREATE TABLE GATEWAY_FEES (NAME STRING PRIMARY KEY, FEE DOUBLE)
              WITH (KAFKA_TOPIC='gateway_fees', KEY_FORMAT='JSON', VALUE_FORMAT='JSON', PARTITIONS=%(n)d);
            CREATE STREAM PAYMENTS_WITH_FEE WITH (KEY_FORMAT='KAFKA') AS
              SELECT P.GATEWAY, P.ACCOUNT, G.FEE FROM OWNED_PAYMENTS P JOIN GATEWAY_FEES G ON P.GATEWAY = G.NAME;
            CREATE STREAM FEW_PAYMENTS (ACCOUNT STRING KEY, AMOUNT DOUBLE)
              WITH (KAFKA_TOPIC='few_payments', VALUE_FORMAT='JSON', PARTITIONS=2);
            CREATE STREAM FEW_WITH_OWNER AS
              SELECT P.ACCOUNT, O.OWNER FROM FEW_PAYMENTS P JOIN OWNERS O ON P.ACCOUNT = O.ACCOUNT;"""
                   % {"n": PARTITIONS})
        self.assertEqual([o["commandStatus"]["status"] for o in out], ["SUCCESS"] * 10, out)
        latest, query, totals_query, fees, few = (out[i]["commandStatus"]["queryId"] for i in (2, 4, 5, 7, 9))
        for q in (latest, query, totals_query, fees):
            self.wait_for_tasks(q, {a: 2, b: 2})
        # Sources with other partition counts are not co-partitioned: that join runs whole on one worker.
        wait_until(lambda: sorted([self.tasks(a, few), self.tasks(b, few)]) == [0, 1], timeout=60,
                   what="%s run whole" % few)
        admin = AdminClient({"bootstrap.servers": self.broker.bootstrap})
        changelog = "_confluent-ksql-%squery_%s-changelog" % (SERVICE_ID, few)
        self.assertEqual(len(admin.list_topics(changelog, timeout=10).topics[changelog].partitions), 1)

        # The accounts first: a payment joins the table as its task has read it so far.
        sql_workers.produce(self.broker.bootstrap, "owners", 0, len(ACCOUNTS),
                            lambda i: (ACCOUNTS[i], {"OWNER": owner(ACCOUNTS[i])}))
        sql_workers.produce(self.broker.bootstrap, "owner_changes", 0, len(ACCOUNTS),
                            lambda i: (ACCOUNTS[i], {"OWNER": owner(ACCOUNTS[i])}))
        sql_workers.produce(self.broker.bootstrap, "gateway_fees", 0, len(GATEWAYS),
                            lambda i: (json.dumps(GATEWAYS[i]), {"FEE": fee(GATEWAYS[i])}))
        for q, rows in ((query, len(ACCOUNTS)), (totals_query, len(ACCOUNTS)), (fees, len(GATEWAYS))):
            wait_until(lambda: (a.processed(q) or 0) + (b.processed(q) or 0) == rows, timeout=60,
                       what="table rows read by the tasks of %s" % q)
        sql_workers.produce(self.broker.bootstrap, "owned_payments", 0, 2000,
                            lambda i: (account(i), {"GATEWAY": gateway(i), "AMOUNT": amount(i)}))

        # Every payment joined exactly once, with its own account's owner.
        joined = consume(self.broker.bootstrap, "PAYMENTS_WITH_OWNER", 2000)
        self.assertEqual(len(joined), 2000)
        self.assertEqual(self.records_in("PAYMENTS_WITH_OWNER"), 2000)
        counts = {}
        for msg in joined:
            acct, row = msg.key().decode(), json.loads(msg.value())
            self.assertEqual(row["OWNER"], owner(acct), row)
            counts[acct] = counts.get(acct, 0) + 1
        self.assertEqual(counts, {k: c for k, (c, _) in sql_workers.expected_totals(2000, account).items()})
        # No record was processed by both workers.
        self.assertEqual(a.processed(query) + b.processed(query), len(ACCOUNTS) + 2000)

        # Joined on a value column, the payments go through a repartition topic keyed by gateway
        # (as the table's JSON keys), and each task joins its partition of it with the table's.
        with_fee = consume(self.broker.bootstrap, "PAYMENTS_WITH_FEE", 2000)
        self.assertEqual(len(with_fee), 2000)
        self.assertEqual(self.records_in("PAYMENTS_WITH_FEE"), 2000)
        for msg in with_fee:
            row = json.loads(msg.value())
            self.assertEqual(row["FEE"], fee(msg.key().decode()), (msg.key(), row))
        self.assertEqual(sorted(m.key().decode() for m in with_fee), sorted(gateway(i) for i in range(2000)))
        self.assertEqual(a.processed(fees) + b.processed(fees), len(GATEWAYS) + 2 * 2000)

        # The join grouped by its key splits the same way; every worker answers for all tasks.
        expected = sql_workers.expected_totals(2000, account)
        wait_until(lambda: self.totals(a, "OWNED_TOTALS") == expected, timeout=60, what="joined totals")
        self.assertEqual(self.totals(b, "OWNED_TOTALS"), expected)
        self.assertEqual(a.processed(totals_query) + b.processed(totals_query), len(ACCOUNTS) + 2000)

if __name__ == "__main__":
    harness.main()
