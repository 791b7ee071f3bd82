#!/usr/bin/python3
"""The merger demo after scripts/demo started the processes (company A's and company B's
`tributary serve`, kinesalite): creates the Kinesis stream and B's topic, runs the SQL, creates the
connectors, produces payments and rides with progress, checks the metrics tables against what was
produced, then (interactive) keeps a trickle of records flowing until Ctrl-C, or (--test) exits
0 when every table holds exactly the produced totals, 1 otherwise."""
import argparse
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from confluent_kafka import Consumer, TopicPartition

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import demo_check  # noqa: E402
import demo_payments  # noqa: E402
import demo_rides  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BOLD, DIM, GREEN, RED, RESET = (("\033[1m", "\033[2m", "\033[32m", "\033[31m", "\033[0m")
                                if sys.stdout.isatty() else ("",) * 5)
STRING = "org.apache.kafka.connect.storage.StringConverter"
BYTES = "org.apache.kafka.connect.converters.ByteArrayConverter"


def say(text=""):
    print(text, flush=True)


def step(args, n, text):
    say("\n%s[%d/%d] %s%s" % (BOLD, n, args.steps, text, RESET))


def fmt(n):
    return "{:,}".format(n)


def call(method, url, body=None, timeout=30):
    """(status, parsed JSON or None) of a REST call."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read().decode()
            return resp.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        raw = e.read().decode()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw


def wait_until(predicate, timeout, what, interval=0.2):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except (OSError, RuntimeError, ValueError) as e:
            last = e
        time.sleep(interval)
    raise RuntimeError("timed out after %ds waiting for %s (last: %s)" % (timeout, what, last))


class Offsets:
    """Record counts of topics (sum over partitions of end - start offsets) on one cluster."""

    def __init__(self, bootstrap):
        self.consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "demo-progress",
                                  "enable.auto.commit": False})

    def count(self, topic):
        md = self.consumer.list_topics(topic, timeout=5).topics.get(topic)
        if md is None or md.error is not None:
            return 0
        total = 0
        for p in md.partitions:
            low, high = self.consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=5)
            total += high - low
        return total

    def close(self):
        self.consumer.close()


def create_connector(connect_url, name, config):
    status, body = call("POST", connect_url + "/connectors", {"name": name, "config": config})
    if status != 201:
        raise RuntimeError("creating connector %s failed: HTTP %d %s" % (name, status, body))

    def running():
        status, body = call("GET", "%s/connectors/%s/status" % (connect_url, name))
        if status == 200 and body["connector"]["state"] == "FAILED":
            raise SystemExit("connector %s FAILED: %s" % (name, body["connector"].get("trace", "")))
        return (status == 200 and body["connector"]["state"] == "RUNNING" and body["tasks"]
                and all(t["state"] == "RUNNING" for t in body["tasks"])) and body
    body = wait_until(running, 30, "connector %s RUNNING" % name)
    say("  %-18s RUNNING with %d task(s)" % (name, len(body["tasks"])))


def run_sql(args):
    script = os.path.join(HERE, "demo_merger.sql")
    out = subprocess.run([args.tributary, "sql", "--server", args.sql_url, "--file", script],
                         capture_output=True, text=True, timeout=120)
    for line in (out.stdout + out.stderr).splitlines():
        # The shell boxes each status message; the messages alone say what happened.
        if line.strip() and line.strip() != "Message" and not set(line.strip()) <= set("-+"):
            say("  " + DIM + line.strip() + RESET)
    if out.returncode != 0:
        raise RuntimeError("tributary sql --file %s exited with %d" % (script, out.returncode))


class Producers:
    """The two producers in threads, each with its tally; errors are kept for the main thread."""

    def __init__(self, args, kinesis):
        self.payments = demo_payments.Tally()
        self.rides = demo_rides.Tally()
        self.errors = []
        self.stop = threading.Event()
        self.threads = []
        self.args = args
        self.kinesis = kinesis

    def start(self, payments, payments_rate, rides, rides_rate, first_id=1):
        def guarded(fn, *a):
            try:
                fn(*a)
            except Exception as e:  # noqa: BLE001  (reported by the main thread)
                self.errors.append("%s: %s" % (fn.__module__, e))
        self.threads = [
            threading.Thread(target=guarded, daemon=True, args=(
                demo_payments.produce, self.kinesis, "payments", payments, payments_rate, self.payments, first_id,
                self.stop)),
            threading.Thread(target=guarded, daemon=True, args=(
                demo_rides.produce, self.args.bootstrap_b, rides, rides_rate, self.rides, first_id, self.stop))]
        for t in self.threads:
            t.start()

    def running(self):
        return any(t.is_alive() for t in self.threads)

    def join(self):
        self.stop.set()
        for t in self.threads:
            t.join(30)


def progress(args, producers, a, b, done):
    """One line of where the records are: produced, copied by the connectors, merged by SQL."""
    return ("  payments %s/%s -> Kinesis, %s in payments-kinesis | rides %s/%s -> B, %s in companyb.rides"
            " | ALL_PAYMENTS %s%s" % (
                fmt(producers.payments.count), fmt(args.payments), fmt(a.count("payments-kinesis")),
                fmt(producers.rides.count), fmt(args.rides), fmt(a.count("companyb.rides")),
                fmt(a.count("all-payments")), done))


def produce_with_progress(args, producers, a):
    started = time.time()
    producers.start(args.payments, args.payments_rate, args.rides, args.rides_rate)
    tty = sys.stdout.isatty()
    last = 0.0

    def show(final=False):
        line = progress(args, producers, a, None, "")
        if tty:
            sys.stdout.write("\r\033[K" + line + ("\n" if final else ""))
            sys.stdout.flush()
        else:
            say(line)

    def all_copied():
        if producers.running():
            return False
        return (a.count("payments-kinesis") >= producers.payments.count
                and a.count("companyb.rides") >= producers.rides.count
                and a.count("all-payments") >= producers.payments.count + producers.rides.count)

    deadline = time.time() + args.timeout
    while time.time() < deadline:
        if producers.errors:
            raise RuntimeError("producer failed: " + "; ".join(producers.errors))
        if all_copied():
            break
        if time.time() - last >= (0.5 if tty else 2.0):
            show()
            last = time.time()
        time.sleep(0.1)
    else:
        show(True)
        raise RuntimeError("records did not all arrive within %ds" % args.timeout)
    show(True)
    say("  %s%s payments and %s rides produced, copied and merged in %.1fs%s" % (
        GREEN, fmt(producers.payments.count), fmt(producers.rides.count), time.time() - started, RESET))


def print_tables(got):
    say("  %-8s %10s %12s" % ("GATEWAY", "PAYMENTS", "REVENUE"))
    for gateway, (count, revenue) in sorted(got["GATEWAY_TOTALS"].items()):
        say("  %-8s %10s %12.2f" % (gateway, fmt(count), revenue))
    for origin, (count, revenue) in sorted(got["ORIGIN_TOTALS"].items()):
        say("  ORIGIN_TOTALS %-9s %8s payments, revenue %.2f" % (origin, fmt(count), revenue))
    minutes = sorted({w for _, w in got["GATEWAY_PER_MINUTE"]})
    for w in minutes:
        cells = ", ".join("%s %s" % (g, fmt(c)) for (g, ws), (c, _) in sorted(got["GATEWAY_PER_MINUTE"].items())
                          if ws == w)
        say("  GATEWAY_PER_MINUTE %s: %s" % (time.strftime("%H:%M", time.gmtime(w / 1000)), cells))
    per_second = {}
    for (_, w), n in got["BOOKINGS_PER_SECOND"].items():
        per_second[w] = per_second.get(w, 0) + n
    if per_second:
        say("  BOOKINGS_PER_SECOND: %d one-second windows, %s bookings, busiest second %s" % (
            len(per_second), fmt(sum(per_second.values())), fmt(max(per_second.values()))))


def check(args, producers):
    want = demo_check.expected(producers.payments, producers.rides)
    got = {}

    def matches():
        got.clear()
        got.update(demo_check.actual(args.sql_url))
        return not demo_check.differences(want, got)
    try:
        wait_until(matches, args.timeout, "the metrics tables to hold the produced totals", interval=0.5)
    except RuntimeError:
        if not got:
            raise
        print_tables(got)
        for line in demo_check.differences(want, got):
            say("  %s%s%s" % (RED, line, RESET))
        say("%sdemo check FAILED: the metrics tables differ from what was produced%s" % (RED, RESET))
        return False
    print_tables(got)
    say("%sdemo check passed: GATEWAY_TOTALS, ORIGIN_TOTALS, GATEWAY_PER_MINUTE and BOOKINGS_PER_SECOND hold "
        "exactly the %s payments and %s rides produced%s" % (GREEN, fmt(producers.payments.count),
                                                               fmt(producers.rides.count), RESET))
    return True


def look_around(args):
    console = "(not served by this build yet)"
    try:
        with urllib.request.urlopen(args.console_url + "/", timeout=2) as resp:
            if resp.status == 200:
                console = args.console_url + "/"
    except OSError:
        pass
    kafka_a, kafka_b = args.bootstrap_a, args.bootstrap_b
    say("""
%(b)sLook around%(r)s
  console                 %(console)s
  company A's Kafka       %(kafka_a)s
  company B's Kafka       %(kafka_b)s
  Connect REST (A)        %(connect)s
  ksqlDB REST (A)         %(sql)s
  Kinesis (kinesalite)    %(kinesis)s

  kcat -b %(kafka_a)s -t payments-kinesis -C -c 5 -f '%%k  %%s\\n'
  kcat -b %(kafka_a)s -t companyb.rides -C -c 5 -f '%%k  %%s\\n'
  kcat -b %(kafka_b)s -L                                  # company B's cluster
  curl -s '%(connect)s/connectors?expand=status' | python3 -m json.tool
  curl -s %(sql)s/ksql -d '{"ksql": "SHOW QUERIES;"}' | python3 -m json.tool
  curl -s %(sql)s/query -d '{"ksql": "SELECT * FROM GATEWAY_TOTALS;"}'
  %(bin)s sql --server %(sql)s
      SELECT * FROM GATEWAY_PER_MINUTE EMIT CHANGES;
      SELECT * FROM BOOKINGS_PER_SECOND EMIT CHANGES;
  %(bin)s groups --bootstrap-server %(kafka_a)s list""" % {
        "b": BOLD, "r": RESET, "console": console, "kafka_a": kafka_a, "kafka_b": kafka_b,
        "connect": args.connect_url, "sql": args.sql_url, "kinesis": args.kinesis_endpoint,
        "bin": os.path.relpath(args.tributary) if not os.path.isabs(args.tributary) else args.tributary})


def live(args, producers, a):
    """Interactive: a trickle of payments and rides keeps the tables moving until Ctrl-C."""
    producers.stop.clear()
    producers.start(0, args.trickle_rate, 0, max(1, args.trickle_rate // 4), first_id=max(args.payments, args.rides) + 1)
    say("\n%sLive:%s %d payments/s and %d rides/s keep flowing. %sPress Ctrl-C to stop everything.%s" % (
        BOLD, RESET, args.trickle_rate, max(1, args.trickle_rate // 4), BOLD, RESET))
    tty = sys.stdout.isatty()
    while True:
        time.sleep(1 if tty else 30)
        line = "  %s payments and %s rides produced so far" % (fmt(producers.payments.count),
                                                               fmt(producers.rides.count))
        if tty:
            sys.stdout.write("\r\033[K" + line)
            sys.stdout.flush()
        else:
            say(line)
        if producers.errors:
            say("\nproducer failed: " + "; ".join(producers.errors))
            return 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("bootstrap-a", "bootstrap-b", "connect-url", "sql-url", "console-url", "kinesis-endpoint",
                 "tributary"):
        ap.add_argument("--" + name, required=True)
    ap.add_argument("--payments", type=int, default=6000)
    ap.add_argument("--payments-rate", type=int, default=400)
    ap.add_argument("--rides", type=int, default=2000)
    ap.add_argument("--rides-rate", type=int, default=150)
    ap.add_argument("--trickle-rate", type=int, default=20)
    ap.add_argument("--timeout", type=int, default=60, help="seconds to wait for records and tables")
    ap.add_argument("--test", action="store_true", help="check and exit instead of staying up")
    ap.add_argument("--first-step", type=int, default=4)
    ap.add_argument("--steps", type=int, default=8)
    args = ap.parse_args()
    n = args.first_step

    step(args, n, "Kinesis stream `payments` (4 shards) on kinesalite, topic `rides` (3 partitions) on company B")
    kinesis = demo_payments.client(args.kinesis_endpoint)
    wait_until(lambda: kinesis.list_streams() is not None, 30, "kinesalite")
    summary = demo_payments.create_stream(kinesis, "payments", 4)
    demo_rides.create_topic(args.bootstrap_b)
    say("  kinesis: %s %s with %d shards; company B: topic rides" % (
        summary["StreamName"], summary["StreamStatus"], summary["OpenShardCount"]))

    step(args, n + 1, "SQL on company A: tributary sql --file scripts/demo_merger.sql")
    wait_until(lambda: call("GET", args.sql_url + "/info", timeout=2)[0] == 200, 30, "the SQL service")
    run_sql(args)

    step(args, n + 2, "Connectors on company A's Connect (%s)" % args.connect_url)
    wait_until(lambda: call("GET", args.connect_url + "/", timeout=2)[0] == 200, 30, "the Connect service")
    say("  kinesis-payments:  Kinesis `payments` -> payments-kinesis (KinesisSourceConnector)")
    say("  mirror-companyb:   company B `rides` -> companyb.rides (MirrorSourceConnector)")
    create_connector(args.connect_url, "kinesis-payments", {
        "connector.class": "io.confluent.connect.kinesis.KinesisSourceConnector",
        "kafka.topic": "payments-kinesis", "kinesis.stream": "payments", "kinesis.region": "us-east-1",
        "kinesis.endpoint": args.kinesis_endpoint, "kinesis.position": "TRIM_HORIZON", "tasks.max": "2",
        "aws.access.key.id": "demo", "aws.secret.key.id": "demo", "kinesis.empty.records.backoff.ms": "200",
        "key.converter": STRING, "value.converter": BYTES})
    create_connector(args.connect_url, "mirror-companyb", {
        "connector.class": "org.apache.kafka.connect.mirror.MirrorSourceConnector",
        "source.cluster.alias": "companyb", "source.cluster.bootstrap.servers": args.bootstrap_b,
        "target.cluster.bootstrap.servers": args.bootstrap_a, "topics": "rides", "tasks.max": "1",
        "key.converter": BYTES, "value.converter": BYTES})

    step(args, n + 3, "Producing %s payments into Kinesis (boto3, %d/s) and %s rides into company B (%d/s)" % (
        fmt(args.payments), args.payments_rate, fmt(args.rides), args.rides_rate))
    a = Offsets(args.bootstrap_a)
    producers = Producers(args, kinesis)
    produce_with_progress(args, producers, a)

    step(args, n + 4, "Metrics tables (pull queries) against what was produced")
    ok = check(args, producers)
    if args.test:
        a.close()
        return 0 if ok else 1
    look_around(args)
    try:
        return live(args, producers, a)
    except KeyboardInterrupt:
        say("")
        return 130


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except (RuntimeError, SystemExit) as e:
        if isinstance(e, SystemExit) and (e.code is None or isinstance(e.code, int)):
            raise
        say("%sdemo failed: %s%s" % (RED, e, RESET))
        sys.exit(1)
