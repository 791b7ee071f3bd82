"""DescribeLogDirs (API 35) as kafka-python 2.0.2 sends and parses it: partition sizes equal the segment
files on disk and grow with produce. kafka-python 2.0.2 has no describe_log_dirs() helper, so the
request is declared with its own protocol schema types (v0 and v1, the non-flexible versions it can
encode) and sent with its KafkaClient, which does the framing and parsing."""
import glob
import os

from kafka import KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.client_async import KafkaClient
from kafka.protocol.api import Request, Response
from kafka.protocol.types import Array, Boolean, Int16, Int32, Int64, Schema, String

from harness import BrokerTestCase, main, wait_until

RESPONSE_SCHEMA = Schema(
    ("throttle_time_ms", Int32),
    ("log_dirs", Array(
        ("error_code", Int16),
        ("log_dir", String("utf-8")),
        ("topics", Array(
            ("name", String("utf-8")),
            ("partitions", Array(
                ("partition_index", Int32),
                ("partition_size", Int64),
                ("offset_lag", Int64),
                ("is_future_key", Boolean))))))))
REQUEST_SCHEMA = Schema(
    ("topics", Array(
        ("topic", String("utf-8")),
        ("partitions", Array(Int32)))))


class DescribeLogDirsResponse_v0(Response):
    API_KEY = 35
    API_VERSION = 0
    SCHEMA = RESPONSE_SCHEMA


class DescribeLogDirsResponse_v1(Response):
    API_KEY = 35
    API_VERSION = 1
    SCHEMA = RESPONSE_SCHEMA


class DescribeLogDirsRequest_v0(Request):
    API_KEY = 35
    API_VERSION = 0
    RESPONSE_TYPE = DescribeLogDirsResponse_v0
    SCHEMA = REQUEST_SCHEMA


class DescribeLogDirsRequest_v1(Request):
    API_KEY = 35
    API_VERSION = 1
    RESPONSE_TYPE = DescribeLogDirsResponse_v1
    SCHEMA = REQUEST_SCHEMA


RECORD = b"v" * 1000


class DescribeLogDirsTest(BrokerTestCase):
    def describe(self, request):
        client = KafkaClient(bootstrap_servers=self.broker.bootstrap, api_version=(2, 5))
        try:
            node = None
            def connected():
                nonlocal node
                client.poll(timeout_ms=100)
                node = client.least_loaded_node()
                return node is not None and client.ready(node)
            wait_until(connected, timeout=30, what="kafka-python connected")
            future = client.send(node, request)
            client.poll(future=future, timeout_ms=30000)
            self.assertTrue(future.succeeded(), future.exception)
            return future.value
        finally:
            client.close()

    @staticmethod
    def sizes(response):
        out = {}
        for error_code, log_dir, topics in response.log_dirs:
            assert error_code == 0
            for name, partitions in topics:
                for index, size, lag, future in partitions:
                    assert lag == 0 and future is False
                    out[(name, index)] = (size, log_dir)
        return out

    def produce(self, topic, per_partition):
        producer = KafkaProducer(bootstrap_servers=self.broker.bootstrap, acks="all", linger_ms=0)
        for i in range(per_partition):
            for p in (0, 1):
                producer.send(topic, RECORD, key=b"k%d" % i, partition=p)
        producer.flush()
        producer.close()

    def on_disk(self, log_dir, topic, partition):
        files = glob.glob(os.path.join(log_dir, "%s-%d" % (topic, partition), "*.log"))
        self.assertTrue(files, "no segment files for %s-%d in %s" % (topic, partition, log_dir))
        return sum(os.path.getsize(f) for f in files)

    def test_sizes_match_segments_and_grow(self):
        topic = "log-dirs-sizes"
        admin = KafkaAdminClient(bootstrap_servers=self.broker.bootstrap)
        admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1)])
        admin.close()
        self.produce(topic, 100)  # partition 1 gets the same; sizes are compared per partition

        request = DescribeLogDirsRequest_v1(topics=[(topic, [0, 1])])
        before = self.sizes(self.describe(request))
        self.assertEqual(set(before), {(topic, 0), (topic, 1)})
        for p in (0, 1):
            size, log_dir = before[(topic, p)]
            self.assertTrue(os.path.isabs(log_dir), log_dir)
            self.assertEqual(os.path.realpath(log_dir), os.path.realpath(os.path.join(self.broker.data_dir, "data", "log")))
            self.assertGreater(size, 100 * len(RECORD))
            self.assertEqual(size, self.on_disk(log_dir, topic, p))

        self.produce(topic, 50)
        after = self.sizes(self.describe(request))
        for p in (0, 1):
            size, log_dir = after[(topic, p)]
            self.assertGreater(size, before[(topic, p)][0] + 50 * len(RECORD) - 1)
            self.assertEqual(size, self.on_disk(log_dir, topic, p))

    def test_null_topics_means_all_and_unknown_topics_are_left_out(self):
        topic = "log-dirs-all"
        admin = KafkaAdminClient(bootstrap_servers=self.broker.bootstrap)
        admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1)])
        admin.close()
        self.produce(topic, 5)

        everything = self.sizes(self.describe(DescribeLogDirsRequest_v0(topics=None)))
        self.assertIn((topic, 0), everything)
        self.assertIn((topic, 1), everything)
        self.assertGreater(everything[(topic, 0)][0], 0)

        some = self.sizes(self.describe(DescribeLogDirsRequest_v1(
            topics=[(topic, [1]), ("log-dirs-no-such-topic", [0])])))
        self.assertEqual(set(some), {(topic, 1)})


if __name__ == "__main__":
    main()
