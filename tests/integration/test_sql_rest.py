"""ksqlDB's REST API shapes, its errors, and the `tributary sql` shell against `tributary serve`.

Bad input must get ksqlDB's error shape and never hurt the server: invalid SQL names line and column,
a failing statement leaves nothing half-created, malformed bodies get 400s.
"""
import base64
import json
import subprocess
import urllib.error
import urllib.request

from confluent_kafka import Consumer, Producer

import harness
from ksql import KsqlError, ksql, wait_for_server, wait_until


def post_raw(url, body, content_type="application/json"):
    req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.loads(resp.read().decode() or "null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read().decode() or "null")


def read_records(bootstrap, topic, n):
    """The first n records of topic, read by a fresh consumer group."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "check-" + topic, "auto.offset.reset": "earliest"})
    c.subscribe([topic])
    out = []

    def poll():
        m = c.poll(0.5)
        if m is not None and not m.error():
            out.append(m)
        return len(out) >= n
    wait_until(poll, timeout=60, interval=0, what="%d records on %s" % (n, topic))
    c.close()
    return out


class SqlRestTest(harness.BrokerTestCase):
    def setUp(self):
        self.url = self.broker.sql_url
        wait_for_server(self.url)

    def test_info_and_healthcheck(self):
        with urllib.request.urlopen(self.url + "/info", timeout=10) as resp:
            info = json.loads(resp.read())
        self.assertEqual(info["KsqlServerInfo"]["serverStatus"], "RUNNING")
        with urllib.request.urlopen(self.url + "/healthcheck", timeout=10) as resp:
            self.assertTrue(json.loads(resp.read())["isHealthy"])

    def test_invalid_sql_points_at_line_and_column(self):
        with self.assertRaises(KsqlError) as ctx:
            ksql(self.url, "CREATE STREAM S (A INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=1);\nSELEC * FROM S;")
        e = ctx.exception
        self.assertEqual(e.status, 400)
        self.assertEqual(e.body["error_code"], 40001)
        self.assertIn("line 2:1", e.body["message"])

    def test_type_error_names_the_expression_and_leaves_nothing_behind(self):
        ksql(self.url, "CREATE STREAM ORDERS (ID INT KEY, NAME STRING) WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=1);")
        with self.assertRaises(KsqlError) as ctx:
            ksql(self.url, "CREATE STREAM BAD AS SELECT ID, NAME FROM ORDERS WHERE NAME > 10;")
        self.assertIn("NAME", ctx.exception.body["message"])
        self.assertEqual(ctx.exception.body["@type"], "statement_error")
        streams = ksql(self.url, "SHOW STREAMS;")[0]["streams"]
        self.assertNotIn("BAD", [s["name"] for s in streams])
        queries = ksql(self.url, "SHOW QUERIES;")[0]["queries"]
        self.assertFalse([q for q in queries if "BAD" in q.get("sinks", [])])

    def test_malformed_bodies_and_unknown_paths(self):
        status, body = post_raw(self.url + "/ksql", b"{not json")
        self.assertEqual(status, 400)
        self.assertIn("message", body)
        status, body = post_raw(self.url + "/ksql", json.dumps({"sql": 1}).encode())
        self.assertEqual(status, 400)
        status, body = post_raw(self.url + "/query", json.dumps({"ksql": "SHOW STREAMS;"}).encode())
        self.assertEqual(status, 400)
        self.assertEqual(body["error_code"], 40002)
        status, body = post_raw(self.url + "/no-such-endpoint", b"{}")
        self.assertEqual(status, 404)
        self.assertEqual(body["@type"], "generic_error")
        with urllib.request.urlopen(self.url + "/info", timeout=10) as resp:  # still serving
            self.assertEqual(resp.status, 200)

    def test_bad_records_go_to_the_processing_log_and_the_query_keeps_running(self):
        ksql(self.url, """
            CREATE STREAM READINGS (ID STRING KEY, V INT) WITH (KAFKA_TOPIC='readings', VALUE_FORMAT='JSON', PARTITIONS=1);
            CREATE STREAM DOUBLED AS SELECT ID, V * 2 AS V2 FROM READINGS EMIT CHANGES;""")
        p = Producer({"bootstrap.servers": self.broker.bootstrap})
        p.produce("readings", key="a", value=json.dumps({"V": 1}))
        p.produce("readings", key="b", value=b"{this is not json")
        p.produce("readings", key="c", value=json.dumps({"V": "not a number"}))
        p.produce("readings", key="d", value=json.dumps({"V": 4}))
        self.assertEqual(p.flush(30), 0)
        values = [json.loads(m.value()) for m in read_records(self.broker.bootstrap, "DOUBLED", 2)]
        self.assertEqual(values, [{"V2": 2}, {"V2": 8}])
        log = [json.loads(m.value()) for m in read_records(self.broker.bootstrap, "default_ksql_processing_log", 2)]
        self.assertEqual(len(log), 2)
        self.assertTrue(all(entry["level"] == "ERROR" for entry in log), log)

    def test_header_columns_see_the_records_headers(self):
        # A query reads headers from the consumer only when a source declares header columns; one
        # over the same topic without them must still see every value.
        ksql(self.url, """
            CREATE STREAM TRACED (V INT, HS ARRAY<STRUCT<KEY STRING, VALUE BYTES>> HEADERS, TRACE BYTES HEADER('trace-id'))
              WITH (KAFKA_TOPIC='traced', VALUE_FORMAT='JSON', PARTITIONS=1);
            CREATE STREAM UNTRACED (V INT) WITH (KAFKA_TOPIC='traced', VALUE_FORMAT='JSON');
            CREATE STREAM TRACED_OUT AS SELECT V, HS, TRACE FROM TRACED EMIT CHANGES;
            CREATE STREAM UNTRACED_OUT AS SELECT V FROM UNTRACED EMIT CHANGES;""")
        p = Producer({"bootstrap.servers": self.broker.bootstrap})
        p.produce("traced", value=json.dumps({"V": 1}), headers=[("trace-id", b"abc"), ("source", b"kinesis")])
        p.produce("traced", value=json.dumps({"V": 2}))
        self.assertEqual(p.flush(30), 0)
        b64 = lambda raw: base64.b64encode(raw).decode()
        traced = [json.loads(m.value()) for m in read_records(self.broker.bootstrap, "TRACED_OUT", 2)]
        self.assertEqual(traced, [
            {"V": 1, "HS": [{"KEY": "trace-id", "VALUE": b64(b"abc")}, {"KEY": "source", "VALUE": b64(b"kinesis")}],
             "TRACE": b64(b"abc")},
            {"V": 2, "HS": [], "TRACE": None}])
        untraced = [json.loads(m.value()) for m in read_records(self.broker.bootstrap, "UNTRACED_OUT", 2)]
        self.assertEqual(untraced, [{"V": 1}, {"V": 2}])

    def test_sql_shell_runs_statements_and_reports_errors(self):
        out = subprocess.run([harness.BIN, "sql", "--server", self.url, "--execute",
                              "CREATE STREAM SHELL_S (K STRING KEY, N INT) WITH (KAFKA_TOPIC='shell_s', "
                              "VALUE_FORMAT='JSON', PARTITIONS=1); SHOW STREAMS;"],
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr + out.stdout)
        self.assertIn("SHELL_S", out.stdout)
        bad = subprocess.run([harness.BIN, "sql", "--server", self.url, "--execute", "SHOW STREAMZ;"],
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(bad.returncode, 1)
        self.assertIn("line 1:6", bad.stdout + bad.stderr)


    def test_print_streams_a_topic_as_text_lines(self):
        from confluent_kafka.admin import AdminClient, NewTopic
        admin = AdminClient({"bootstrap.servers": self.broker.bootstrap})
        admin.create_topics([NewTopic("print_me", num_partitions=2, replication_factor=1)])["print_me"].result(30)
        p = Producer({"bootstrap.servers": self.broker.bootstrap})
        for i in range(5):
            p.produce("print_me", key="k%d" % i, value=json.dumps({"N": i}), partition=i % 2)
        self.assertEqual(p.flush(30), 0)

        def print_lines(statement):
            req = urllib.request.Request(self.url + "/query", method="POST",
                                         data=json.dumps({"ksql": statement}).encode(),
                                         headers={"Content-Type": "application/json"})
            # Returns only because LIMIT ends the response.
            with urllib.request.urlopen(req, timeout=60) as resp:
                self.assertEqual(resp.status, 200)
                return [line for line in resp.read().decode().splitlines() if line]

        lines = print_lines("PRINT 'print_me' FROM BEGINNING LIMIT 5;")
        self.assertEqual(lines[:2], ["Key format: KAFKA_STRING", "Value format: JSON"])
        records = lines[2:]
        self.assertEqual(len(records), 5, lines)
        for i in range(5):
            expected = ', key: k%d, value: {"N": %d}, partition: %d' % (i, i, i % 2)
            self.assertTrue(any(r.startswith("rowtime: ") and r.endswith(expected) for r in records), (expected, records))
        self.assertRegex(records[0], r"^rowtime: \d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}\.\d{3} Z, ")

        every_second = print_lines("PRINT 'print_me' FROM BEGINNING INTERVAL 2 LIMIT 2;")
        self.assertEqual(len(every_second), 4, every_second)
        # Partitions are read one after another or interleaved, but every second record of the
        # 5 is printed: two of them, with distinct keys.
        keys = {line.split(", key: ")[1].split(",")[0] for line in every_second[2:]}
        self.assertEqual(len(keys), 2, every_second)

        status, body = post_raw(self.url + "/query", json.dumps({"ksql": "PRINT 'no_such_topic';"}).encode())
        self.assertEqual(status, 400)
        self.assertEqual(body["error_code"], 40001)
        self.assertIn("Could not find topic 'no_such_topic'", body["message"])

        shell = subprocess.run([harness.BIN, "sql", "--server", self.url, "--execute",
                                "PRINT 'print_me' FROM BEGINNING LIMIT 5;"],
                               capture_output=True, text=True, timeout=60)
        self.assertEqual(shell.returncode, 0, shell.stderr + shell.stdout)
        self.assertIn("Value format: JSON", shell.stdout)
        self.assertIn('key: k3, value: {"N": 3}, partition: 1', shell.stdout)

class PrintShutdownTest(harness.BrokerTestCase):
    def test_server_stops_cleanly_while_print_streams(self):
        """An endless PRINT (no LIMIT) keeps a reader thread busy; SIGTERM still ends the server
        with exit code 0, the reader stopped and joined rather than left running at exit."""
        url = self.broker.sql_url
        wait_for_server(url)
        p = Producer({"bootstrap.servers": self.broker.bootstrap})
        for i in range(3):
            p.produce("print_forever", key="k%d" % i, value="v%d" % i)
        self.assertEqual(p.flush(30), 0)
        wait_until(lambda: "print_forever" in [t["name"] for t in
                                               ksql(url, "SHOW TOPICS;")[0]["topics"]], timeout=30)
        req = urllib.request.Request(url + "/query", method="POST",
                                     data=json.dumps({"ksql": "PRINT 'print_forever' FROM BEGINNING;"}).encode(),
                                     headers={"Content-Type": "application/json"})
        resp = urllib.request.urlopen(req, timeout=60)
        lines = []
        while len(lines) < 5:  # the two format lines and the three records
            line = resp.readline().decode()
            self.assertTrue(line, "PRINT ended before its records: %r" % lines)
            if line.strip():
                lines.append(line.strip())
        self.assertIn("key: k2, value: v2", lines[-1])
        del p  # its connection would only log the broker going away
        code = self.broker.stop()  # raises if SIGTERM does not end it within 20 s
        resp.close()
        self.assertEqual(code, 0, self.broker.read_log())
        self.assertNotIn("terminate called", self.broker.read_log())


if __name__ == "__main__":
    harness.main()
