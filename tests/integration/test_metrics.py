"""/metrics, /healthz and /readyz on the servers of `tributary serve`, read the way Prometheus reads them:
every scrape is parsed with python3-prometheus-client's text-format parser, and the numbers are checked
against what the test itself did (records produced, offsets committed, a datagen connector's iterations,
a SQL query's input). In `serve` one registry holds every family, so each listener shows all of them.
"""
import json
import time
import urllib.error
import urllib.request

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic
from prometheus_client.parser import text_string_to_metric_families

import harness
from connect_client import call, connect_url, wait_for_connect, wait_for_running
from ksql import ksql, wait_for_server

DATAGEN = "io.confluent.kafka.connect.datagen.DatagenConnector"
TOPIC = "metrics-in"
RECORDS = 500


def http_get(url, timeout=10):
    """(status, content type, body text); HTTP errors are answers too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode()


class Scrape:
    """One parsed /metrics body: families by name and samples by sample name."""

    def __init__(self, text):
        self.text = text
        self.families = {f.name: f for f in text_string_to_metric_families(text)}  # raises on bad syntax
        self.samples = {}
        for family in self.families.values():
            for s in family.samples:
                self.samples.setdefault(s.name, []).append((s.labels, s.value))

    def values(self, name, **labels):
        return [v for l, v in self.samples.get(name, []) if all(l.get(k) == str(x) for k, x in labels.items())]

    def value(self, name, **labels):
        found = self.values(name, **labels)
        if len(found) != 1:
            raise AssertionError("expected one sample %s%s, found %r" % (name, labels, found))
        return found[0]

    def maybe(self, name, default=None, **labels):
        found = self.values(name, **labels)
        return found[0] if len(found) == 1 else default


def scrape(base):
    status, content_type, body = http_get(base + "/metrics")
    assert status == 200, (status, body[:500])
    assert content_type.startswith("text/plain") and "version=0.0.4" in content_type, content_type
    return Scrape(body)


class MetricsTest(harness.BrokerTestCase):
    settings = {"connect.offset.flush.interval.ms": "1000"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sql = cls.broker.sql_url
        cls.connect = connect_url(cls.broker)
        cls.console = "http://127.0.0.1:%d" % cls.broker.console_port
        wait_for_connect(cls.connect)
        wait_for_server(cls.sql)

    def assert_histogram_sane(self, s, name, **labels):
        buckets = [(float(l["le"]), v) for l, v in s.samples.get(name + "_bucket", [])
                   if all(l.get(k) == str(x) for k, x in labels.items())]
        self.assertTrue(buckets, "no %s_bucket%s" % (name, labels))
        bounds = [b for b, _ in buckets]
        self.assertEqual(bounds, sorted(bounds))
        self.assertEqual(bounds[-1], float("inf"))
        counts = [c for _, c in buckets]
        self.assertEqual(counts, sorted(counts), "buckets must be cumulative: %r" % buckets)
        count = s.value(name + "_count", **labels)
        self.assertEqual(count, counts[-1])
        self.assertGreaterEqual(s.value(name + "_sum", **labels), 0)
        return count

    def test_health_and_readiness(self):
        for base in (self.sql, self.connect):
            status, _, body = http_get(base + "/healthz")
            self.assertEqual((status, json.loads(body)), (200, {"status": "ok"}), base)
            harness.wait_until(lambda: http_get(base + "/readyz")[0] == 200, timeout=30, what=base + "/readyz")
            self.assertEqual(json.loads(http_get(base + "/readyz")[2])["status"], "ready")

    def test_broker_traffic_offsets_latency_and_group_lag(self):
        admin = AdminClient({"bootstrap.servers": self.broker.bootstrap})
        admin.create_topics([NewTopic(TOPIC, num_partitions=2, replication_factor=1)])[TOPIC].result(timeout=30)
        producer = Producer({"bootstrap.servers": self.broker.bootstrap, "linger.ms": 5})
        for i in range(RECORDS):
            producer.produce(TOPIC, key="k%d" % i, value=json.dumps({"n": i, "pad": "x" * (i % 50)}),
                             partition=i % 2)
        self.assertEqual(producer.flush(30), 0)

        s = scrape(self.sql)
        self.assertEqual(s.value("tributary_broker_topic_records_in_total", topic=TOPIC), RECORDS)
        ends = {p: s.value("tributary_broker_partition_end_offset", topic=TOPIC, partition=p) for p in (0, 1)}
        self.assertEqual(ends, {0: RECORDS // 2, 1: RECORDS // 2})
        self.assertEqual(s.value("tributary_broker_partition_start_offset", topic=TOPIC, partition=0), 0)
        sizes = sum(s.value("tributary_broker_partition_size_bytes", topic=TOPIC, partition=p) for p in (0, 1))
        # Every appended batch byte lands in a segment: the counter and the log sizes agree exactly.
        self.assertEqual(s.value("tributary_broker_topic_bytes_in_total", topic=TOPIC), sizes)
        self.assertGreater(sizes, RECORDS * 10)
        self.assertEqual(s.value("tributary_broker_topic_partitions", topic=TOPIC), 2)
        self.assertGreaterEqual(s.value("tributary_broker_open_connections"), 1)
        self.assertGreaterEqual(s.value("tributary_broker_connections_total"),
                                s.value("tributary_broker_open_connections"))
        self.assertEqual(s.families["tributary_kafka_request_duration_seconds"].type, "histogram")
        # Once nothing is in flight, every Produce request received has had its latency observed.
        def produce_latency_settled():
            now = scrape(self.sql)
            count = self.assert_histogram_sane(now, "tributary_kafka_request_duration_seconds", api="Produce")
            return count >= 1 and count == now.value("tributary_kafka_requests_total", api="Produce")
        harness.wait_until(produce_latency_settled, timeout=30, what="Produce latency count == requests")

        # A consumer group that committed after its first record lags by the rest of that partition.
        consumer = Consumer({"bootstrap.servers": self.broker.bootstrap, "group.id": "metrics-group",
                             "auto.offset.reset": "earliest", "enable.auto.commit": False})
        consumer.subscribe([TOPIC])
        try:
            first = None
            deadline = time.time() + 60
            while first is None and time.time() < deadline:
                msg = consumer.poll(0.5)
                if msg is not None and not msg.error():
                    first = msg
            self.assertIsNotNone(first, "no record consumed")
            consumer.commit(message=first, asynchronous=False)
            s = scrape(self.connect)
            lag = s.value("tributary_broker_group_lag", group="metrics-group", topic=TOPIC,
                          partition=first.partition())
            self.assertEqual(lag, ends[first.partition()] - (first.offset() + 1))
            self.assertGreater(lag, 0)
            self.assertEqual(s.value("tributary_broker_group_members", group="metrics-group"), 1)

            seen = 1
            while seen < RECORDS and time.time() < deadline:
                msg = consumer.poll(0.5)
                if msg is not None and not msg.error():
                    seen += 1
            self.assertEqual(seen, RECORDS)
            consumer.commit(asynchronous=False)

            def caught_up():
                now = scrape(self.sql)
                lags = [now.maybe("tributary_broker_group_lag", group="metrics-group", topic=TOPIC, partition=p)
                        for p in (0, 1)]
                return lags == [0, 0] and now
            s = harness.wait_until(caught_up, timeout=30, what="group lag 0 on both partitions")
            self.assertEqual(s.value("tributary_broker_group_lag_sum", group="metrics-group"), 0)
            self.assertEqual(s.value("tributary_broker_group_committed_offset", group="metrics-group", topic=TOPIC,
                                     partition=1), ends[1])
            self.assertEqual(s.value("tributary_broker_group_state", group="metrics-group", state="Stable"), 1)
            # What the group fetched came out of the Fetch counters.
            self.assertGreaterEqual(s.value("tributary_broker_topic_records_out_total", topic=TOPIC), RECORDS)
            self.assertGreaterEqual(s.value("tributary_broker_topic_bytes_out_total", topic=TOPIC), sizes)
        finally:
            consumer.close()

    def test_connect_task_state_and_records(self):
        config = {"connector.class": DATAGEN, "kafka.topic": "metrics-gen", "quickstart": "payments",
                  "max.interval": "1", "iterations": "200", "tasks.max": "1"}
        status, body = call(self.connect, "POST", "/connectors", {"name": "metrics-gen", "config": config})
        self.assertEqual(status, 201, body)
        wait_for_running(self.connect, "metrics-gen")

        def all_written():
            s = scrape(self.connect)
            done = s.maybe("tributary_connect_task_records_written_total", connector="metrics-gen", task=0) == 200
            return done and s
        s = harness.wait_until(all_written, timeout=60, what="200 datagen records written")
        self.assertEqual(s.value("tributary_connect_task_records_polled_total", connector="metrics-gen", task=0), 200)
        self.assertEqual(s.value("tributary_connect_task_errors_total", connector="metrics-gen", task=0), 0)
        self.assertEqual(s.value("tributary_connect_task_dead_letter_records_total", connector="metrics-gen", task=0), 0)
        states = {l["state"]: v for l, v in s.samples["tributary_connect_task_state"]
                  if l["connector"] == "metrics-gen" and l["task"] == "0"}
        self.assertEqual(states["RUNNING"], 1, states)
        self.assertEqual(sum(states.values()), 1, states)
        self.assertEqual(s.value("tributary_connect_connector_state", connector="metrics-gen", state="RUNNING"), 1)
        # The broker saw the same records arrive (the producer has delivered them once written + flushed).
        harness.wait_until(lambda: scrape(self.connect).maybe("tributary_broker_topic_records_in_total",
                                                              topic="metrics-gen") == 200,
                           timeout=30, what="broker records in for the datagen topic")

    def test_sql_query_records_and_state(self):
        ksql(self.sql, """
            CREATE STREAM METRIC_READINGS (ID STRING KEY, V INT)
              WITH (KAFKA_TOPIC='metrics-sql', VALUE_FORMAT='JSON', PARTITIONS=1);
            CREATE TABLE METRIC_COUNTS AS SELECT ID, COUNT(*) AS CNT FROM METRIC_READINGS GROUP BY ID EMIT CHANGES;""")
        queries = ksql(self.sql, "SHOW QUERIES;")[0]["queries"]
        ids = [q["id"] for q in queries if "METRIC_COUNTS" in q.get("sinks", [])]
        self.assertEqual(len(ids), 1, queries)
        query_id = ids[0]
        producer = Producer({"bootstrap.servers": self.broker.bootstrap})
        for i in range(100):
            producer.produce("metrics-sql", key="id%d" % (i % 10), value=json.dumps({"V": i}))
        producer.produce("metrics-sql", key="bad", value=b"{not json")
        self.assertEqual(producer.flush(30), 0)

        def processed_all():
            s = scrape(self.sql)
            return s.maybe("tributary_sql_query_records_processed_total", query_id=query_id) == 101 and s
        s = harness.wait_until(processed_all, timeout=60, what="101 records processed by " + query_id)
        harness.wait_until(lambda: scrape(self.sql).maybe("tributary_sql_query_records_failed_total",
                                                          query_id=query_id) == 1,
                           timeout=30, what="the bad record counted as failed")
        self.assertGreaterEqual(s.value("tributary_sql_queries_running"), 1)
        self.assertGreater(s.value("tributary_sql_query_state_store_size_bytes", query_id=query_id), 0)

    def test_console_listener_serves_the_same_routes(self):
        try:
            status, _, _ = http_get(self.console + "/healthz", timeout=5)
        except OSError as e:
            self.skipTest("console listener on %s does not answer (%s): not wired into serve yet" % (self.console, e))
        self.assertEqual(status, 200)
        self.assertEqual(http_get(self.console + "/readyz")[0], 200)
        s = scrape(self.console)
        for family in ("tributary_broker_topic_bytes_in", "tributary_kafka_request_duration_seconds",
                       "tributary_broker_partition_end_offset"):
            self.assertIn(family, s.families)

    def test_every_listener_renders_every_component(self):
        for base in (self.sql, self.connect):
            families = scrape(base).families
            for family in ("tributary_http_requests", "tributary_http_request_duration_seconds",
                           "tributary_kafka_requests", "tributary_kafka_request_errors",
                           "tributary_broker_open_connections", "tributary_broker_connections",
                           "tributary_broker_partition_start_offset", "tributary_sql_queries_running"):
                self.assertIn(family, families, base)
            self.assertEqual(families["tributary_broker_connections"].type, "counter")
            self.assertEqual(families["tributary_broker_open_connections"].type, "gauge")


if __name__ == "__main__":
    harness.main()
