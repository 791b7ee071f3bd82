#!/usr/bin/env python3
"""Prints the table and target ratios of one bench/run from its JSON-lines results file.

Usage: summary.py RESULTS.jsonl [LOAD_AT_END]. Never fails on a missed target: it only reports.
"""
import json
import sys

TARGET_REDIS_RATIO = 2.0     # acks=all produce vs Redis Streams with appendfsync always
TARGET_FSYNC_FRACTION = 0.70 # 1 KiB acks=all MB/s vs the 64 KiB write+fdatasync MB/s
TARGET_CONSUME = 2_000_000   # records/s of 100 B


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
        if "records_per_s" not in r and "syncs_per_s" not in r:
            continue
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
    load_start = rows.get("machine", {}).get("load_start")
    if load_start:
        end = sys.argv[2] if len(sys.argv) > 2 else "?"
        print(f"\n1-min load average: {load_start} at start, {end} at end")


if __name__ == "__main__":
    main()
