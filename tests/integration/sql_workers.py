"""Shared by the tests of several `tributary sql-server` workers: the worker process, producing
numbered payments and the exact totals they must add up to."""
import collections
import json
import os
import re
import shutil
import urllib.request

from confluent_kafka import Producer

import harness
from ksql import wait_for_server

SERVICE_ID = "workers_"


def amount(i):
    # Multiples of 1/4, exact in binary floating point, so sums compare exactly.
    return ((i * 29) % 400) / 4.0


def produce(bootstrap, topic, first, count, record):
    """Payments first..first+count-1 to `topic`; record(i) gives each one's (key, value dict)."""
    # murmur2, as the Java client and the engine's sinks partition: joined topics stay co-partitioned.
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all", "linger.ms": 5,
                         "partitioner": "murmur2_random"})
    for i in range(first, first + count):
        key, value = record(i)
        producer.produce(topic, key=key, value=json.dumps(value))
        if i % 500 == 0:
            producer.poll(0)
    assert producer.flush(30) == 0


def expected_totals(n, group):
    """(count, sum of amounts) per group(i) over the first n payments."""
    totals = collections.defaultdict(lambda: [0, 0.0])
    for i in range(n):
        totals[group(i)][0] += 1
        totals[group(i)][1] += amount(i)
    return {g: (c, s) for g, (c, s) in totals.items()}


class SqlWorker(harness.ServerProcess):
    """One `tributary sql-server` process: killable, restartable on the same data directory."""

    kind = "sql-server"

    def __init__(self, name, bootstrap):
        super().__init__(name)
        self.port = harness.free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.bootstrap = bootstrap

    def start(self):
        self.spawn([harness.BIN, "sql-server", "--bootstrap-servers", self.bootstrap,
                    "--listen", "127.0.0.1:%d" % self.port, "--data-dir", os.path.join(self.data_dir, "data"),
                    "--service-id", SERVICE_ID])
        wait_for_server(self.url)
        return self

    def metric(self, name, query_id):
        """A per-query sample of this worker's /metrics (None when absent)."""
        with urllib.request.urlopen(self.url + "/metrics", timeout=5) as resp:
            text = resp.read().decode()
        m = re.search(r'^%s\{query_id="%s"\} (\S+)$' % (name, re.escape(query_id)), text, re.M)
        return float(m.group(1)) if m else None

    def active(self, query_id):
        """Whether this worker runs the query now."""
        return self.metric("tributary_sql_query_active", query_id) == 1.0

    def processed(self, query_id):
        """Source records the query processed on this worker since it started."""
        return self.metric("tributary_sql_query_records_processed_total", query_id)


class SqlWorkersTestCase(harness.BrokerTestCase):
    """Two workers of one service id against the class's broker; their logs are printed when a test fails."""

    worker_names = ("sql-worker-a", "sql-worker-b")

    def setUp(self):
        self.workers = [SqlWorker(name, self.broker.bootstrap) for name in self.worker_names]

    def start_workers(self):
        for w in self.workers:
            w.start()
        return self.workers

    def tearDown(self):
        failed = self._outcome.result.failures or self._outcome.result.errors
        for w in self.workers:
            w.stop()
            if failed:
                print("---- %s ----\n%s" % (w.log_path, w.read_log()))
            shutil.rmtree(w.data_dir, ignore_errors=True)
