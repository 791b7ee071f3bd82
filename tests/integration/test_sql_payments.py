"""Streaming SQL end to end through ksqlDB's REST API against `tributary serve`.

A payments stream over a JSON topic, a table of COUNT and SUM(amount) per gateway and a 1-second
tumbling table; 5,000 payments produced with confluent-kafka; pull queries must return exactly the
totals computed here from the produced records; a push query streams new rows; after kill -9 and a
restart the tables hold the same values and keep counting without double counting.
"""
import collections
import http.client
import json
import threading

from confluent_kafka import Producer

import harness
from ksql import ksql, pull, wait_for_server, wait_until

GATEWAYS = ["stripe", "adyen", "paypal", "klarna", "square"]
BASE_TS = 1_700_000_000_000  # event time of the first payment (ms)


def payment(i):
    # Amounts are multiples of 1/4, exact in binary floating point, so sums compare exactly.
    return {"id": "p%05d" % i, "gateway": GATEWAYS[(i * 7) % len(GATEWAYS)], "amount": ((i * 37) % 400) / 4.0}


def produce(bootstrap, first, count):
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all", "linger.ms": 5})
    for i in range(first, first + count):
        p = payment(i)
        # 100 payments per second of event time: each 1-second window holds a known set.
        producer.produce("payments", key=p["id"], value=json.dumps(p), timestamp=BASE_TS + i * 10)
        if i % 1000 == 0:
            producer.poll(0)
    assert producer.flush(30) == 0


def expected_totals(n):
    per_gateway = collections.defaultdict(lambda: [0, 0.0])
    per_window = collections.Counter()
    for i in range(n):
        p = payment(i)
        per_gateway[p["gateway"]][0] += 1
        per_gateway[p["gateway"]][1] += p["amount"]
        window_start = (BASE_TS + i * 10) // 1000 * 1000
        per_window[(p["gateway"], window_start)] += 1
    return per_gateway, per_window


class SqlPaymentsTest(harness.BrokerTestCase):
    def setUp(self):
        self.url = self.broker.sql_url
        wait_for_server(self.url)

    def gateway_totals(self):
        _, rows = pull(self.url, "SELECT GATEWAY, CNT, TOTAL FROM BY_GATEWAY;")
        return {r[0]: (r[1], r[2]) for r in rows}

    def window_counts(self, gateway):
        _, rows = pull(self.url, "SELECT GATEWAY, WINDOWSTART, WINDOWEND, CNT FROM PER_SECOND WHERE GATEWAY = '%s';" % gateway)
        for r in rows:
            self.assertEqual(r[2] - r[1], 1000, r)
        return {(r[0], r[1]): r[3] for r in rows}

    def assert_totals(self, n):
        per_gateway, per_window = expected_totals(n)
        want = {g: (c, s) for g, (c, s) in per_gateway.items()}
        # Each table is its own query (its own consumer group): wait until both have seen n records.
        got = wait_until(lambda: (lambda t: t if sum(c for c, _ in t.values()) >= n else None)(self.gateway_totals()),
                         timeout=90, what="%d payments counted" % n)
        self.assertEqual(got, want)
        windows = {}
        def all_windows():
            windows.clear()
            for g in GATEWAYS:
                windows.update(self.window_counts(g))
            return sum(windows.values()) >= n
        wait_until(all_windows, timeout=90, what="%d payments in 1-second windows" % n)
        self.assertEqual(windows, dict(per_window))

    def test_payments_totals_push_query_and_restart(self):
        out = ksql(self.url, """
            CREATE STREAM PAYMENTS (ID STRING KEY, GATEWAY STRING, AMOUNT DOUBLE)
              WITH (KAFKA_TOPIC='payments', VALUE_FORMAT='JSON', PARTITIONS=3);
            CREATE TABLE BY_GATEWAY AS
              SELECT GATEWAY, COUNT(*) AS CNT, SUM(AMOUNT) AS TOTAL FROM PAYMENTS GROUP BY GATEWAY EMIT CHANGES;
            CREATE TABLE PER_SECOND AS
              SELECT GATEWAY, COUNT(*) AS CNT FROM PAYMENTS WINDOW TUMBLING (SIZE 1 SECOND) GROUP BY GATEWAY EMIT CHANGES;
        """)
        self.assertEqual(len(out), 3, out)
        self.assertTrue(all(e["@type"] == "currentStatus" and e["commandStatus"]["status"] == "SUCCESS" for e in out), out)

        produce(self.broker.bootstrap, 0, 5000)
        self.assert_totals(5000)

        # A push query streams rows produced after it started.
        rows = self.push_rows("SELECT ID, GATEWAY, AMOUNT FROM PAYMENTS EMIT CHANGES;", lambda: produce(self.broker.bootstrap, 5000, 20), 20)
        self.assertEqual(sorted(r[0] for r in rows), ["p%05d" % i for i in range(5000, 5020)])
        self.assert_totals(5020)

        # kill -9 and restart: the same totals, then counting resumes without double counting.
        self.broker.kill9()
        self.broker.start()
        wait_for_server(self.url)
        self.assert_totals(5020)
        produce(self.broker.bootstrap, 5020, 980)
        self.assert_totals(6000)

    def push_rows(self, sql, trigger, want):
        """Runs a push query over /query-stream (delimited rows), calls trigger, returns `want` rows."""
        rows = []
        header = {}
        conn = http.client.HTTPConnection("127.0.0.1", self.broker.sql_port, timeout=60)
        body = json.dumps({"sql": sql, "properties": {"auto.offset.reset": "latest"}})
        conn.request("POST", "/query-stream", body=body, headers={
            "Content-Type": "application/json", "Accept": "application/vnd.ksqlapi.delimited.v1"})
        resp = conn.getresponse()
        self.assertEqual(resp.status, 200)
        header.update(json.loads(resp.readline()))
        self.assertEqual(header["columnNames"], ["ID", "GATEWAY", "AMOUNT"])
        threading.Thread(target=trigger, daemon=True).start()
        while len(rows) < want:
            line = resp.readline()
            self.assertTrue(line, "push query ended after %d rows" % len(rows))
            if line.strip():
                rows.append(json.loads(line))
        conn.close()
        return rows


if __name__ == "__main__":
    harness.main()
