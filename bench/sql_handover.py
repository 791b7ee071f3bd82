#!/usr/bin/env python3
"""SQL hand-over benchmark: how long a query with state takes to move to another worker, and how fast
a worker restores the state from the query's changelog (docs/benchmarks.md, "SQL hand-over").

One `tributary serve` is the broker; the SQL workers are `tributary sql-server` processes with their
own service id. Worker A runs `CREATE TABLE T AS SELECT ID, COUNT(*), SUM(AMOUNT) ... GROUP BY ID`
over KEYS payments with distinct keys (2 partitions), so the changelog holds two entries per key
(the aggregate and the materialized row) plus the offsets entries.

- restore: A stops (SIGTERM); B starts on an empty data directory. Timed from B's start to B running
  the query (tributary_sql_query_active = 1 on its /metrics): command log replay, group join, the
  whole changelog read and written to RocksDB, the operators built. Beside it, the machine's limit
  for the read half: tributary-bench-kafka consume (plain librdkafka) reading the same changelog.
- failover: A restarts on its old data directory (a stale copy) and both run; the worker running
  the query is killed with kill -9. Timed from the kill to the other running it: the group's session
  timeout (10 s) dominates, then the same restore.

CPU is the taking-over worker's utime+stime over the timed interval. Alone:
bench/sql_handover.py --build-dir build [--keys 300000]; by `CASES=handover bench/run`. Needs
/usr/bin/python3 with Debian's python3-confluent-kafka. A measurement, never a test.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from connect_bench import Server, cpu_seconds, free_port, loadavg, rest, wait_until  # noqa: E402

SERVICE_ID = "handover_"


class Worker:
    """One `tributary sql-server` with its own data directory."""

    def __init__(self, binary, work, name, bootstrap):
        self.binary, self.bootstrap = binary, bootstrap
        self.dir = os.path.join(work, name)
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.proc = None

    def start(self):
        os.makedirs(self.dir, exist_ok=True)
        self.log = open(self.dir + ".log", "ab")
        self.proc = subprocess.Popen(
            [self.binary, "sql-server", "--bootstrap-servers", self.bootstrap, "--listen", "127.0.0.1:%d" % self.port,
             "--data-dir", self.dir, "--service-id", SERVICE_ID, "--log-level", "warn"],
            stdout=self.log, stderr=subprocess.STDOUT)
        return self

    def metric(self, name, query_id):
        try:
            with urllib.request.urlopen(self.url + "/metrics", timeout=2) as resp:
                text = resp.read().decode()
        except OSError:
            return None
        m = re.search(r'^%s\{query_id="%s"\} (\S+)$' % (name, re.escape(query_id)), text, re.M)
        return float(m.group(1)) if m else None

    def active(self, query_id):
        return self.metric("tributary_sql_query_active", query_id) == 1.0

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=60)
        if self.proc:
            self.log.close()


def produce(bootstrap, keys):
    from confluent_kafka import Producer
    p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 20, "queue.buffering.max.messages": 2000000})
    for i in range(keys):
        p.produce("payments", key="k%07d" % i, value=json.dumps({"AMOUNT": (i % 400) / 4.0}))
        if i % 1000 == 0:
            p.poll(0)
    assert p.flush(60) == 0


def plain_read(build_dir, bootstrap, topic):
    out = subprocess.run([os.path.join(build_dir, "bench", "tributary-bench-kafka"), "consume", "-b", bootstrap,
                          "-t", topic, "-n", "0", "--label", "changelog"], check=True, capture_output=True, text=True)
    return json.loads([line for line in out.stdout.splitlines() if line.startswith("{")][-1])


def timed_takeover(worker, query_id, start):
    """Seconds from `start` until `worker` runs the query, and its CPU seconds since then."""
    cpu0 = cpu_seconds(worker.proc.pid)
    wait_until(lambda: worker.active(query_id), 300, worker.url + " running " + query_id, interval=0.01)
    return time.monotonic() - start, cpu_seconds(worker.proc.pid) - cpu0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build-dir", default=os.path.join(os.path.dirname(__file__), "..", "build"))
    parser.add_argument("--keys", type=int, default=int(os.environ.get("HANDOVER_KEYS", "300000")))
    parser.add_argument("--results", default=None)
    args = parser.parse_args()
    binary = os.path.join(args.build_dir, "tributary")
    work = tempfile.mkdtemp(prefix="bench-handover.", dir=args.build_dir)
    broker = Server(binary, work, "broker", 2)
    a = Worker(binary, work, "worker-a", broker.bootstrap).start()
    b = Worker(binary, work, "worker-b", broker.bootstrap)
    results = []
    try:
        wait_until(lambda: rest(a.url, "GET", "/info")[0] == 200, 30, "worker a")
        status, out = rest(a.url, "POST", "/ksql", {"ksql": """
            CREATE STREAM PAYMENTS (ID STRING KEY, AMOUNT DOUBLE)
              WITH (KAFKA_TOPIC='payments', VALUE_FORMAT='JSON', PARTITIONS=2);
            CREATE TABLE T AS SELECT ID, COUNT(*) AS C, SUM(AMOUNT) AS S FROM PAYMENTS GROUP BY ID;"""})
        assert status == 200, out
        query_id = out[1]["commandStatus"]["queryId"]
        changelog = "_confluent-ksql-%squery_%s-changelog" % (SERVICE_ID, query_id)
        produce(broker.bootstrap, args.keys)
        wait_until(lambda: a.metric("tributary_sql_query_records_processed_total", query_id) == args.keys, 300,
                   "worker a counting %d payments" % args.keys, interval=0.1)
        time.sleep(1.5)  # the last commit's changelog records are flushed with it
        plain = plain_read(args.build_dir, broker.bootstrap, changelog)
        entries = plain["records"]

        a.stop()
        start = time.monotonic()
        b.start()
        seconds, cpu = timed_takeover(b, query_id, start)
        results.append({"bench": "sql-handover", "case": "restore", "keys": args.keys, "changelog_records": entries,
                        "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 2),
                        "changelog_records_per_s": round(entries / seconds),
                        "plain_read_records_per_s": round(plain["records_per_s"]),
                        "vs_plain_read": round(entries / seconds / plain["records_per_s"], 3)})

        a.start()
        wait_until(lambda: a.metric("tributary_sql_query_active", query_id) is not None, 60, "worker a back")
        time.sleep(2)  # both in the group
        owner, other = (a, b) if a.active(query_id) else (b, a)
        owner.stop(signal.SIGKILL)
        start = time.monotonic()
        seconds, cpu = timed_takeover(other, query_id, start)
        results.append({"bench": "sql-handover", "case": "failover after kill -9", "keys": args.keys,
                        "changelog_records": entries, "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 2),
                        "session_timeout_s": 10})
    finally:
        for w in (a, b):
            w.stop(signal.SIGKILL)
        broker.stop()
        shutil.rmtree(work, ignore_errors=True)
    for r in results:
        r["load_avg"] = loadavg()
        print(json.dumps(r))
        if args.results:
            with open(args.results, "a") as f:
                f.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
