#!/usr/bin/env python3
"""Prints the table and target ratios of one bench/run from its JSON-lines results file.

Usage: summary.py RESULTS.jsonl [LOAD_AT_END]. Never fails on a missed target: it only reports.
"""
import json
import sys

TARGET_REDIS_RATIO = 2.0     # acks=all produce vs Redis Streams with appendfsync always
TARGET_FSYNC_FRACTION = 0.70 # 1 KiB acks=all MB/s vs the 64 KiB write+fdatasync MB/s
TARGET_CONSUME = 2_000_000   # records/s of 100 B
TARGET_SQL_PER_CORE = 2_000_000  # windowed aggregate end to end, records per server CPU-second


def main():
    rows = {}
    with open(sys.argv[1]) as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                rows[r["case"]] = r

    print()
    print(f"{'case':<34} {'records/s':>12} {'MB/s':>9} {'p50 ms':>9} {'p99 ms':>9}")
    for name, r in rows.items():
        if ("records_per_s" not in r and "syncs_per_s" not in r) or r["bench"].startswith("sql-"):
            continue  # the SQL rows have their own section
        rate = r.get("records_per_s", r.get("syncs_per_s"))
        label = name + (" (syncs/s)" if r["bench"] == "fsync" else "")
        p50 = f"{r['p50_ms']:.2f}" if "p50_ms" in r else "-"
        p99 = f"{r['p99_ms']:.2f}" if "p99_ms" in r else "-"
        print(f"{label:<34} {rate:>12,.0f} {r['mb_per_s']:>9.1f} {p50:>9} {p99:>9}")

    def rps(name):
        return rows[name]["records_per_s"] if name in rows else None

    def verdict(ok):
        return "met" if ok else "NOT MET"

    print()
    print("targets:")
    for size in (100, 1024):
        t, r = rps(f"tributary-acksall-{size}B"), rps(f"redis-always-{size}B")
        if t and r:
            ratio = t / r
            print(f"  acks=all {size} B vs Redis XADD appendfsync always: {ratio:.2f}x "
                  f"(target >= {TARGET_REDIS_RATIO:.0f}x) {verdict(ratio >= TARGET_REDIS_RATIO)}")
    t, f = rows.get("tributary-acksall-1024B"), rows.get("fsync-64KiB")
    if t and f:
        frac = t["mb_per_s"] / f["mb_per_s"]
        print(f"  acks=all 1 KiB MB/s vs 64 KiB write+fdatasync MB/s: {frac:.0%} "
              f"({t['mb_per_s']:.1f} / {f['mb_per_s']:.1f}; target >= {TARGET_FSYNC_FRACTION:.0%}) "
              f"{verdict(frac >= TARGET_FSYNC_FRACTION)}")
    c = rps("tributary-consume-100B")
    if c:
        print(f"  consume 100 B: {c:,.0f} records/s (target >= {TARGET_CONSUME:,}) {verdict(c >= TARGET_CONSUME)}")
    print("for reference (no target):")
    for size in (100, 1024):
        t, r = rps(f"tributary-acks1-{size}B"), rps(f"redis-no-{size}B")
        if t and r:
            print(f"  acks=1 {size} B vs Redis XADD appendfsync no: {t / r:.2f}x")
    print()
    print("produce latency, produce() call to delivery report (unthrottled run / paced run):")
    for name, r in rows.items():
        if r["bench"] == "kafka-produce" and not name.endswith("-paced"):
            p = rows.get(name + "-paced")
            paced = (f"{p['p50_ms']:.2f} / {p['p99_ms']:.2f} ms at {p['records_per_s']:,.0f} records/s"
                     if p else "-")
            # Falling behind the pace means the load was above capacity: latency then measures the queue.
            if p and p["records_per_s"] < 0.95 * p["rate_target"]:
                paced += f" (BEHIND the {p['rate_target']:,} records/s pace)"
            print(f"  {name:<26} p50/p99 {r['p50_ms']:.2f} / {r['p99_ms']:.2f} ms unthrottled;  {paced}")
    groups_summary(rows)
    sql_summary(rows)
    load_start = rows.get("machine", {}).get("load_start")
    if load_start:
        end = sys.argv[2] if len(sys.argv) > 2 else "?"
        print(f"\n1-min load average: {load_start} at start, {end} at end")


def groups_summary(rows):
    e2e = {n: r for n, r in rows.items() if r["bench"] == "kafka-e2e"}
    grp = {n: r for n, r in rows.items() if r["bench"] == "kafka-group-consume"}
    if not e2e and not grp:
        return
    print()
    print("consumer groups:")
    for name, r in e2e.items():
        line = (f"  e2e {r['record_size']} B acks={r['acks']} at {r['records_per_s']:,.0f} records/s, produce() to "
                f"group consumer poll: p50 {r['p50_ms']:.2f} / p99 {r['p99_ms']:.2f} / p99.9 {r['p999_ms']:.2f} / "
                f"max {r['max_ms']:.2f} ms ({r['measured']:,} records; produce() to ack p50 {r['ack_p50_ms']:.2f} / "
                f"p99 {r['ack_p99_ms']:.2f} ms)")
        if r["records_per_s"] < 0.95 * r["rate_target"]:
            line += f" (BEHIND the {r['rate_target']:,} records/s pace)"
        if r["lost"] or r["failed"]:
            line += f" ({r['lost']} not consumed, {r['failed']} failed)"
        print(line)
    for name, r in grp.items():
        print(f"  {name}: {r['records_per_s']:,.0f} records/s from the first assignment "
              f"({r['records']:,} records in {r['seconds']:.2f} s); first assignment {r['first_assign_ms']:.0f} ms, "
              f"stable {r['stable_ms']:.0f} ms, first record {r['first_record_ms']:.0f} ms after subscribing; "
              f"{r['assignments']} assignments, {r['duplicates']} duplicates, per member {r['member_records']}")
    # The ratio compares runs with the same broker delay, so both groups formed in one generation.
    by_members = {}
    for name, r in grp.items():
        by_members.setdefault(name.split("-delay")[-1], {})[r["members"]] = r["records_per_s"]
    for delay, rates in by_members.items():
        if 1 in rates and 3 in rates:
            print(f"  group consume 3 members / 1 member (initial rebalance delay {delay} ms): "
                  f"{rates[3] / rates[1]:.2f}x")


def sql_summary(rows):
    sql = {n: r for n, r in rows.items() if r["bench"].startswith("sql-")}
    if not sql:
        return
    ceilings = {n: r for n, r in sql.items() if r["bench"] == "sql-ceiling"}
    plain = [r for r in ceilings.values() if not r["emit"]]
    best = max(plain, key=lambda r: r["records_per_cpu_s"]) if plain else None
    print()
    print("streaming SQL (JSON payments; records per CPU-second = per core):")
    for name, r in ceilings.items():
        print(f"  ceiling, simdjson {r['parser']}{' + JSON out' if r['emit'] else ''} + aggregate by hand: "
              f"{r['records_per_cpu_s']:,.0f} records/s per core ({r['ns_per_record']:.0f} ns/record)")

    def vs_ceiling(rate):
        return f" = {rate / best['records_per_cpu_s']:.1%} of the {best['parser']} ceiling" if best else ""

    for name, r in sql.items():
        if r["bench"] == "sql-engine" and not r["timing"]:
            print(f"  engine in process, {r['query']}, {r['state']} state: {r['records_per_cpu_s']:,.0f} records/s "
                  f"per core ({r['ns_per_record']:.0f} ns/record){vs_ceiling(r['records_per_cpu_s'])}; "
                  f"{r['output_records']:,} output records")
    for name, r in sql.items():
        if r["bench"] == "sql-e2e":
            line = (f"  end to end, {r['query']}: {r['records_per_cpu_s']:,.0f} records per server CPU-second"
                    f"{vs_ceiling(r['records_per_cpu_s'])}; {r['records_per_s']:,.0f} records/s wall "
                    f"({r['records']:,} records in {r['seconds']:.2f} s from CREATE, first commit after "
                    f"{r['first_commit_seconds']:.2f} s; {r['server_cpu_seconds']:.2f} server CPU-s; "
                    f"{r['output_records']:,} output records)")
            if r["query"] == "windowed":
                ok = r["records_per_cpu_s"] >= TARGET_SQL_PER_CORE
                line += f"; target >= {TARGET_SQL_PER_CORE:,}/s per core {'met' if ok else 'NOT MET'}"
            print(line)
            print(f"    server CPU by thread (s): {r['thread_cpu_seconds']}")
    for name, r in sql.items():
        if r["bench"] == "sql-engine" and r["timing"]:
            total = r["ns_per_record"]
            parts = [("state store calls", r["state_ns_per_record"]),
                     ("JSON in (serde alone)", r["deserialize_ns"]),
                     ("JSON out (serde alone)", r["serialize_ns"])]
            if r["state_codec_ns"]:
                parts.append(("state decode+encode (alone)", r["state_codec_ns"]))
            rest = total - sum(ns for _, ns in parts)
            text = ", ".join(f"{label} {ns:.0f} ns ({ns / total:.0%})" for label, ns in parts)
            print(f"  where an engine record's time goes ({r['query']}, timed run, {total:.0f} ns/record): {text}, "
                  f"the rest (evaluation, aggregation, rows, records) {rest:.0f} ns ({rest / total:.0%}); "
                  f"{r['state_calls_per_record']:.1f} state calls per record")


if __name__ == "__main__":
    main()
