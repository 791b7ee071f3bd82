"""A query whose state splits by source partition runs as tasks spread over SQL workers.

A table grouped by its source stream's key keeps every group inside one source partition, so the
query runs as one task per partition (Kafka Streams' model): its changelog has a partition per
task, the query's consumer group spreads them over the workers, and each worker runs the tasks it
holds on their own state. Pull queries on any worker gather the rows of every task. When a worker
dies (kill -9) the survivor restores its tasks from their changelog partitions; when it returns
the tasks spread again. The totals stay exact throughout.
"""
import harness
from ksql import ksql, pull, wait_until
from sql_workers import SqlWorkersTestCase, amount
import sql_workers

ACCOUNTS = ["acct-%02d" % i for i in range(40)]
PARTITIONS = 4


def account(i):
    return ACCOUNTS[(i * 7) % len(ACCOUNTS)]


def produce(bootstrap, first, count):
    sql_workers.produce(bootstrap, "account_payments", first, count, lambda i: (account(i), {"AMOUNT": amount(i)}))


def expected_totals(n):
    return sql_workers.expected_totals(n, account)


class SqlTasksTest(SqlWorkersTestCase):
    worker_names = ("sql-task-a", "sql-task-b")

    def tasks(self, worker, query_id):
        return worker.metric("tributary_sql_query_tasks", query_id) or 0

    def wait_for_tasks(self, query_id, counts):
        """Waits until the workers run these numbers of the query's tasks."""
        wait_until(lambda: [self.tasks(w, query_id) for w in counts] == list(counts.values()), timeout=60,
                   what="tasks of %s spread as %s" % (query_id, list(counts.values())))

    def totals(self, worker):
        _, rows = pull(worker.url, "SELECT ACCOUNT, CNT, TOTAL FROM BY_ACCOUNT;")
        self.assertEqual(len(rows), len({r[0] for r in rows}), "a key answered twice: %s" % rows)
        return {r[0]: (r[1], r[2]) for r in rows}

    def assert_totals(self, among, n):
        """Waits until the tasks have counted n payments, then wants exactly the produced totals from each worker."""
        def counted():
            got = self.totals(among[0])
            return got if sum(c for c, _ in got.values()) >= n else None
        got = wait_until(counted, timeout=90, what="%d payments counted" % n)
        self.assertEqual(got, expected_totals(n))
        for w in among[1:]:
            self.assertEqual(self.totals(w), expected_totals(n), w.url)

    def test_tasks_spread_over_workers_and_move_on_kill_with_exact_totals(self):
        a, b = self.workers
        a.start()
        b.start()
        out = ksql(a.url, """
            CREATE STREAM ACCOUNT_PAYMENTS (ACCOUNT STRING KEY, AMOUNT DOUBLE)
              WITH (KAFKA_TOPIC='account_payments', VALUE_FORMAT='JSON', PARTITIONS=%d);
            CREATE TABLE BY_ACCOUNT AS
              SELECT ACCOUNT, COUNT(*) AS CNT, SUM(AMOUNT) AS TOTAL FROM ACCOUNT_PAYMENTS GROUP BY ACCOUNT;"""
                   % PARTITIONS)
        self.assertEqual(out[1]["commandStatus"]["status"], "SUCCESS", out)
        query_id = out[1]["commandStatus"]["queryId"]

        # The group hands two tasks to each worker, and each processes its partitions only.
        self.wait_for_tasks(query_id, {a: 2, b: 2})
        produce(self.broker.bootstrap, 0, 3000)
        self.assert_totals([a, b], 3000)
        self.assertGreater(a.processed(query_id), 0)
        self.assertGreater(b.processed(query_id), 0)
        self.assertEqual(a.processed(query_id) + b.processed(query_id), 3000)

        # One worker dies mid-stream: the other restores its tasks from the changelog.
        a.kill9()
        produce(self.broker.bootstrap, 3000, 2000)
        self.wait_for_tasks(query_id, {b: PARTITIONS})
        self.assert_totals([b], 5000)

        # It comes back: the tasks spread again, each worker continuing from the changelog.
        a.start()
        self.wait_for_tasks(query_id, {a: 2, b: 2})
        produce(self.broker.bootstrap, 5000, 1000)
        self.assert_totals([a, b], 6000)


if __name__ == "__main__":
    harness.main()
