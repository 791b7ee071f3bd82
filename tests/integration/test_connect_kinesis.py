"""The Kinesis source against kinesalite (a Kinesis emulator from npm) driven by boto3: a 4-shard
stream `payments` gets 2,000 mock payments, a connector created through REST copies every record
into `payments-kinesis` with the partition key as key; a shard split in mid-stream loses nothing;
a server killed with kill -9 and restarted resumes with no loss."""
import json
import os
import random
import subprocess
import time
import unittest

import harness
from connect_client import call, connect_url, consume, wait_for_connect, wait_for_running, wait_until

JS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "js")
KINESALITE = os.path.join(JS, "node_modules", "kinesalite", "cli.js")
GATEWAYS = ["visa", "paypal", "master", "stripe", "wallet"]


def payment(i):
    rnd = random.Random(i)
    return {"id": i, "custid": rnd.randint(1, 10), "amount": rnd.randint(1, 100), "gateway": rnd.choice(GATEWAYS)}


class KinesisSourceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.exists(KINESALITE):
            raise unittest.SkipTest("kinesalite is not installed (scripts/install-deps runs npm ci in tests/js)")
        import boto3
        cls.kinesis_port = harness.free_port()
        cls.emulator_log = open(os.path.join(harness.TMP_ROOT, "kinesalite-%d.log" % cls.kinesis_port), "wb")
        os.makedirs(harness.TMP_ROOT, exist_ok=True)
        cls.emulator = subprocess.Popen(["node", KINESALITE, "--port", str(cls.kinesis_port), "--createStreamMs", "0",
                                         "--updateStreamMs", "0", "--shardLimit", "50"],
                                        stdout=cls.emulator_log, stderr=subprocess.STDOUT)
        cls.endpoint = "http://127.0.0.1:%d" % cls.kinesis_port
        cls.kinesis = boto3.client("kinesis", endpoint_url=cls.endpoint, region_name="us-east-1",
                                   aws_access_key_id="AKIDTEST", aws_secret_access_key="secret")
        wait_until(lambda: cls.kinesis.list_streams() is not None, timeout=30, what="kinesalite")

    @classmethod
    def tearDownClass(cls):
        cls.emulator.terminate()
        cls.emulator.wait(timeout=10)
        cls.emulator_log.close()

    def setUp(self):
        self.broker = harness.Broker("KinesisSource", {"connect.offset.flush.interval.ms": "500"}).start()
        self.url = connect_url(self.broker)

    def run(self, result=None):
        result = super().run(result)
        broker = getattr(self, "broker", None)
        if broker:
            if result is not None and any(t is self for t, _ in result.failures + result.errors):
                print("---- server log ----\n" + broker.read_log())
            broker.cleanup()
        return result

    def wait_active(self, stream):
        wait_until(lambda: self.kinesis.describe_stream_summary(StreamName=stream)["StreamDescriptionSummary"]
                   ["StreamStatus"] == "ACTIVE", timeout=30, what="stream ACTIVE")

    def put(self, stream, first, count):
        for start in range(first, first + count, 500):
            batch = [payment(i) for i in range(start, min(start + 500, first + count))]
            out = self.kinesis.put_records(StreamName=stream, Records=[
                {"Data": json.dumps(p).encode(), "PartitionKey": "cust-%d-%d" % (p["custid"], p["id"])} for p in batch])
            self.assertEqual(out["FailedRecordCount"], 0)

    def read_all(self, expected_ids, timeout=90):
        """Every record of payments-kinesis once the expected ids are all there (duplicates allowed)."""
        deadline = time.time() + timeout
        records = []
        while time.time() < deadline:
            records = consume(self.broker.bootstrap, "payments-kinesis", 10 ** 9, timeout=3)
            if {json.loads(m.value())["id"] for m in records} >= expected_ids:
                break
        return records

    def test_payments_split_and_kill_9(self):
        stream = "payments-%d" % self.kinesis_port
        self.kinesis.create_stream(StreamName=stream, ShardCount=4)
        self.wait_active(stream)
        self.put(stream, 0, 2000)

        wait_for_connect(self.url)
        status, body = call(self.url, "POST", "/connectors", {"name": "kinesis-payments", "config": {
            "connector.class": "io.confluent.connect.kinesis.KinesisSourceConnector",
            "kafka.topic": "payments-kinesis", "kinesis.stream": stream, "kinesis.region": "us-east-1",
            "kinesis.endpoint": self.endpoint, "kinesis.position": "TRIM_HORIZON", "tasks.max": "2",
            "aws.access.key.id": "AKIDTEST", "aws.secret.key.id": "secret",
            "kinesis.empty.records.backoff.ms": "200", "kinesis.throughput.exceeded.backoff.ms": "500",
            "key.converter": "org.apache.kafka.connect.storage.StringConverter",
            "value.converter": "org.apache.kafka.connect.converters.ByteArrayConverter"}})
        self.assertEqual(status, 201, body)
        wait_for_running(self.url, "kinesis-payments", tasks=2)

        records = self.read_all(set(range(2000)))
        by_id = {}
        for m in records:
            p = json.loads(m.value())
            by_id[p["id"]] = m
            self.assertEqual(m.key().decode(), "cust-%d-%d" % (p["custid"], p["id"]))
            headers = dict(m.headers())
            self.assertTrue(headers["kinesis.shard.id"].startswith(b"shardId-"))
            self.assertTrue(headers["kinesis.sequence.number"])
        self.assertEqual(set(by_id), set(range(2000)))
        self.assertEqual(json.loads(by_id[7].value()), payment(7))

        # A split in mid-stream: the parent is drained, then its children are read.
        shard = self.kinesis.list_shards(StreamName=stream)["Shards"][0]
        low = int(shard["HashKeyRange"]["StartingHashKey"])
        high = int(shard["HashKeyRange"]["EndingHashKey"])
        self.kinesis.split_shard(StreamName=stream, ShardToSplit=shard["ShardId"],
                                 NewStartingHashKey=str((low + high) // 2))
        self.wait_active(stream)
        self.put(stream, 2000, 500)
        self.assertEqual({json.loads(m.value())["id"] for m in self.read_all(set(range(2500)))}, set(range(2500)),
                         "records lost across a shard split")

        # kill -9 while records keep arriving, then a restart: the worker resumes from its offsets.
        self.put(stream, 2500, 300)
        self.broker.kill9()
        self.put(stream, 2800, 200)
        self.broker.start()
        wait_for_connect(self.url)
        wait_for_running(self.url, "kinesis-payments", tasks=2)
        ids = [json.loads(m.value())["id"] for m in self.read_all(set(range(3000)))]
        self.assertEqual(set(ids), set(range(3000)), "records lost across kill -9")
        print("kinesis: %d records for 3000 payments" % len(ids))

    def test_unreachable_endpoint_fails_the_connector_with_the_reason(self):
        wait_for_connect(self.url)
        status, body = call(self.url, "POST", "/connectors", {"name": "kinesis-nowhere", "config": {
            "connector.class": "KinesisSource", "kafka.topic": "nowhere", "kinesis.stream": "nope",
            "kinesis.region": "us-east-1", "kinesis.endpoint": "http://127.0.0.1:1",
            "aws.access.key.id": "x", "aws.secret.key.id": "y"}})
        self.assertEqual(status, 201, body)
        status, body = call(self.url, "GET", "/connectors/kinesis-nowhere/status")
        self.assertEqual(body["connector"]["state"], "FAILED")
        self.assertIn("ListShards", body["connector"]["trace"])
        self.assertTrue(self.broker.alive())


if __name__ == "__main__":
    harness.main()
