"""The merger demo's check: the metrics tables of scripts/demo_merger.sql, read with pull queries
through ksqlDB's REST API, must hold exactly the totals of what the producers produced
(demo_payments.Tally and demo_rides.Tally)."""
import json
import urllib.error
import urllib.request


def pull(sql_url, query, timeout=30):
    """POST /query with a pull query: list of rows as dicts (column name -> value)."""
    req = urllib.request.Request(sql_url + "/query", data=json.dumps({"ksql": query, "streamsProperties": {}}).encode(),
                                 method="POST", headers={"Content-Type": "application/vnd.ksql.v1+json",
                                                         "Accept": "application/vnd.ksql.v1+json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            out = json.loads(resp.read().decode())
    except urllib.error.HTTPError as e:
        raise RuntimeError("pull query failed (HTTP %d): %s" % (e.code, e.read().decode()[:500]))
    names = [c.strip().split(" ")[0].strip("`") for c in _split_schema(out[0]["header"]["schema"])]
    return [dict(zip(names, item["row"]["columns"])) for item in out[1:] if "row" in item]


def _split_schema(schema):
    """'`GATEWAY` STRING KEY, `CNT` BIGINT' -> column definitions (no nested types here)."""
    parts, depth, cur = [], 0, ""
    for ch in schema:
        if ch in "<(":
            depth += 1
        elif ch in ">)":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur)
    return parts


def expected(payments, rides):
    """The tables' expected rows from the two tallies."""
    by_gateway, by_minute = {}, {}
    for tally in (payments, rides):
        for target, source in ((by_gateway, tally.by_gateway), (by_minute, tally.by_gateway_minute)):
            for key, (count, total) in source.items():
                entry = target.setdefault(key, [0, 0.0])
                entry[0] += count
                entry[1] += total
    return {
        "GATEWAY_TOTALS": {k: (c, s) for k, (c, s) in by_gateway.items()},
        "ORIGIN_TOTALS": {"kinesis": (payments.count, sum(s for _, s in payments.by_gateway.values())),
                          "companyb": (rides.count, sum(s for _, s in rides.by_gateway.values()))},
        "GATEWAY_PER_MINUTE": {k: (c, s) for k, (c, s) in by_minute.items()},
        "BOOKINGS_PER_SECOND": dict(rides.by_city_second),
    }


def actual(sql_url):
    """The tables' current rows, keyed like expected()."""
    return {
        "GATEWAY_TOTALS": {r["GATEWAY"]: (r["PAYMENTS"], r["REVENUE"])
                           for r in pull(sql_url, "SELECT GATEWAY, PAYMENTS, REVENUE FROM GATEWAY_TOTALS;")},
        "ORIGIN_TOTALS": {r["ORIGIN"]: (r["PAYMENTS"], r["REVENUE"])
                          for r in pull(sql_url, "SELECT ORIGIN, PAYMENTS, REVENUE FROM ORIGIN_TOTALS;")},
        "GATEWAY_PER_MINUTE": {(r["GATEWAY"], r["WINDOWSTART"]): (r["PAYMENTS"], r["REVENUE"]) for r in pull(
            sql_url, "SELECT GATEWAY, WINDOWSTART, PAYMENTS, REVENUE FROM GATEWAY_PER_MINUTE;")},
        "BOOKINGS_PER_SECOND": {(r["CITY"], r["WINDOWSTART"]): r["BOOKINGS"] for r in pull(
            sql_url, "SELECT CITY, WINDOWSTART, BOOKINGS FROM BOOKINGS_PER_SECOND;")},
    }


def differences(want, got, limit=5):
    """Human-readable lines for every table whose rows differ (at most `limit` rows per table)."""
    lines = []
    for table, rows in want.items():
        have = got.get(table, {})
        wrong = [(k, rows.get(k), have.get(k)) for k in sorted(set(rows) | set(have), key=str)
                 if rows.get(k) != have.get(k)]
        if wrong:
            lines.append("%s: %d of %d rows differ" % (table, len(wrong), len(rows)))
            lines += ["    %s: expected %s, table has %s" % (k, e, a) for k, e, a in wrong[:limit]]
    return lines
