"""A client can never crash or wedge the broker: malformed frames, oversized sizes, unknown APIs,
corrupt CRCs, oversized batches and invalid topic names each get an error code or a disconnect."""
import socket
import struct
import subprocess

from confluent_kafka import Producer, KafkaException
from confluent_kafka.admin import AdminClient, NewTopic

from harness import BrokerTestCase, api_versions_ok, main, recv_exact


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def varint(n):
    n = (n << 1) ^ (n >> 63)
    out = b""
    while n >= 0x80:
        out += bytes([(n & 0x7F) | 0x80])
        n >>= 7
    return out + bytes([n])


def record_batch(value, magic=2, corrupt_crc=False):
    record = b"\x00" + varint(0) + varint(0) + varint(-1) + varint(len(value)) + value + varint(0)
    record = varint(len(record)) + record
    after_crc = struct.pack(">hiqqqhii", 0, 0, 0, 0, -1, -1, -1, 1) + record
    crc = crc32c(after_crc) ^ (1 if corrupt_crc else 0)
    body = struct.pack(">ib", 0, magic) + struct.pack(">I", crc) + after_crc
    return struct.pack(">qi", 0, len(body)) + body


def produce_v3(topic, batch, correlation_id=7):
    client = b"bad"
    body = struct.pack(">hhih", 0, 3, correlation_id, len(client)) + client
    body += struct.pack(">h", -1) + struct.pack(">hi", 1, 5000)  # transactional_id, acks, timeout
    body += struct.pack(">ih", 1, len(topic)) + topic.encode()
    body += struct.pack(">ii", 1, 0) + struct.pack(">i", len(batch)) + batch
    return struct.pack(">i", len(body)) + body


def roundtrip(port, frame):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(frame)
        size = struct.unpack(">i", recv_exact(s, 4))[0]
        return recv_exact(s, size)


def produce_error(response):
    """error_code of the single partition in a Produce v3 response."""
    pos = 4 + 4  # correlation id, topics array length
    name_len = struct.unpack(">h", response[pos:pos + 2])[0]
    pos += 2 + name_len + 4 + 4  # name, partitions length, partition index
    return struct.unpack(">h", response[pos:pos + 2])[0]


def expect_disconnect(port, payload):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(payload)
        try:
            data = s.recv(100)
        except ConnectionResetError:
            data = b""
        return data == b""


class BadInputTest(BrokerTestCase):
    settings = {"message.max.bytes": "10000", "socket.request.max.bytes": "200000"}

    def assert_alive(self):
        self.assertTrue(self.broker.alive())
        self.assertTrue(api_versions_ok(self.broker.port))

    def test_garbage_and_truncated_frames_disconnect(self):
        port = self.broker.port
        self.assertTrue(expect_disconnect(port, struct.pack(">i", -5)))
        self.assertTrue(expect_disconnect(port, struct.pack(">i", 10_000_000)))  # over socket.request.max.bytes
        self.assertTrue(expect_disconnect(port, struct.pack(">i", 8) + struct.pack(">hhi", 999, 0, 1)))  # unknown api
        self.assertTrue(expect_disconnect(port, struct.pack(">i", 8) + struct.pack(">hhi", 3, 99, 1)))  # bad version
        self.assertTrue(expect_disconnect(port, struct.pack(">i", 12) + struct.pack(">hhih", 3, 1, 1, 50) + b"ab"))
        # truncated frame: the size promises more than arrives before the client hangs up
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(struct.pack(">i", 100) + b"\x00\x03")
        self.assert_alive()

    def test_api_versions_with_unknown_version_answers_v0(self):
        body = struct.pack(">hhih", 18, 99, 42, 0)
        response = roundtrip(self.broker.port, struct.pack(">i", len(body)) + body)
        correlation_id, error = struct.unpack(">ih", response[:6])
        self.assertEqual((correlation_id, error), (42, 35))  # UNSUPPORTED_VERSION

    def test_corrupt_crc_gets_corrupt_message(self):
        Producer({"bootstrap.servers": self.broker.bootstrap}).list_topics("crc", timeout=10)
        response = roundtrip(self.broker.port, produce_v3("crc", record_batch(b"hello", corrupt_crc=True)))
        self.assertEqual(produce_error(response), 2)  # CORRUPT_MESSAGE
        response = roundtrip(self.broker.port, produce_v3("crc", record_batch(b"hello")))
        self.assertEqual(produce_error(response), 0)
        self.assert_alive()

    def test_old_magic_is_rejected(self):
        Producer({"bootstrap.servers": self.broker.bootstrap}).list_topics("magic", timeout=10)
        response = roundtrip(self.broker.port, produce_v3("magic", record_batch(b"old", magic=1)))
        self.assertNotEqual(produce_error(response), 0)

    def test_message_too_large(self):
        Producer({"bootstrap.servers": self.broker.bootstrap}).list_topics("big", timeout=10)
        response = roundtrip(self.broker.port, produce_v3("big", record_batch(b"x" * 20000)))
        self.assertEqual(produce_error(response), 10)  # MESSAGE_TOO_LARGE
        self.assert_alive()

    def test_missing_topic_and_partition(self):
        response = roundtrip(self.broker.port, produce_v3("never-created", record_batch(b"x")))
        self.assertEqual(produce_error(response), 3)  # UNKNOWN_TOPIC_OR_PARTITION

    def test_invalid_topic_names(self):
        admin = AdminClient({"bootstrap.servers": self.broker.bootstrap})
        for name in ["has space", "a" * 250, "..", "sl/ash"]:
            with self.assertRaises(KafkaException):
                admin.create_topics([NewTopic(name, num_partitions=1, replication_factor=1)])[name].result(10)
        md = admin.list_topics(timeout=10)
        self.assertNotIn("has space", md.topics)

    def test_random_bytes_never_crash(self):
        import random
        rng = random.Random(1234)
        for _ in range(300):
            size = rng.randint(4, 300)
            payload = bytes(rng.getrandbits(8) for _ in range(size))
            key = rng.choice([0, 1, 2, 3, 18, 19, 20, 32, 33, 37, 44, 60])
            frame_body = struct.pack(">hh", key, rng.randint(0, 12)) + payload
            try:
                with socket.create_connection(("127.0.0.1", self.broker.port), timeout=2) as s:
                    s.sendall(struct.pack(">i", len(frame_body)) + frame_body)
                    s.settimeout(0.5)
                    try:
                        s.recv(65536)
                    except (socket.timeout, ConnectionResetError):
                        pass
            except OSError:
                pass
        self.assert_alive()


if __name__ == "__main__":
    main()
