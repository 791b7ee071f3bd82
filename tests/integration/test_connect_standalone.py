"""`tributary connect` alone against a broker (here another `tributary serve`): its internal topics
named by --set, a connector created through its REST API, and a bad worker key refused at start."""
import os
import subprocess

from confluent_kafka.admin import AdminClient

import harness
from connect_client import call, consume, wait_for_connect, wait_for_running


class StandaloneConnectTest(harness.BrokerTestCase):
    def test_worker_against_an_external_cluster(self):
        port = harness.free_port()
        url = "http://127.0.0.1:%d" % port
        log_path = os.path.join(self.broker.data_dir, "connect.log")
        with open(log_path, "wb") as log:
            proc = subprocess.Popen([harness.BIN, "connect", "--bootstrap-servers", self.broker.bootstrap,
                                     "--listen", "127.0.0.1:%d" % port,
                                     # Its own Connect cluster: the serve's worker is in connect-cluster,
                                     # and workers of one group.id share their topics.
                                     "--set", "group.id=b-cluster",
                                     "--set", "config.storage.topic=b-configs",
                                     "--set", "offset.storage.topic=b-offsets",
                                     "--set", "status.storage.topic=b-status",
                                     "--set", "offset.flush.interval.ms=500"],
                                    stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for_connect(url)
            source_file = os.path.join(self.broker.data_dir, "standalone.txt")
            with open(source_file, "w") as f:
                f.write("a\nb\nc\n")
            status, body = call(url, "POST", "/connectors", {"name": "standalone-file", "config": {
                "connector.class": "FileStreamSource", "file": source_file, "topic": "standalone-lines",
                "value.converter": "org.apache.kafka.connect.storage.StringConverter"}})
            self.assertEqual(status, 201, body)
            status_body = wait_for_running(url, "standalone-file")
            self.assertEqual(status_body["connector"]["worker_id"], "127.0.0.1:%d" % port)
            records = consume(self.broker.bootstrap, "standalone-lines", 3)
            self.assertEqual([m.value() for m in records], [b"a", b"b", b"c"])
            topics = AdminClient({"bootstrap.servers": self.broker.bootstrap}).list_topics(timeout=10).topics
            for name in ("b-configs", "b-offsets", "b-status"):
                self.assertIn(name, topics)
            self.assertNotIn("connect-configs-missing", topics)
        finally:
            proc.terminate()
            code = proc.wait(timeout=30)
            if code != 0:
                with open(log_path, "rb") as f:
                    print(f.read().decode(errors="replace"))
        self.assertEqual(code, 0)

    def test_unknown_worker_key_is_refused(self):
        out = subprocess.run([harness.BIN, "connect", "--bootstrap-servers", self.broker.bootstrap,
                              "--listen", "127.0.0.1:0", "--set", "no.such.key=1"],
                             capture_output=True, timeout=30)
        self.assertEqual(out.returncode, 2)
        self.assertIn(b"no.such.key", out.stderr)


if __name__ == "__main__":
    harness.main()
