"""A minimal client of Kafka Connect's REST API (urllib only), as a user's script would call it,
and helpers to read what connectors wrote."""
import json
import time
import urllib.error
import urllib.request

from confluent_kafka import Consumer

from harness import wait_until  # noqa: F401  (the connect tests import it from here)


def call(base, method, path, body=None, timeout=30):
    """(status, parsed JSON body or None)."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read().decode()
            return resp.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        raw = e.read().decode()
        return e.code, (json.loads(raw) if raw else None)


def connect_url(broker):
    return "http://127.0.0.1:%d" % broker.connect_port


def wait_for_connect(base, timeout=30):
    return wait_until(lambda: call(base, "GET", "/", timeout=2)[0] == 200, timeout=timeout, what="Connect REST GET /")


def wait_for_running(base, name, tasks=1, timeout=30):
    def running():
        status, body = call(base, "GET", "/connectors/%s/status" % name)
        return (status == 200 and body["connector"]["state"] == "RUNNING" and len(body["tasks"]) == tasks
                and all(t["state"] == "RUNNING" for t in body["tasks"])) and body
    return wait_until(running, timeout=timeout, what="connector %s RUNNING" % name)


def consume(bootstrap, topic, count, timeout=60, group=None):
    """Every record of `topic` from the beginning until `count` were read (or the timeout)."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group or "check-%s-%f" % (topic, time.time()),
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe([topic])
    records = []
    deadline = time.time() + timeout
    try:
        while len(records) < count and time.time() < deadline:
            msg = consumer.poll(0.5)
            if msg is None or msg.error():
                continue
            records.append(msg)
    finally:
        consumer.close()
    return records
