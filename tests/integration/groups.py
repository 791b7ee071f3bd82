"""Helpers for consumer-group tests: member processes (killable with SIGKILL) and the checks on
what they consumed and committed."""
import json
import os
import signal
import subprocess
import sys
import time

from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic

HERE = os.path.dirname(os.path.abspath(__file__))
JS_DIR = os.path.join(HERE, "..", "js")


def create_topic(broker, topic, partitions):
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    admin.create_topics([NewTopic(topic, num_partitions=partitions, replication_factor=1)])[topic].result(10)


def produce_numbers(broker, topic, count, partitions):
    """Values are "0".."count-1"; record i goes to partition i % partitions."""
    producer = Producer({"bootstrap.servers": broker.bootstrap, "linger.ms": 5, "acks": "all"})
    for i in range(count):
        while True:
            try:
                producer.produce(topic, value=str(i).encode(), partition=i % partitions)
                break
            except BufferError:
                producer.poll(0.05)
    assert producer.flush(30) == 0


def wait_for(predicate, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out after %ss waiting for %s" % (timeout, what))


class Member:
    """One group member process and the event file it writes (see group_worker.py)."""

    def __init__(self, client, broker, group, topic, path, assignor):
        self.path = path
        if client == "kafkajs":
            args = ["node", os.path.join(JS_DIR, "group_worker.js"), broker.bootstrap, group, topic, path]
        else:
            args = [sys.executable, os.path.join(HERE, "group_worker.py"), client, broker.bootstrap, group, topic,
                    path, assignor]
        self.stderr = open(path + ".stderr", "w")
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=self.stderr)

    def events(self):
        try:
            with open(self.path) as f:
                text = f.read()
        except FileNotFoundError:
            return []
        # The member may be mid-write: a last line without its newline is not an event yet.
        lines = text.split("\n")[:-1]
        return [line.split(" ", 1) for line in lines if line]

    def assignment(self):
        current = None
        for kind, rest in self.events():
            if kind == "assigned":
                current = json.loads(rest)
        return current

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.stderr.close()


def covers(members, partitions):
    """True when the members' current assignments are disjoint and cover every partition."""
    owned = []
    for m in members:
        a = m.assignment()
        if a is None:
            return False
        owned += a
    return sorted(owned) == list(range(partitions))


def consumed(members):
    """(partition, offset) -> [(member index, value, time)] for every delivery."""
    seen = {}
    for i, m in enumerate(members):
        for kind, rest in m.events():
            if kind == "record":
                p, o, v, t = rest.split(" ")
                seen.setdefault((int(p), int(o)), []).append((i, v, float(t)))
    return seen


def redelivered_after_commit(members):
    """Deliveries of a record that came after some member's commit had already covered it: the
    group's position was past the record, so delivering it again would break at-least-once-only
    semantics. Re-deliveries of records polled but not yet committed (in flight) are fine."""
    commits = {}  # partition -> [(time, next offset)]
    for m in members:
        for kind, rest in m.events():
            if kind == "committed":
                p, next_offset, t = rest.split(" ")
                commits.setdefault(int(p), []).append((float(t), int(next_offset)))
    violations = []
    for (p, o), deliveries in consumed(members).items():
        if len(deliveries) < 2:
            continue
        covered_at = min((t for t, n in commits.get(p, []) if n > o), default=None)
        late = [d for d in deliveries if covered_at is not None and d[2] > covered_at]
        if late:
            violations.append((p, o))
    return sorted(violations)
