#!/usr/bin/env python3
"""Connect benchmarks: records/s a connector moves into the log, each beside a peer measured in the
same run on the same machine (docs/benchmarks.md, "Connect").

- kinesis: a kinesalite stream (1 shard, then 4) is filled with KINESIS_RECORDS 100 B JSON payments
  before the connector starts; timed from POST /connectors until the topic's end offsets sum to N.
  The emulator's own limit: plain boto3 GetRecords loops (same Limit per call as the connector) over
  the same stream, in one process and in one process per shard.
- datagen: the payments quickstart with max.interval 0 (tasks.max 1 and 2), against a plain
  librdkafka produce of the same number of records of the same size (tributary-bench-kafka produce).
- mirror: two `tributary serve`; a 4-partition topic on the source filled with 100 B records, the
  MirrorSourceConnector on the target (tasks.max 1 and 4), against tributary-bench-kafka consume
  reading the same topic from the same source broker.

CPU is utime+stime from /proc/<pid>/stat of every process involved, over the timed interval only.
Run by `CASES=connect bench/run`; alone: bench/connect_bench.py --build-dir build [--cases kinesis].
Needs /usr/bin/python3 (Debian's python3-boto3 and python3-confluent-kafka) and node + kinesalite
from tests/js (scripts/install-deps). Prints one JSON line per case (also appended to --results) and
the table docs/benchmarks.md copies. A measurement, never a test: it fails only when something does
not run.
"""
import argparse
import json
import multiprocessing
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINESALITE = os.path.join(ROOT, "tests", "js", "node_modules", "kinesalite", "cli.js")
CLK_TCK = os.sysconf("SC_CLK_TCK")
BYTES = "org.apache.kafka.connect.converters.ByteArrayConverter"
STRING = "org.apache.kafka.connect.storage.StringConverter"
JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter"
GATEWAYS = ["visa", "paypal", "master", "stripe", "wallet"]
KINESIS_LIMIT = 500  # GetRecords Limit: the connector's kinesis.record.limit default, used by both sides


# ---------------------------------------------------------------- processes and their CPU time

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_until(check, timeout, what, interval=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise RuntimeError("timed out after %ss waiting for %s" % (timeout, what))


def cpu_seconds(pid):
    """utime + stime of a process, all its threads."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def runqueue_wait(pid):
    """Seconds the process's threads spent runnable but waiting for a core (/proc/<pid>/task/*/schedstat):
    on a shared machine this is the time other processes took from it."""
    total = 0
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                total += int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total / 1e9


class Usage:
    """CPU time and run-queue wait of some processes ({label: pid}) from creation to done()."""

    def __init__(self, pids):
        self.pids = pids
        self.cpu0 = {k: cpu_seconds(p) for k, p in pids.items()}
        self.wait0 = {k: runqueue_wait(p) for k, p in pids.items()}

    def done(self):
        return ({k: round(cpu_seconds(p) - self.cpu0[k], 2) for k, p in self.pids.items()},
                {k: round(runqueue_wait(p) - self.wait0[k], 2) for k, p in self.pids.items()})


def thread_cpu(pid):
    """CPU seconds per thread name (librdkafka names its threads rdk:*; the rest are unnamed)."""
    out = {}
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                text = f.read()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        name = name if name.startswith("rdk:") else "other"
        if name.startswith("rdk:broker"):
            name = "rdk:broker*"
        out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / CLK_TCK
    return out


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


class Server:
    """One `tributary serve` on free loopback ports, flags as bench/run's start_broker."""

    def __init__(self, binary, work, name, network_threads, settings=None):
        self.dir = os.path.join(work, name)
        os.makedirs(self.dir)
        self.kafka_port, self.connect_port = free_port(), free_port()
        self.bootstrap = "127.0.0.1:%d" % self.kafka_port
        self.connect_url = "http://127.0.0.1:%d" % self.connect_port
        args = [binary, "serve", "--data-dir", os.path.join(self.dir, "data"), "--kafka-listen", self.bootstrap,
                "--sql-listen", "127.0.0.1:%d" % free_port(), "--connect-listen", "127.0.0.1:%d" % self.connect_port,
                "--console-listen", "127.0.0.1:%d" % free_port(),
                "--set", "num.network.threads=%d" % network_threads, "--set", "log.level=warn"]
        for k, v in (settings or {}).items():
            args += ["--set", "%s=%s" % (k, v)]
        self.log = open(self.dir + ".log", "wb")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        self.pid = self.proc.pid
        wait_until(lambda: self.proc.poll() is not None or rest(self.connect_url, "GET", "/", timeout=2)[0] == 200,
                   60, "tributary serve on " + self.bootstrap, interval=0.1)
        if self.proc.poll() is not None:
            raise RuntimeError("tributary serve exited:\n" + open(self.dir + ".log").read())

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def rest(base, method, path, body=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read().decode()
            return resp.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        raw = e.read().decode()
        try:
            return e.code, (json.loads(raw) if raw else None)
        except ValueError:
            return e.code, raw
    except OSError:
        return 0, None


def create_topic(bootstrap, topic, partitions):
    from confluent_kafka.admin import AdminClient, NewTopic
    admin = AdminClient({"bootstrap.servers": bootstrap})
    admin.create_topics([NewTopic(topic, num_partitions=partitions, replication_factor=1)])[topic].result(30)


class EndOffsets:
    """Sum of a topic's high watermarks (ListOffsets on every call, never cached)."""

    def __init__(self, bootstrap):
        from confluent_kafka import Consumer
        self.consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "connect-bench-watermarks",
                                  "enable.auto.commit": False})
        self.partitions = {}

    def total(self, topic):
        from confluent_kafka import TopicPartition
        if not self.partitions.get(topic):
            md = self.consumer.list_topics(topic, timeout=5)
            t = md.topics.get(topic)
            if t is None or t.error is not None or not t.partitions:
                return 0
            self.partitions[topic] = sorted(t.partitions)
        return sum(self.consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=5, cached=False)[1]
                   for p in self.partitions[topic])

    def close(self):
        self.consumer.close()


def timed_connector(server, name, config, topic, records, others, timeout):
    """POSTs the connector and waits until `topic` holds `records`; CPU of the server and of `others`
    ({label: pid}) over that interval. The first record's time separates start-up from copying."""
    ends = EndOffsets(server.bootstrap)
    threads0 = thread_cpu(server.pid)
    usage = Usage({"tributary": server.pid, **others})
    t0 = time.monotonic()
    status, body = rest(server.connect_url, "POST", "/connectors", {"name": name, "config": config})
    if status != 201:
        raise RuntimeError("POST /connectors %s: %s %s" % (name, status, body))
    first = None
    deadline = t0 + timeout
    while True:
        n = ends.total(topic)
        now = time.monotonic()
        if n and first is None:
            first = (now - t0, n)
        if n >= records:
            break
        if now > deadline:
            _, st = rest(server.connect_url, "GET", "/connectors/%s/status" % name)
            raise RuntimeError("%s: only %d of %d records after %ss; status %s" % (name, n, records, timeout, st))
        time.sleep(0.02)
    elapsed = time.monotonic() - t0
    cpu, wait = usage.done()
    threads1 = thread_cpu(server.pid)
    threads = {k: round(v - threads0.get(k, 0.0), 2) for k, v in threads1.items()}
    _, st = rest(server.connect_url, "GET", "/connectors/%s/status" % name)
    tasks = len(st["tasks"]) if st else 0
    ends.close()
    return {"records": n, "seconds": elapsed, "records_per_s": n / elapsed, "first_record_s": first[0],
            "copy_records_per_s": (n - first[1]) / max(elapsed - first[0], 1e-9), "tasks": tasks,
            "cpu_s": cpu, "runqueue_wait_s": wait, "tributary_threads_cpu_s": threads}


def emit(results, case, row):
    row = {"case": case, "load": loadavg(), **row}
    line = json.dumps(row)
    print(line, flush=True)
    with open(results, "a") as f:
        f.write(line + "\n")
    return row


# ---------------------------------------------------------------- Kinesis -> log

def payment(i):
    """A 100 B JSON payment (padded with spaces inside the object, still valid JSON)."""
    text = '{"id":%d,"custid":%d,"amount":%d.%02d,"gateway":"%s"' % (
        i, i % 10 + 1, i % 100 + 1, i % 97, GATEWAYS[i % 5])
    return (text + " " * (99 - len(text)) + "}").encode()


def kinesis_client(endpoint):
    import boto3
    from botocore.config import Config
    return boto3.client("kinesis", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="AKIDBENCH",
                        aws_secret_access_key="secret", config=Config(retries={"max_attempts": 10}))


def fill_stream(kinesis, stream, shards, records):
    kinesis.create_stream(StreamName=stream, ShardCount=shards)
    wait_until(lambda: kinesis.describe_stream_summary(StreamName=stream)["StreamDescriptionSummary"]
               ["StreamStatus"] == "ACTIVE", 30, "stream ACTIVE", interval=0.1)
    t0 = time.monotonic()
    for start in range(0, records, 500):
        batch = [{"Data": payment(i), "PartitionKey": "cust-%d" % i} for i in range(start, min(start + 500, records))]
        out = kinesis.put_records(StreamName=stream, Records=batch)
        if out["FailedRecordCount"]:
            raise RuntimeError("PutRecords: %d failed" % out["FailedRecordCount"])
    return records / (time.monotonic() - t0)


def read_shards(kinesis, stream, shard_ids):
    """Reads the shards round robin, Limit=KINESIS_LIMIT per call, until each returns an empty batch
    (kinesalite answers empty only at the end). Returns (records, calls)."""
    iterators = {s: kinesis.get_shard_iterator(StreamName=stream, ShardId=s, ShardIteratorType="TRIM_HORIZON")
                 ["ShardIterator"] for s in shard_ids}
    records = calls = 0
    while iterators:
        for s in list(iterators):
            r = kinesis.get_records(ShardIterator=iterators[s], Limit=KINESIS_LIMIT)
            calls += 1
            records += len(r["Records"])
            if not r["Records"] or not r.get("NextShardIterator"):
                del iterators[s]
            else:
                iterators[s] = r["NextShardIterator"]
    return records, calls


def _reader_process(endpoint, stream, shard_id, ready, go, out):
    kinesis = kinesis_client(endpoint)
    kinesis.list_shards(StreamName=stream)  # connection and client set up before the clock starts
    ready.put(1)
    go.wait()
    usage = Usage({"boto3": os.getpid()})
    t0 = time.time()
    records, calls = read_shards(kinesis, stream, [shard_id])
    t1 = time.time()
    cpu, wait = usage.done()
    out.put((t0, t1, records, calls, cpu["boto3"], wait["boto3"]))


def boto3_limit(endpoint, kinesis, stream, emulator_pid, processes):
    """GetRecords loops over every shard of `stream`: one process round robin, or one process per shard."""
    shard_ids = [s["ShardId"] for s in kinesis.list_shards(StreamName=stream)["Shards"]]
    if processes == 1:
        usage = Usage({"kinesalite": emulator_pid, "boto3": os.getpid()})
        t0 = time.monotonic()
        records, calls = read_shards(kinesis, stream, shard_ids)
        elapsed = time.monotonic() - t0
        cpu, wait = usage.done()
    else:
        ctx = multiprocessing.get_context("fork")
        ready, out, go = ctx.Queue(), ctx.Queue(), ctx.Event()
        procs = [ctx.Process(target=_reader_process, args=(endpoint, stream, s, ready, go, out)) for s in shard_ids]
        for p in procs:
            p.start()
        for _ in procs:
            ready.get(timeout=60)
        usage = Usage({"kinesalite": emulator_pid})
        go.set()
        parts = [out.get(timeout=600) for _ in procs]
        cpu, wait = usage.done()
        for p in procs:
            p.join()
        cpu["boto3"] = round(sum(p[4] for p in parts), 2)
        wait["boto3"] = round(sum(p[5] for p in parts), 2)
        elapsed = max(p[1] for p in parts) - min(p[0] for p in parts)
        records, calls = sum(p[2] for p in parts), sum(p[3] for p in parts)
    return {"records": records, "seconds": elapsed, "records_per_s": records / elapsed, "get_records_calls": calls,
            "processes": processes, "shards": len(shard_ids),
            "cpu_s": cpu, "runqueue_wait_s": wait}


def kinesis_cases(a, results):
    if not os.path.exists(KINESALITE):
        raise RuntimeError("kinesalite is missing (scripts/install-deps runs npm ci in tests/js)")
    port = free_port()
    endpoint = "http://127.0.0.1:%d" % port
    log = open(os.path.join(a.work, "kinesalite.log"), "wb")
    emulator = subprocess.Popen(["node", KINESALITE, "--port", str(port), "--createStreamMs", "0",
                                 "--updateStreamMs", "0", "--shardLimit", "50"], stdout=log, stderr=subprocess.STDOUT)
    rows = []
    try:
        kinesis = kinesis_client(endpoint)
        wait_until(lambda: rest(endpoint, "GET", "/", timeout=2)[0] != 0, 30, "kinesalite", interval=0.1)
        for shards, task_counts in ((1, (1,)), (4, (1, 4))):
            stream = "payments-%d" % shards
            put_rate = fill_stream(kinesis, stream, shards, a.kinesis_records)
            print("kinesis: filled %s with %d records at %.0f records/s" % (stream, a.kinesis_records, put_rate),
                  file=sys.stderr)
            # The emulator's limit first, then the connector, on the same stream (reading does not consume).
            for processes in ((1,) if shards == 1 else (1, shards)):
                r = boto3_limit(endpoint, kinesis, stream, emulator.pid, processes)
                if r["records"] != a.kinesis_records:
                    raise RuntimeError("boto3 read %d of %d records" % (r["records"], a.kinesis_records))
                rows.append(emit(results, "kinesis-%dshard-boto3-%dproc" % (shards, processes),
                                 {"bench": "connect-kinesis-boto3", "put_records_per_s": put_rate, **r}))
            for tasks in task_counts:
                server = Server(a.tributary, a.work, "kinesis-%d-%d" % (shards, tasks), a.network_threads)
                try:
                    topic = "payments-kinesis"
                    create_topic(server.bootstrap, topic, shards)
                    config = {"connector.class": "io.confluent.connect.kinesis.KinesisSourceConnector",
                              "kafka.topic": topic, "kinesis.stream": stream, "kinesis.region": "us-east-1",
                              "kinesis.endpoint": endpoint, "kinesis.position": "TRIM_HORIZON",
                              "kinesis.record.limit": str(KINESIS_LIMIT), "tasks.max": str(tasks),
                              "aws.access.key.id": "AKIDBENCH", "aws.secret.key.id": "secret",
                              "key.converter": STRING, "value.converter": BYTES}
                    r = timed_connector(server, "kinesis-bench", config, topic, a.kinesis_records,
                                        {"kinesalite": emulator.pid}, a.timeout)
                finally:
                    server.stop()
                r.update({"bench": "connect-kinesis", "shards": shards, "tasks_max": tasks,
                          "per_shard_records_per_s": r["records_per_s"] / shards,
                          "per_task_records_per_s": r["records_per_s"] / max(r["tasks"], 1)})
                rows.append(emit(results, "kinesis-%dshard-%dtask" % (shards, tasks), r))
    finally:
        emulator.terminate()
        emulator.wait(timeout=30)
        log.close()
    return rows


# ---------------------------------------------------------------- datagen -> log

def sample_size(bootstrap, topic, count=2000):
    """Average key + value bytes of the first records of partition 0."""
    from confluent_kafka import Consumer, TopicPartition
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "connect-bench-sample", "enable.auto.commit": False})
    c.assign([TopicPartition(topic, 0, 0)])
    keys = values = n = 0
    deadline = time.monotonic() + 30
    while n < count and time.monotonic() < deadline:
        for m in c.consume(500, 1.0):
            if m.error():
                continue
            keys += len(m.key() or b"")
            values += len(m.value() or b"")
            n += 1
    c.close()
    return keys / max(n, 1), values / max(n, 1)


def bench_produce(a, server, topic, records, size, acks):
    child0, cpu0 = children_cpu(), cpu_seconds(server.pid)
    out = subprocess.run([a.kafka_bench, "produce", "-b", server.bootstrap, "--topic", topic, "--label", topic,
                          "--record-size", str(size), "--acks", acks, "--partitions", "1", "--linger-ms", "5",
                          "--count", str(records)], capture_output=True, text=True, check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return r, cpu_seconds(server.pid) - cpu0, children_cpu() - child0


def datagen_cases(a, results):
    rows = []
    size = None
    for tasks in (1, 2):
        server = Server(a.tributary, a.work, "datagen-%d" % tasks, a.network_threads)
        try:
            topic = "payments"
            create_topic(server.bootstrap, topic, 1)
            config = {"connector.class": "io.confluent.kafka.connect.datagen.DatagenConnector", "kafka.topic": topic,
                      "quickstart": "payments", "max.interval": "0", "iterations": str(a.datagen_records // tasks),
                      "tasks.max": str(tasks), "key.converter": STRING, "value.converter": JSON_CONVERTER,
                      "value.converter.schemas.enable": "false"}
            r = timed_connector(server, "datagen-bench", config, topic, a.datagen_records // tasks * tasks, {},
                                a.timeout)
            key_b, value_b = sample_size(server.bootstrap, topic)
            if size is None:
                size = int(round(key_b + value_b))
        finally:
            server.stop()
        r.update({"bench": "connect-datagen", "tasks_max": tasks, "key_bytes": key_b, "value_bytes": value_b,
                  "records_per_cpu_s": r["records"] / max(r["cpu_s"]["tributary"], 1e-9)})
        rows.append(emit(results, "datagen-%dtask" % tasks, r))
    # The peer: the same number of records of the same size (key + value bytes as one value), produced
    # by librdkafka with acks=all and linger 5 ms, as the connector's producer does.
    server = Server(a.tributary, a.work, "datagen-produce", a.network_threads)
    try:
        p, server_cpu, client_cpu = bench_produce(a, server, "plain", a.datagen_records, size, "all")
    finally:
        server.stop()
    rows.append(emit(results, "datagen-peer-produce", {
        "bench": "connect-datagen-peer", "records": p["records"], "record_size": size,
        "seconds": p["records"] / p["records_per_s"], "records_per_s": p["records_per_s"],
        "cpu_s": {"tributary": round(server_cpu, 2), "producer": round(client_cpu, 2)},
        "records_per_cpu_s": p["records"] / max(server_cpu + client_cpu, 1e-9)}))
    return rows


# ---------------------------------------------------------------- mirror

def mirror_cases(a, results):
    rows = []
    source = Server(a.tributary, a.work, "mirror-source", a.network_threads)
    target = Server(a.tributary, a.work, "mirror-target", a.network_threads)
    try:
        subprocess.run([a.kafka_bench, "produce", "-b", source.bootstrap, "--topic", "rides", "--label", "fill",
                        "--record-size", "100", "--acks", "1", "--partitions", "4", "--linger-ms", "5",
                        "--count", str(a.mirror_records)], capture_output=True, text=True, check=True)
        # The peer: librdkafka's simple consumer reading the whole topic from the same broker.
        child0, cpu0 = children_cpu(), cpu_seconds(source.pid)
        out = subprocess.run([a.kafka_bench, "consume", "-b", source.bootstrap, "--topic", "rides", "--label", "peer"],
                             capture_output=True, text=True, check=True)
        c = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(emit(results, "mirror-peer-consume", {
            "bench": "connect-mirror-peer", "records": c["records"], "records_per_s": c["records_per_s"],
            "seconds": c["records"] / c["records_per_s"],
            "cpu_s": {"source": round(cpu_seconds(source.pid) - cpu0, 2), "consumer": round(children_cpu() - child0, 2)}}))
        if c["records"] != a.mirror_records:
            raise RuntimeError("the source holds %d of %d records" % (c["records"], a.mirror_records))
        for tasks in (1, 4):
            alias = "m%d" % tasks
            config = {"connector.class": "org.apache.kafka.connect.mirror.MirrorSourceConnector",
                      "source.cluster.alias": alias, "source.cluster.bootstrap.servers": source.bootstrap,
                      "target.cluster.bootstrap.servers": target.bootstrap, "topics": "rides",
                      "tasks.max": str(tasks), "key.converter": BYTES, "value.converter": BYTES}
            r = timed_connector(target, "mirror-%s" % alias, config, alias + ".rides", a.mirror_records,
                                {"source": source.pid}, a.timeout)
            rest(target.connect_url, "DELETE", "/connectors/mirror-%s" % alias)
            r.update({"bench": "connect-mirror", "tasks_max": tasks, "partitions": 4,
                      "vs_consume": r["records_per_s"] / c["records_per_s"]})
            rows.append(emit(results, "mirror-%dtask" % tasks, r))
    finally:
        target.stop()
        source.stop()
    return rows


# ---------------------------------------------------------------- table

def table(rows):
    by = {r["case"]: r for r in rows}
    print()
    print("%-30s %9s %7s %11s %9s %9s  %s" % ("case", "records", "wall s", "records/s", "first s", "trib CPU",
                                             "other CPU-s"))
    for r in rows:
        cpu = dict(r.get("cpu_s", {}))
        trib = cpu.pop("tributary", None)
        print("%-30s %9d %7.2f %11s %9s %9s  %s" % (
            r["case"], r["records"], r["seconds"], "{:,.0f}".format(r["records_per_s"]),
            "%.2f" % r["first_record_s"] if "first_record_s" in r else "-",
            "%.2f" % trib if trib is not None else "-", ", ".join("%s %.2f" % kv for kv in cpu.items()) or "-"))
    print()
    for shards, tasks in ((1, 1), (4, 1), (4, 4)):
        r = by.get("kinesis-%dshard-%dtask" % (shards, tasks))
        if not r:
            continue
        one = by.get("kinesis-%dshard-boto3-1proc" % shards)
        many = by.get("kinesis-%dshard-boto3-%dproc" % (shards, shards))
        line = ("kinesis %d shard(s), tasks.max %d (%d tasks): %s records/s, %s per shard, %s per task; "
                "copying after the first record %s/s" % (
                    shards, tasks, r["tasks"], "{:,.0f}".format(r["records_per_s"]),
                    "{:,.0f}".format(r["per_shard_records_per_s"]), "{:,.0f}".format(r["per_task_records_per_s"]),
                    "{:,.0f}".format(r["copy_records_per_s"])))
        if one:
            line += "; vs boto3 1 process %.2fx" % (r["records_per_s"] / one["records_per_s"])
        if many and shards > 1:
            line += ", vs boto3 %d processes %.2fx" % (shards, r["records_per_s"] / many["records_per_s"])
        line += "; kinesalite CPU %.2f s, tributary %.2f s" % (r["cpu_s"]["kinesalite"], r["cpu_s"]["tributary"])
        print(line)
    peer = by.get("datagen-peer-produce")
    for tasks in (1, 2):
        r = by.get("datagen-%dtask" % tasks)
        if r:
            line = "datagen tasks.max %d: %s records/s, %s records per tributary CPU-second (%.0f B key+value)" % (
                tasks, "{:,.0f}".format(r["records_per_s"]), "{:,.0f}".format(r["records_per_cpu_s"]),
                r["key_bytes"] + r["value_bytes"])
            if peer:
                line += "; vs plain produce %.2fx records/s, %.2fx records per CPU-second" % (
                    r["records_per_s"] / peer["records_per_s"], r["records_per_cpu_s"] / peer["records_per_cpu_s"])
            print(line)
    if peer:
        print("plain produce (acks=all, %d B): %s records/s, %s records per CPU-second (broker + producer)" % (
            peer["record_size"], "{:,.0f}".format(peer["records_per_s"]), "{:,.0f}".format(peer["records_per_cpu_s"])))
    for tasks in (1, 4):
        r = by.get("mirror-%dtask" % tasks)
        if r:
            print("mirror tasks.max %d: %s records/s = %.1f%% of the raw consume rate (%s records/s)" % (
                tasks, "{:,.0f}".format(r["records_per_s"]), 100 * r["vs_consume"],
                "{:,.0f}".format(by["mirror-peer-consume"]["records_per_s"])))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    p.add_argument("--cases", default="kinesis datagen mirror")
    p.add_argument("--results", help="JSON lines appended here (default BUILD_DIR/bench-connect.jsonl)")
    p.add_argument("--kinesis-records", type=int, default=int(os.environ.get("KINESIS_RECORDS", 50000)))
    p.add_argument("--datagen-records", type=int, default=int(os.environ.get("DATAGEN_RECORDS", 500000)))
    p.add_argument("--mirror-records", type=int, default=int(os.environ.get("MIRROR_RECORDS", 1000000)))
    p.add_argument("--network-threads", type=int, default=int(os.environ.get("NETWORK_THREADS", 2)))
    p.add_argument("--timeout", type=float, default=600, help="seconds one connector run may take")
    a = p.parse_args()
    a.build_dir = os.path.abspath(a.build_dir)
    a.tributary = os.path.join(a.build_dir, "tributary")
    a.kafka_bench = os.path.join(a.build_dir, "bench", "tributary-bench-kafka")
    results = a.results or os.path.join(a.build_dir, "bench-connect.jsonl")
    for binary in (a.tributary, a.kafka_bench):
        if not os.access(binary, os.X_OK):
            sys.exit("connect_bench: %s is missing; build the tributary and tributary-bench-kafka targets" % binary)
    a.work = tempfile.mkdtemp(prefix="bench-connect.", dir=a.build_dir)
    rows = []
    print("== connect bench: load average at start %.2f" % loadavg(), file=sys.stderr)
    try:
        cases = a.cases.split()
        if "kinesis" in cases:
            rows += kinesis_cases(a, results)
        if "datagen" in cases:
            rows += datagen_cases(a, results)
        if "mirror" in cases:
            rows += mirror_cases(a, results)
    finally:
        shutil.rmtree(a.work, ignore_errors=True)
    table(rows)
    print("\n1-min load average at end: %.2f (the 'load' field of each JSON line is at the end of that case)"
          % loadavg())


if __name__ == "__main__":
    main()
