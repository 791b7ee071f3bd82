"""A minimal client of ksqlDB's REST API (urllib only), as a user's script would call it."""
import json
import urllib.error
import urllib.request

import harness


class KsqlError(Exception):
    def __init__(self, status, body):
        super().__init__("HTTP %d: %s" % (status, body))
        self.status = status
        self.body = body


def _post(url, payload, accept="application/vnd.ksql.v1+json", timeout=30):
    req = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                 headers={"Content-Type": "application/vnd.ksql.v1+json", "Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.loads(resp.read().decode())
    except urllib.error.HTTPError as e:
        raise KsqlError(e.code, json.loads(e.read().decode() or "null"))


def ksql(base, statement, properties=None):
    """POST /ksql: the list of entities, one per statement."""
    return _post(base + "/ksql", {"ksql": statement, "streamsProperties": properties or {}})


def pull(base, query):
    """POST /query with a pull query: (column names, rows)."""
    out = _post(base + "/query", {"ksql": query, "streamsProperties": {}})
    header = out[0]["header"]
    rows = [item["row"]["columns"] for item in out[1:] if "row" in item]
    return header, rows


def wait_until(predicate, timeout=60, interval=0.2, what="condition"):
    return harness.wait_until(predicate, timeout, interval, what, retry_on=(KsqlError, OSError))


def wait_for_server(base, timeout=30):
    def up():
        with urllib.request.urlopen(base + "/info", timeout=2) as resp:
            return json.loads(resp.read().decode())
    return wait_until(up, timeout=timeout, what="SQL server /info")
