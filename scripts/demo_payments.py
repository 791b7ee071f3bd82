#!/usr/bin/python3
"""Company A's payments for the merger demo: mock payments put into a Kinesis stream with boto3.

Each payment is JSON {"id", "custid" 1-10, "amount" 1-100, "gateway", "ts" (ms)} with its own
partition key ("pay-<id>"), so records spread over every shard. Only records Kinesis accepted are
counted in the tally the demo's checker compares the SQL tables with.

Standalone: demo_payments.py --endpoint http://127.0.0.1:4567 --count 1000 --rate 200
(--count 0 runs until interrupted).
"""
import argparse
import json
import random
import threading
import time

GATEWAYS = ["visa", "paypal", "master", "stripe", "wallet"]
MINUTE_MS = 60_000


class Tally:
    """What was produced: per gateway and per (gateway, minute window) [count, sum of amounts]."""

    def __init__(self):
        self.lock = threading.Lock()
        self.count = 0
        self.by_gateway = {}
        self.by_gateway_minute = {}

    def add(self, gateway, amount, ts):
        with self.lock:
            self.count += 1
            for table, key in ((self.by_gateway, gateway), (self.by_gateway_minute, (gateway, ts - ts % MINUTE_MS))):
                entry = table.setdefault(key, [0, 0.0])
                entry[0] += 1
                entry[1] += amount


def client(endpoint, region="us-east-1"):
    import boto3
    return boto3.client("kinesis", endpoint_url=endpoint, region_name=region,
                        aws_access_key_id="demo", aws_secret_access_key="demo")


def create_stream(kinesis, stream, shards, timeout=30):
    kinesis.create_stream(StreamName=stream, ShardCount=shards)
    deadline = time.time() + timeout
    while time.time() < deadline:
        summary = kinesis.describe_stream_summary(StreamName=stream)["StreamDescriptionSummary"]
        if summary["StreamStatus"] == "ACTIVE":
            return summary
        time.sleep(0.1)
    raise RuntimeError("stream %s not ACTIVE after %ds" % (stream, timeout))


def payment(i, rnd):
    return {"id": i, "custid": rnd.randint(1, 10), "amount": rnd.randint(1, 100),
            "gateway": rnd.choice(GATEWAYS), "ts": int(time.time() * 1000)}


def produce(kinesis, stream, count, rate, tally, first_id=1, stop=None, seed=None):
    """Puts `count` payments (0: until `stop` is set) at about `rate` per second."""
    rnd = random.Random(seed)
    batch_size = max(1, min(500, rate // 10))
    started = time.time()
    next_id = first_id
    sent = 0
    while (count == 0 or sent < count) and not (stop and stop.is_set()):
        n = batch_size if count == 0 else min(batch_size, count - sent)
        batch = [payment(i, rnd) for i in range(next_id, next_id + n)]
        next_id += n
        pending = [(p, {"Data": json.dumps(p).encode(), "PartitionKey": "pay-%d" % p["id"]}) for p in batch]
        while pending:
            out = kinesis.put_records(StreamName=stream, Records=[r for _, r in pending])
            retry = []
            for (p, r), result in zip(pending, out["Records"]):
                if "ErrorCode" in result:
                    retry.append((p, r))  # throttled: put it again
                else:
                    tally.add(p["gateway"], p["amount"], p["ts"])
            pending = retry
            if pending:
                time.sleep(0.2)
        sent += n
        ahead = started + sent / rate - time.time()
        if ahead > 0:
            time.sleep(ahead)
    return sent


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--stream", default="payments")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--rate", type=int, default=200)
    ap.add_argument("--first-id", type=int, default=1)
    ap.add_argument("--create-shards", type=int, default=0, help="create the stream with this many shards first")
    args = ap.parse_args()
    kinesis = client(args.endpoint)
    if args.create_shards:
        create_stream(kinesis, args.stream, args.create_shards)
    tally = Tally()
    try:
        produce(kinesis, args.stream, args.count, args.rate, tally, args.first_id)
    except KeyboardInterrupt:
        pass
    print(json.dumps({"payments": tally.count, "by_gateway": tally.by_gateway}))


if __name__ == "__main__":
    main()
