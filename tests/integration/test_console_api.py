"""The web console's JSON API (docs/console-api.md) on `tributary serve --console-listen`, driven over
plain HTTP (urllib, http.client) with confluent-kafka producing and consuming beside it: topics,
the message browser, produce, the live tail (SSE), consumer groups, the Connect and SQL proxies, the
throughput series, bad input, and `serve --bootstrap-servers` against another cluster.
"""
import http.client
import json
import os
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

import harness

DATAGEN = "io.confluent.kafka.connect.datagen.DatagenConnector"


def call(port, method, path, body=None, raw=None, timeout=30):
    """(status, parsed JSON or None, content type)."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), data=data, method=method,
                                 headers={"Content-Type": "application/json", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            text = resp.read().decode()
            ctype = resp.headers.get("Content-Type", "")
            return resp.status, (json.loads(text) if text and "json" in ctype else text or None), ctype
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        return e.code, (json.loads(text) if text else None), e.headers.get("Content-Type", "")


def wait_for_console(port, timeout=60):
    harness.wait_until(lambda: call(port, "GET", "/healthz", timeout=2)[0] == 200, timeout=timeout,
                       what="console /healthz")


def produce(bootstrap, topic, records):
    """records: dicts with partition, key, value, headers, timestamp; returns the delivered messages."""
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all"})
    delivered = []
    for r in records:
        producer.produce(topic, key=r.get("key"), value=r.get("value"), partition=r.get("partition", 0),
                         headers=r.get("headers"), timestamp=r.get("timestamp", 0),
                         on_delivery=lambda err, msg: delivered.append((err, msg)))
    producer.flush(30)
    assert len(delivered) == len(records) and all(err is None for err, _ in delivered), delivered
    return [msg for _, msg in delivered]


def create_topic(bootstrap, name, partitions):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    admin.create_topics([NewTopic(name, partitions, 1)])[name].result(30)


def sql_connections(port):
    """Open connections of the SQL REST listener, from the process-wide /metrics."""
    status, text, _ = call(port, "GET", "/metrics")
    for line in text.splitlines():
        if line.startswith('tributary_http_open_connections{server="sql"}'):
            return int(float(line.split()[-1]))
    return 0


def query(**params):
    return urllib.parse.urlencode(params)


class ConsoleApiTest(harness.BrokerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.port = cls.broker.console_port
        wait_for_console(cls.port)

    def test_web_page_and_operational_routes(self):
        status, body, ctype = call(self.port, "GET", "/")
        self.assertEqual(status, 200)
        self.assertTrue(ctype.startswith("text/html"), ctype)
        self.assertIn("<html", body.lower())
        self.assertEqual(call(self.port, "GET", "/readyz")[0], 200)
        status, metrics, _ = call(self.port, "GET", "/metrics")
        self.assertEqual(status, 200)
        self.assertIn('server="console"', metrics)
        status, body, _ = call(self.port, "GET", "/api/nothing-here")
        self.assertEqual((status, body["error_code"]), (404, 404))

    def test_overview(self):
        status, body, _ = call(self.port, "GET", "/api/overview")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["cluster"]["bootstrap"], self.broker.bootstrap)
        self.assertEqual(len(body["cluster"]["brokers"]), 1)
        self.assertEqual(body["cluster"]["brokers"][0]["port"], self.broker.port)
        self.assertEqual(body["cluster"]["controller_id"], body["cluster"]["brokers"][0]["id"])
        self.assertGreaterEqual(body["topics"], 1)  # Connect's and SQL's internal topics at least
        self.assertGreaterEqual(body["partitions"], body["topics"])
        self.assertEqual(body["services"], {"connect": True, "sql": True})
        self.assertTrue(body["connectors"]["available"] and body["queries"]["available"])
        self.assertIn("records_in_per_sec", body["throughput"])

    def test_topic_create_describe_delete(self):
        created = call(self.port, "POST", "/api/topics",
                       {"name": "console-crud", "partitions": 3, "configs": {"cleanup.policy": "compact"}})
        self.assertEqual(created[:2], (201, {"name": "console-crud"}))
        status, body, _ = call(self.port, "POST", "/api/topics", {"name": "console-crud", "partitions": 1})
        self.assertEqual(status, 409, body)
        for bad, field in (({"name": "bad name!"}, "name"), ({"partitions": 2}, "name"),
                           ({"name": "x", "partitions": "three"}, "partitions"),
                           ({"name": "x", "partitions": 0}, "partitions"),
                           ({"name": "x", "configs": ["a"]}, "configs")):
            status, body, _ = call(self.port, "POST", "/api/topics", bad)
            self.assertEqual(status, 400, (bad, body))
            self.assertIn(field, body["message"])
        self.assertEqual(call(self.port, "POST", "/api/topics", raw=b"{not json")[0], 400)

        status, listing, _ = call(self.port, "GET", "/api/topics")
        self.assertEqual(status, 200)
        entry = [t for t in listing["topics"] if t["name"] == "console-crud"]
        self.assertEqual(len(entry), 1, listing)
        self.assertEqual((entry[0]["partitions"], entry[0]["messages"], entry[0]["internal"]), (3, 0, False))
        self.assertTrue(any(t["internal"] for t in listing["topics"]), listing)  # __consumer_offsets, connect-*

        status, detail, _ = call(self.port, "GET", "/api/topics/console-crud")
        self.assertEqual(status, 200, detail)
        self.assertEqual([p["partition"] for p in detail["partitions"]], [0, 1, 2])
        self.assertTrue(all(p["start_offset"] == 0 and p["end_offset"] == 0 for p in detail["partitions"]))
        configs = {c["name"]: c for c in detail["configs"]}
        self.assertEqual(configs["cleanup.policy"]["value"], "compact")
        self.assertFalse(configs["cleanup.policy"]["default"])
        self.assertIn("retention.ms", configs)

        self.assertEqual(call(self.port, "DELETE", "/api/topics/console-crud")[0], 204)
        harness.wait_until(lambda: call(self.port, "GET", "/api/topics/console-crud")[0] == 404, timeout=20,
                           what="deleted topic gone")
        self.assertEqual(call(self.port, "DELETE", "/api/topics/no-such-topic")[0], 404)
        self.assertEqual(call(self.port, "GET", "/api/topics/no-such-topic")[0], 404)

    def test_message_browser(self):
        create_topic(self.broker.bootstrap, "browse", 2)
        base = int(time.time() * 1000) - 100000
        records = [{"partition": 0, "key": b"k%d" % i, "value": json.dumps({"n": i}).encode(),
                    "headers": [("source", b"test"), ("seq", str(i).encode())], "timestamp": base + i * 1000}
                   for i in range(10)]
        records.append({"partition": 1, "key": None, "value": b"\xff\x00binary",
                        "headers": [("trace", b"Needle-42")], "timestamp": base + 20000})
        produce(self.broker.bootstrap, "browse", records)

        def browse(**params):
            status, body, _ = call(self.port, "GET", "/api/topics/browse/messages?" + query(**params))
            self.assertEqual(status, 200, body)
            return body["messages"]

        got = browse(partition=0, **{"from": "offset"}, offset=3, limit=2)
        self.assertEqual([m["offset"] for m in got], [3, 4])
        self.assertEqual((got[0]["key"], got[0]["value"], got[0]["timestamp"]), ("k3", '{"n": 3}', base + 3000))
        self.assertEqual(got[0]["headers"], [{"key": "source", "value": "test", "encoding": "utf8"},
                                             {"key": "seq", "value": "3", "encoding": "utf8"}])
        self.assertEqual((got[0]["topic"], got[0]["partition"], got[0]["timestamp_type"]), ("browse", 0, "create"))

        got = browse(partition=0, **{"from": "timestamp"}, timestamp=base + 5000 - 1, limit=3)
        self.assertEqual([m["offset"] for m in got], [5, 6, 7])
        got = browse(partition=0, **{"from": "end"}, limit=3)
        self.assertEqual([m["offset"] for m in got], [7, 8, 9])
        got = browse(**{"from": "beginning"}, limit=1000)
        self.assertEqual(len(got), 11)

        status, body, _ = call(self.port, "GET", "/api/topics/browse/messages?" + query(search="needle-42"))
        self.assertEqual(status, 200)
        self.assertEqual(len(body["messages"]), 1, body)
        found = body["messages"][0]
        self.assertEqual((found["partition"], found["offset"], found["key"]), (1, 0, None))
        self.assertEqual((found["value"], found["value_encoding"]), ("/wBiaW5hcnk=", "base64"))
        self.assertEqual(body["scanned"], 11)
        self.assertEqual([m["offset"] for m in browse(search='"N": 7')], [7])  # case-insensitive, in values
        self.assertEqual([m["offset"] for m in browse(search="SEQ")], list(range(10)))  # header keys
        self.assertEqual(browse(search="no such text"), [])

        create_topic(self.broker.bootstrap, "browse-empty", 1)
        status, body, _ = call(self.port, "GET", "/api/topics/browse-empty/messages?from=end")
        self.assertEqual((status, body), (200, {"messages": [], "scanned": 0}))

        for params, code, word in (({"limit": 0}, 400, "limit"), ({"limit": 1001}, 400, "limit"),
                                   ({"limit": "ten"}, 400, "limit"), ({"partition": 7}, 404, "partition"),
                                   ({"partition": "x"}, 400, "partition"), ({"from": "middle"}, 400, "from"),
                                   ({"from": "offset"}, 400, "offset"), ({"from": "timestamp"}, 400, "timestamp")):
            status, body, _ = call(self.port, "GET", "/api/topics/browse/messages?" + query(**params))
            self.assertEqual(status, code, (params, body))
            self.assertIn(word, body["message"])
        self.assertEqual(call(self.port, "GET", "/api/topics/nope/messages")[0], 404)

    def test_produce_through_the_api(self):
        create_topic(self.broker.bootstrap, "api-produce", 2)
        status, body, _ = call(self.port, "POST", "/api/topics/api-produce/messages",
                               {"partition": 1, "key": "order-1", "value": '{"amount": 5}',
                                "headers": [{"key": "origin", "value": "console"}, {"key": "empty", "value": None}]})
        self.assertEqual(status, 201, body)
        self.assertEqual(body["partition"], 1)
        consumer = Consumer({"bootstrap.servers": self.broker.bootstrap, "group.id": "api-produce-check",
                             "enable.auto.commit": False})
        consumer.assign([TopicPartition("api-produce", 1, body["offset"])])
        msg = harness.wait_until(lambda: (lambda m: m if m is not None and not m.error() else None)(consumer.poll(0.5)),
                                 timeout=30, what="the produced record")
        consumer.close()
        self.assertEqual((msg.key(), msg.value()), (b"order-1", b'{"amount": 5}'))
        self.assertEqual(msg.headers(), [("origin", b"console"), ("empty", None)])

        status, body, _ = call(self.port, "POST", "/api/topics/api-produce/messages",
                               {"value": "AAEC", "value_encoding": "base64"})
        self.assertEqual(status, 201, body)
        for bad, word in (({"headers": "x"}, "headers"), ({"key": 5}, "key"), ({"partition": 2}, "partition"),
                          ({"partition": -1}, "partition"), ({"value": "!!", "value_encoding": "base64"}, "value")):
            status, body, _ = call(self.port, "POST", "/api/topics/api-produce/messages", bad)
            self.assertEqual(status, 400, (bad, body))
            self.assertIn(word, body["message"])
        self.assertEqual(call(self.port, "POST", "/api/topics/nope/messages", {"value": "v"})[0], 404)

    def test_live_tail(self):
        create_topic(self.broker.bootstrap, "tailed", 2)
        produce(self.broker.bootstrap, "tailed", [{"partition": 0, "value": b"before the tail"}])
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", "/api/topics/tailed/tail?partition=all&search=WANTED")
        resp = conn.getresponse()
        self.assertEqual(resp.status, 200)
        self.assertTrue(resp.getheader("Content-Type").startswith("text/event-stream"))
        self.assertEqual(resp.readline().strip(), b": tail started")
        produce(self.broker.bootstrap, "tailed", [{"partition": 1, "value": b"skipped"},
                                                   {"partition": 1, "key": b"k", "value": b"wanted after"}])
        event = None
        while event is None:
            line = resp.readline()
            self.assertTrue(line, "the tail ended")
            if line.startswith(b"data: "):
                event = json.loads(line[6:])
        self.assertEqual((event["partition"], event["offset"], event["key"], event["value"]),
                         (1, 1, "k", "wanted after"))
        resp.close()
        conn.close()

    def test_consumer_groups(self):
        create_topic(self.broker.bootstrap, "grouped", 1)
        produce(self.broker.bootstrap, "grouped", [{"value": b"v%d" % i} for i in range(10)])
        consumer = Consumer({"bootstrap.servers": self.broker.bootstrap, "group.id": "console-group",
                             "auto.offset.reset": "earliest", "enable.auto.commit": False})
        consumer.subscribe(["grouped"])
        harness.wait_until(lambda: consumer.poll(0.5) is not None and consumer.assignment(), timeout=30,
                           what="the consumer's assignment")
        consumer.commit(offsets=[TopicPartition("grouped", 0, 4)], asynchronous=False)

        status, body, _ = call(self.port, "GET", "/api/groups/console-group")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["state"], "Stable")
        self.assertEqual(len(body["members"]), 1)
        self.assertEqual(body["members"][0]["assignments"], [{"topic": "grouped", "partition": 0}])
        self.assertEqual(body["offsets"], [{"topic": "grouped", "partition": 0, "committed": 4, "end_offset": 10,
                                            "lag": 6, "member_id": body["members"][0]["member_id"]}])
        status, body, _ = call(self.port, "POST", "/api/groups/console-group/reset", {"to": "earliest"})
        self.assertEqual(status, 409, body)  # active members
        consumer.close()

        status, listing, _ = call(self.port, "GET", "/api/groups")
        self.assertEqual(status, 200)
        entry = [g for g in listing["groups"] if g["group_id"] == "console-group"]
        self.assertEqual(len(entry), 1, listing)
        self.assertEqual((entry[0]["lag"], entry[0]["members"]), (6, 0))

        for bad, word in (({"to": "sideways"}, "to"), ({"to": "offset"}, "offset"), ({}, "to"),
                          ({"to": "earliest", "topic": 3}, "topic")):
            status, body, _ = call(self.port, "POST", "/api/groups/console-group/reset", bad)
            self.assertEqual(status, 400, (bad, body))
            self.assertIn(word, body["message"])
        status, body, _ = call(self.port, "POST", "/api/groups/console-group/reset", {"to": "earliest"})
        self.assertEqual((status, body), (200, {"offsets": [{"topic": "grouped", "partition": 0, "offset": 0}]}))
        status, body, _ = call(self.port, "POST", "/api/groups/console-group/reset",
                               {"topic": "grouped", "to": "offset", "offset": 7})
        self.assertEqual(body["offsets"][0]["offset"], 7)
        status, body, _ = call(self.port, "GET", "/api/groups/console-group")
        self.assertEqual((body["offsets"][0]["committed"], body["offsets"][0]["lag"]), (7, 3))

        self.assertEqual(call(self.port, "GET", "/api/groups/never-seen-group")[0], 404)
        self.assertEqual(call(self.port, "DELETE", "/api/groups/console-group")[0], 204)
        self.assertEqual(call(self.port, "GET", "/api/groups/console-group")[0], 404)

    def test_connect_proxy(self):
        config = {"connector.class": DATAGEN, "kafka.topic": "console-gen", "quickstart": "payments",
                  "max.interval": "10", "iterations": "100", "tasks.max": "1"}
        status, body, _ = call(self.port, "POST", "/api/connect/connectors", {"name": "console-gen", "config": config})
        self.assertEqual(status, 201, body)

        def running():
            status, body, _ = call(self.port, "GET", "/api/connect/connectors?expand=status&expand=info")
            entry = body.get("console-gen") if status == 200 else None
            return entry and entry["status"]["connector"]["state"] == "RUNNING" and entry["status"]["tasks"] and \
                entry["status"]["tasks"][0]["state"] == "RUNNING"
        harness.wait_until(running, timeout=30, what="console-gen RUNNING through the proxy")
        status, overview, _ = call(self.port, "GET", "/api/overview")
        self.assertGreaterEqual(overview["connectors"]["running"], 1)
        self.assertEqual(call(self.port, "PUT", "/api/connect/connectors/console-gen/pause")[0], 202)
        status, body, _ = call(self.port, "GET", "/api/connect/connectors/nope/status")
        self.assertEqual(status, 404)  # Connect's own answer, passed through
        self.assertEqual(call(self.port, "DELETE", "/api/connect/connectors/console-gen")[0], 204)

    def test_sql_proxy_and_push_query(self):
        create_topic(self.broker.bootstrap, "console-sql", 1)
        status, body, _ = call(self.port, "POST", "/api/sql/ksql", {
            "ksql": "CREATE STREAM CONSOLE_SQL (ID STRING KEY, N INT) WITH (KAFKA_TOPIC='console-sql', "
                    "VALUE_FORMAT='JSON');", "streamsProperties": {}})
        self.assertEqual(status, 200, body)
        status, body, _ = call(self.port, "POST", "/api/sql/ksql", {"ksql": "SHOW STREAMS;", "streamsProperties": {}})
        self.assertEqual(status, 200, body)
        self.assertIn("CONSOLE_SQL", [s["name"] for s in body[0]["streams"]])
        status, body, _ = call(self.port, "POST", "/api/sql/ksql", {"ksql": "SHOW NONSENSE;"})
        self.assertEqual(status, 400, body)  # ksqlDB's error, passed through

        before = sql_connections(self.port)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("POST", "/api/sql/query-stream",
                     body=json.dumps({"sql": "SELECT ID, N FROM CONSOLE_SQL EMIT CHANGES;",
                                      "properties": {"auto.offset.reset": "latest"}}),
                     headers={"Content-Type": "application/json", "Accept": "application/vnd.ksqlapi.delimited.v1"})
        resp = conn.getresponse()
        self.assertEqual(resp.status, 200)
        header = json.loads(resp.readline())
        self.assertEqual(header["columnNames"], ["ID", "N"])
        produce(self.broker.bootstrap, "console-sql",
                [{"key": b"a", "value": b'{"N": 1}'}, {"key": b"b", "value": b'{"N": 2}'}])
        rows = []
        while len(rows) < 2:
            line = resp.readline()
            self.assertTrue(line, "the push query ended after %d rows" % len(rows))
            if line.strip():
                rows.append(json.loads(line))
        self.assertEqual(rows, [["a", 1], ["b", 2]])

        self.assertEqual(sql_connections(self.port), before + 1)
        resp.close()  # the response holds the socket too
        conn.close()
        # The browser left: the console drops its upstream request too, so the SQL listener's
        # connection closes although the push query has no row to send.
        harness.wait_until(lambda: sql_connections(self.port) == before, timeout=20,
                           what="the proxied push query's upstream connection closed")

    def test_series_for_a_topic_being_produced_to(self):
        create_topic(self.broker.bootstrap, "series-in", 1)
        producer = Producer({"bootstrap.servers": self.broker.bootstrap})

        def has_points():
            for i in range(20):
                producer.produce("series-in", value=b"x%d" % i)
            producer.flush(10)
            status, body, _ = call(self.port, "GET", "/api/series?minutes=1")
            points = body["topics"].get("series-in", []) if status == 200 else []
            return [p for p in points if p[1] > 0]
        points = harness.wait_until(has_points, timeout=30, interval=0.5, what="records-in points for series-in")
        self.assertGreater(points[-1][0], time.time() * 1000 - 60000)
        status, body, _ = call(self.port, "GET", "/api/series")
        self.assertEqual(body["interval_ms"], 1000)
        self.assertEqual(call(self.port, "GET", "/api/series?minutes=99")[0], 400)

    def test_topic_sizes_from_describe_log_dirs(self):
        create_topic(self.broker.bootstrap, "console-sizes", 2)
        produce(self.broker.bootstrap, "console-sizes", [{"partition": 0, "value": b"s" * 500} for _ in range(40)])
        status, detail, _ = call(self.port, "GET", "/api/topics/console-sizes")
        self.assertEqual(status, 200, detail)
        sizes = {p["partition"]: p["size_bytes"] for p in detail["partitions"]}
        self.assertGreater(sizes[0], 40 * 500)
        self.assertEqual(sizes[1], 0)  # known and empty, not unknown (-1)
        self.assertEqual(detail["size_bytes"], sizes[0])
        status, listing, _ = call(self.port, "GET", "/api/topics")
        entry = [t for t in listing["topics"] if t["name"] == "console-sizes"]
        self.assertEqual(entry[0]["size_bytes"], sizes[0], listing)


class ExternalClusterTest(harness.BrokerTestCase):
    """`serve --bootstrap-servers`: no broker of its own; sql, connect and the console use the other one."""

    def test_services_against_another_cluster(self):
        data_dir = tempfile.mkdtemp(prefix="external-", dir=harness.TMP_ROOT)
        kafka_port, sql_port, connect_port, console_port = (harness.free_port() for _ in range(4))
        log_path = os.path.join(data_dir, "serve.log")
        with open(log_path, "wb") as log:
            proc = subprocess.Popen([harness.BIN, "serve", "--bootstrap-servers", self.broker.bootstrap,
                                     "--data-dir", os.path.join(data_dir, "data"),
                                     "--kafka-listen", "127.0.0.1:%d" % kafka_port,
                                     "--sql-listen", "127.0.0.1:%d" % sql_port,
                                     "--connect-listen", "127.0.0.1:%d" % connect_port,
                                     "--console-listen", "127.0.0.1:%d" % console_port,
                                     # Its own Connect group and topics: the other cluster runs a worker too.
                                     "--set", "connect.group.id=external-connect",
                                     "--set", "connect.config.storage.topic=external-configs",
                                     "--set", "connect.offset.storage.topic=external-offsets",
                                     "--set", "connect.status.storage.topic=external-status"],
                                    stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for_console(console_port)
            self.assertFalse(harness.api_versions_ok(kafka_port), "no broker should listen")
            status, body, _ = call(console_port, "GET", "/api/overview")
            self.assertEqual(status, 200, body)
            self.assertEqual(body["cluster"]["brokers"][0]["port"], self.broker.port)
            self.assertEqual(body["services"], {"connect": True, "sql": True})
            self.assertEqual(call(console_port, "POST", "/api/topics", {"name": "made-elsewhere", "partitions": 2})[0], 201)
            admin = AdminClient({"bootstrap.servers": self.broker.bootstrap})
            self.assertIn("made-elsewhere", admin.list_topics(timeout=10).topics)
            status, body, _ = call(console_port, "POST", "/api/sql/ksql", {"ksql": "SHOW STREAMS;"})
            self.assertEqual(status, 200, body)
            status, body, _ = call(console_port, "GET", "/api/connect/connector-plugins")
            self.assertEqual(status, 200, body)
            self.assertIn(DATAGEN, [p["class"] for p in body])
            status, topics, _ = call(console_port, "GET", "/api/topics")
            self.assertIn("external-configs", [t["name"] for t in topics["topics"]])
        except Exception:
            with open(log_path, "rb") as f:
                print(f.read().decode(errors="replace")[-10000:])
            raise
        finally:
            proc.terminate()
            self.assertEqual(proc.wait(timeout=30), 0)


if __name__ == "__main__":
    harness.main()
