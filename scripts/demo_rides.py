#!/usr/bin/python3
"""Company B's ride bookings for the merger demo, produced into B's Kafka cluster (topic `rides`).

Each ride is JSON {"ride_id", "rider_id" 1-500, "driver_id" 1-50, "city", "fare", "gateway", "ts"}
keyed by ride_id, with the record timestamp = ts. Fares are multiples of 0.25, exact in binary
floating point, so sums compare exactly whatever order they are added in. Only records the broker
acknowledged are counted in the tally.

Standalone: demo_rides.py --bootstrap 127.0.0.1:19092 --count 500 --rate 100 (--count 0: until
interrupted).
"""
import argparse
import json
import random
import threading
import time

from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic

GATEWAYS = ["visa", "paypal", "master", "stripe", "wallet"]
CITIES = ["berlin", "lisbon", "madrid", "paris", "rome"]
TOPIC = "rides"
PARTITIONS = 3


class Tally:
    """What was produced: per gateway [count, sum of fares], per (gateway, minute) likewise,
    bookings per (city, second)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.count = 0
        self.by_gateway = {}
        self.by_gateway_minute = {}
        self.by_city_second = {}

    def add(self, ride):
        ts = ride["ts"]
        with self.lock:
            self.count += 1
            for table, key in ((self.by_gateway, ride["gateway"]),
                               (self.by_gateway_minute, (ride["gateway"], ts - ts % 60_000))):
                entry = table.setdefault(key, [0, 0.0])
                entry[0] += 1
                entry[1] += ride["fare"]
            key = (ride["city"], ts - ts % 1000)
            self.by_city_second[key] = self.by_city_second.get(key, 0) + 1


def create_topic(bootstrap):
    """B's `rides` topic with 3 partitions (kept when it exists)."""
    admin = AdminClient({"bootstrap.servers": bootstrap})
    future = admin.create_topics([NewTopic(TOPIC, num_partitions=PARTITIONS, replication_factor=1)])[TOPIC]
    try:
        future.result(15)
    except Exception as e:  # noqa: BLE001  (an existing topic is fine)
        if "TOPIC_ALREADY_EXISTS" not in str(e):
            raise


def ride(i, rnd):
    return {"ride_id": "ride-%06d" % i, "rider_id": rnd.randint(1, 500), "driver_id": rnd.randint(1, 50),
            "city": rnd.choice(CITIES), "fare": rnd.randint(20, 240) / 4.0, "gateway": rnd.choice(GATEWAYS),
            "ts": int(time.time() * 1000)}


def produce(bootstrap, count, rate, tally, first_id=1, stop=None, seed=None):
    """Produces `count` rides (0: until `stop` is set) at about `rate` per second; returns how many
    were acknowledged."""
    rnd = random.Random(seed)
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all", "enable.idempotence": True,
                         "linger.ms": 5})
    failures = []

    def delivered(err, msg, r):
        if err is None:
            tally.add(r)
        else:
            failures.append(err)

    started = time.time()
    i = first_id
    sent = 0
    while (count == 0 or sent < count) and not (stop and stop.is_set()):
        r = ride(i, rnd)
        producer.produce(TOPIC, key=r["ride_id"], value=json.dumps(r), timestamp=r["ts"],
                         on_delivery=lambda err, msg, r=r: delivered(err, msg, r))
        i += 1
        sent += 1
        # poll() returns as soon as a delivery report is served, so keep polling until the record's slot.
        due = started + sent / rate
        producer.poll(0)
        while time.time() < due:
            producer.poll(max(0.0, due - time.time()))  # a negative timeout would wait forever
    remaining = producer.flush(30)
    if remaining or failures:
        raise RuntimeError("rides: %d not delivered, %d failed (%s)" % (remaining, len(failures), failures[:1]))
    return sent


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--rate", type=int, default=100)
    ap.add_argument("--first-id", type=int, default=1)
    args = ap.parse_args()
    create_topic(args.bootstrap)
    tally = Tally()
    stop = threading.Event()
    try:
        produce(args.bootstrap, args.count, args.rate, tally, args.first_id, stop)
    except KeyboardInterrupt:
        pass
    print(json.dumps({"rides": tally.count, "by_gateway": tally.by_gateway}))


if __name__ == "__main__":
    main()
