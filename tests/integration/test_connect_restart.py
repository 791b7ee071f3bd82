"""kill -9 of the server while connectors run, then a restart on the same data directory: the worker
reads its connectors back from connect-configs and resumes from connect-offsets. Source offsets are
committed only after the records they cover are acknowledged, so nothing is lost; duplicates are
bounded by what was produced since the last offset commit."""
import json
import os
import time
import unittest

import harness
from connect_client import call, connect_url, consume, wait_for_connect, wait_for_running

ITERATIONS = 3000
LINES = 5000


class ConnectRestartTest(unittest.TestCase):
    def setUp(self):
        self.broker = harness.Broker("ConnectRestart", {"connect.offset.flush.interval.ms": "300"}).start()
        self.url = connect_url(self.broker)

    def tearDown(self):
        if not self.broker.alive() or self._outcome_failed():
            print(self.broker.read_log())
        self.broker.cleanup()

    def _outcome_failed(self):
        result = getattr(self._outcome, "result", None)
        return bool(result and (result.failures or result.errors))

    def test_kill_9_and_restart_resumes_without_loss(self):
        wait_for_connect(self.url)
        source_file = os.path.join(self.broker.data_dir, "in.txt")
        with open(source_file, "w") as f:
            for i in range(LINES):
                f.write("line-%05d\n" % i)
        status, body = call(self.url, "POST", "/connectors", {"name": "gen", "config": {
            "connector.class": "DatagenConnector", "kafka.topic": "gen", "quickstart": "payments",
            "iterations": str(ITERATIONS), "max.interval": "4",
            "value.converter": "org.apache.kafka.connect.json.JsonConverter",
            "value.converter.schemas.enable": "false"}})
        self.assertEqual(status, 201, body)
        status, body = call(self.url, "POST", "/connectors", {"name": "lines", "config": {
            "connector.class": "FileStreamSource", "file": source_file, "topic": "lines", "batch.size": "50",
            "value.converter": "org.apache.kafka.connect.storage.StringConverter"}})
        self.assertEqual(status, 201, body)
        wait_for_running(self.url, "gen")

        # Mid-way: some payments are in the log, far from all of them.
        seen = consume(self.broker.bootstrap, "gen", 500, timeout=60)
        self.assertEqual(len(seen), 500)
        self.broker.kill9()

        self.broker.start()
        wait_for_connect(self.url)
        # No POST after the restart: the worker found both connectors in connect-configs.
        wait_for_running(self.url, "gen")
        wait_for_running(self.url, "lines")
        self.assertEqual(sorted(call(self.url, "GET", "/connectors")[1]), ["gen", "lines"])

        deadline = time.time() + 90
        ids = []
        while time.time() < deadline:
            ids = [json.loads(m.value())["id"] for m in consume(self.broker.bootstrap, "gen", 10 ** 9, timeout=3)]
            if set(ids) >= set(range(ITERATIONS)):
                break
        self.assertEqual(set(ids), set(range(ITERATIONS)), "payments lost across kill -9")
        duplicates = len(ids) - ITERATIONS
        self.assertLess(duplicates, ITERATIONS, "duplicates should be bounded by one commit interval")
        print("payments: %d records, %d duplicates" % (len(ids), duplicates))

        lines = []
        deadline = time.time() + 60
        while time.time() < deadline:
            lines = [m.value().decode() for m in consume(self.broker.bootstrap, "lines", 10 ** 9, timeout=3)]
            if len(set(lines)) >= LINES:
                break
        self.assertEqual(set(lines), {"line-%05d" % i for i in range(LINES)}, "lines lost across kill -9")
        # Within the one file partition, order is kept apart from re-sent tails.
        first_seen = []
        for line in lines:
            if not first_seen or line > first_seen[-1]:
                first_seen.append(line)
        self.assertEqual(len(first_seen), LINES)


if __name__ == "__main__":
    harness.main()
