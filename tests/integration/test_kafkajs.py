"""kafkajs 2.2 (Node.js, from npm): admin, produce and group-consume round trip through tests/js/roundtrip.js."""
import os
import subprocess

from harness import BrokerTestCase, main

JS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "js")


class KafkajsTest(BrokerTestCase):
    def test_round_trip(self):
        proc = subprocess.run(["node", os.path.join(JS_DIR, "roundtrip.js"), self.broker.bootstrap],
                              capture_output=True, timeout=120, cwd=JS_DIR)
        output = proc.stdout.decode() + proc.stderr.decode()
        self.assertEqual(proc.returncode, 0, output)
        self.assertIn("roundtrip ok: 300 records", output)


if __name__ == "__main__":
    main()
