"""The web console in headless Chromium against `tributary serve`.

The Python side sets the scene with real clients (confluent-kafka for a topic and a record with
headers, Connect's REST API for a datagen connector, ksqlDB's REST API for a stream); then
tests/js/console_ui.js drives Debian's chromium through playwright-core and checks what a user
sees: the topic list, the message browser showing the record and its headers, a push query in the
SQL editor streaming rows produced after it started, the connector RUNNING. The screenshots it
writes under TRIBUTARY_TEST_TMP are the test's artifacts.
"""
import json
import os
import shutil
import subprocess
import urllib.request

from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic

import harness
from connect_client import call, connect_url, wait_for_connect, wait_for_running
from ksql import ksql, wait_for_server

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "js", "console_ui.js")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

TOPIC = "payments-kinesis"
KEY = "pay-ui-1"
HEADER = ("trace-id", "trace-ui-42")
STREAM = "UI_PAYMENTS"
CONNECTOR = "ui-datagen"


def http_ok(url):
    with urllib.request.urlopen(url, timeout=2) as resp:
        return resp.status == 200


class ConsoleUiTest(harness.BrokerTestCase):
    def test_console_in_chromium(self):
        self.assertTrue(os.path.exists(CHROMIUM), "%s is missing: run scripts/install-deps" % CHROMIUM)
        self.assertTrue(shutil.which("node"), "node is missing: run scripts/install-deps")
        b = self.broker
        console = "http://127.0.0.1:%d" % b.console_port
        harness.wait_until(lambda: http_ok(console + "/api/overview"), timeout=30, what="console /api/overview")

        admin = AdminClient({"bootstrap.servers": b.bootstrap})
        for f in admin.create_topics([NewTopic(TOPIC, num_partitions=3, replication_factor=1)]).values():
            f.result(30)
        producer = Producer({"bootstrap.servers": b.bootstrap, "acks": "all"})
        value = {"gateway": "kinesis-gw", "amount": 42.5, "customer": {"id": "c-7", "country": "NL"}}
        producer.produce(TOPIC, key=KEY, value=json.dumps(value),
                         headers=[HEADER, ("source", b"kinesis")])
        self.assertEqual(producer.flush(30), 0)

        wait_for_connect(connect_url(b))
        status, body = call(connect_url(b), "POST", "/connectors", {"name": CONNECTOR, "config": {
            "connector.class": "DatagenConnector", "quickstart": "payments", "kafka.topic": "ui-payments",
            "max.interval": "200", "tasks.max": "1",
            "key.converter": "org.apache.kafka.connect.storage.StringConverter",
            "value.converter": "org.apache.kafka.connect.json.JsonConverter",
            "value.converter.schemas.enable": "false"}})
        self.assertEqual(status, 201, body)
        wait_for_running(connect_url(b), CONNECTOR)

        wait_for_server(b.sql_url)
        ksql(b.sql_url, "CREATE STREAM %s (ID STRING KEY, GATEWAY STRING, AMOUNT DOUBLE) "
                        "WITH (KAFKA_TOPIC='%s', VALUE_FORMAT='JSON');" % (STREAM, TOPIC))

        shots = os.path.join(harness.TMP_ROOT, "console-ui-screenshots")
        options = {"topic": TOPIC, "key": KEY, "headerKey": HEADER[0], "headerValue": HEADER[1],
                   "valueText": "kinesis-gw", "valueField": "customer", "stream": STREAM,
                   "connector": CONNECTOR, "shots": shots}
        proc = subprocess.run(["node", SCRIPT, console, json.dumps(options)], cwd=os.path.dirname(SCRIPT),
                              capture_output=True, text=True, timeout=180,
                              env=dict(os.environ, CHROMIUM=CHROMIUM))
        print(proc.stdout)
        print(proc.stderr)
        self.assertEqual(proc.returncode, 0, "console_ui.js failed:\n%s\n%s" % (proc.stdout, proc.stderr))
        for name in ("topics", "messages", "sql", "connectors", "overview", "charts"):
            path = os.path.join(shots, "console-%s.png" % name)
            self.assertTrue(os.path.getsize(path) > 10000, "screenshot %s is missing or empty" % path)


if __name__ == "__main__":
    harness.main()
