"""kcat (librdkafka 2.0.2): metadata, and produce/consume 1,000 records per codec with keys and headers."""
import subprocess

from harness import BrokerTestCase, main


def kcat(broker, *args, stdin=None, timeout=60):
    proc = subprocess.run(["kcat", "-b", broker.bootstrap, *args], input=stdin, capture_output=True, timeout=timeout)
    if proc.returncode != 0:
        raise AssertionError("kcat %s failed (%s): %s" % (" ".join(args), proc.returncode, proc.stderr.decode()))
    return proc.stdout.decode()


class KcatTest(BrokerTestCase):
    def test_metadata_lists_broker_and_topics(self):
        kcat(self.broker, "-P", "-t", "meta-topic", stdin=b"hello\n")
        out = kcat(self.broker, "-L")
        self.assertIn("1 brokers:", out)
        self.assertIn("broker 1 at 127.0.0.1:%d" % self.broker.port, out)
        self.assertIn('topic "meta-topic" with 1 partitions', out)

    def test_round_trip_every_codec(self):
        for codec in ["none", "gzip", "snappy", "lz4", "zstd"]:
            with self.subTest(codec=codec):
                topic = "kcat-" + codec
                lines = "".join("key-%d:value %d of %s\n" % (i, i, codec) for i in range(1000))
                kcat(self.broker, "-P", "-t", topic, "-z", codec, "-K", ":", "-H", "codec=" + codec,
                     "-H", "origin=kcat", "-X", "linger.ms=20", stdin=lines.encode())
                out = kcat(self.broker, "-C", "-t", topic, "-o", "beginning", "-e", "-q",
                           "-f", "%k|%s|%h|%o\n")
                rows = out.splitlines()
                self.assertEqual(len(rows), 1000)
                for i, row in enumerate(rows):
                    key, value, headers, offset = row.split("|")
                    self.assertEqual(key, "key-%d" % i)
                    self.assertEqual(value, "value %d of %s" % (i, codec))
                    self.assertEqual(headers, "codec=%s,origin=kcat" % codec)
                    self.assertEqual(int(offset), i)

    def test_consume_from_offset_and_end(self):
        topic = "kcat-offsets"
        kcat(self.broker, "-P", "-t", topic, stdin="".join("m%d\n" % i for i in range(50)).encode())
        out = kcat(self.broker, "-C", "-t", topic, "-o", "40", "-e", "-q", "-f", "%s\n")
        self.assertEqual(out.split(), ["m%d" % i for i in range(40, 50)])
        out = kcat(self.broker, "-C", "-t", topic, "-o", "-5", "-e", "-q", "-f", "%s\n")
        self.assertEqual(out.split(), ["m%d" % i for i in range(45, 50)])


if __name__ == "__main__":
    main()
