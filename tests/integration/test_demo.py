"""The merger demo (scripts/demo) end to end: company A's and company B's `tributary serve`,
kinesalite fed by a boto3 producer, the Kinesis source and mirror connectors, the SQL merge and
metrics tables. In test mode the demo checks by itself, with pull queries, that the metrics tables
hold exactly the totals of what its producers produced, and exits 0; every process it started is
gone afterwards. In interactive mode, Ctrl-C (SIGINT to its process group, as a terminal sends it)
stops everything it started."""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import unittest

import harness

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEMO = os.path.join(ROOT, "scripts", "demo")
KINESALITE = os.path.join(ROOT, "tests", "js", "node_modules", "kinesalite", "cli.js")


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for our purpose (its parent, the demo, has exited and init reaps it).
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


class DemoTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.exists(KINESALITE):
            raise unittest.SkipTest("kinesalite is not installed (scripts/install-deps runs npm ci in tests/js)")
        os.makedirs(harness.TMP_ROOT, exist_ok=True)

    def setUp(self):
        self.data = tempfile.mkdtemp(prefix="demo-", dir=harness.TMP_ROOT)

    def tearDown(self):
        shutil.rmtree(self.data, ignore_errors=True)

    def start(self, *args, env=None):
        data = self.data  # the demo empties it first and leaves its logs there
        environ = dict(os.environ, TRIBUTARY_BIN=os.path.abspath(harness.BIN), DEMO_DATA_DIR=data, **(env or {}))
        proc = subprocess.Popen(["bash", DEMO, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                env=environ, start_new_session=True, text=True)
        lines = []

        def reader():
            for line in proc.stdout:
                lines.append(line)
                print("demo| " + line, end="", flush=True)
        thread = threading.Thread(target=reader, daemon=True)
        thread.start()
        return proc, lines, thread

    def started_pids(self, output):
        m = re.search(r"pids: company-a=(\d+) company-b=(\d+) kinesalite=(\d+)", output)
        self.assertIsNotNone(m, "the demo did not report the processes it started")
        return [int(p) for p in m.groups()]

    def assert_all_stopped(self, pids):
        harness.wait_until(lambda: not any(alive(p) for p in pids), timeout=30, what="demo processes gone")

    def test_demo_checks_its_tables_and_stops_by_itself(self):
        started = time.time()
        proc, lines, thread = self.start("--test")
        try:
            code = proc.wait(timeout=300)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(30)
        thread.join(10)
        proc.stdout.close()
        output = "".join(lines)
        self.assertEqual(code, 0, "demo --test failed")
        self.assertIn("demo check passed", output)
        m = re.search(r"exactly the ([\d,]+) payments and ([\d,]+) rides produced", output)
        self.assertEqual((m.group(1), m.group(2)), ("2,000", "800"))
        for n in range(1, 9):
            self.assertIn("[%d/8]" % n, output)
        self.assert_all_stopped(self.started_pids(output))
        print("demo --test took %.1fs" % (time.time() - started))

    def test_ctrl_c_stops_everything_it_started(self):
        proc, lines, thread = self.start("--free-ports", env={"DEMO_PAYMENTS": "300", "DEMO_RIDES": "100"})
        try:
            harness.wait_until(lambda: any("Press Ctrl-C" in line for line in lines) or proc.poll() is not None,
                               timeout=240, what="the demo to be up and live")
            self.assertIsNone(proc.poll(), "demo exited before Ctrl-C:\n" + "".join(lines))
            output = "".join(lines)
            self.assertIn("demo check passed", output)
            self.assertIn("kcat -b 127.0.0.1:", output)
            pids = self.started_pids(output)
            self.assertTrue(all(alive(p) for p in pids))
            os.killpg(proc.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
            code = proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(30)
        thread.join(10)
        proc.stdout.close()
        self.assertEqual(code, 130)
        self.assertIn("Stopping everything the demo started", "".join(lines))
        self.assert_all_stopped(pids)


if __name__ == "__main__":
    harness.main()
