"""Connect distributed mode: several `tributary connect` workers with one group.id against a broker (here
another `tributary serve`) share a connector's tasks through Kafka's group protocol (type "connect");
a change made through one worker's REST API is seen by the others; a worker killed with SIGKILL has its
tasks restarted on the survivor from the committed source offsets (every record arrives, duplicates
bounded); a worker stopped gracefully hands its tasks over at once."""
import json
import os
import signal
import subprocess

import harness
from connect_client import call, consume, wait_for_connect, wait_until

DATAGEN = "io.confluent.kafka.connect.datagen.DatagenConnector"
ITERATIONS = 1500  # per task
TASKS = 4


class Worker:
    def __init__(self, broker, name):
        self.port = harness.free_port()
        self.id = "127.0.0.1:%d" % self.port
        self.url = "http://" + self.id
        self.log_path = os.path.join(broker.data_dir, "connect-%s.log" % name)
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [harness.BIN, "connect", "--bootstrap-servers", broker.bootstrap, "--listen", self.id,
             "--set", "group.id=dist-cluster",
             "--set", "config.storage.topic=dist-configs",
             "--set", "offset.storage.topic=dist-offsets",
             "--set", "status.storage.topic=dist-status",
             "--set", "offset.flush.interval.ms=500",
             "--set", "session.timeout.ms=6000",
             "--set", "heartbeat.interval.ms=1000"],
            stdout=self.log, stderr=subprocess.STDOUT)

    def read_log(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")


def status(worker, name):
    code, body = call(worker.url, "GET", "/connectors/%s/status" % name)
    return body if code == 200 else None


def task_workers(body):
    """worker_id of each RUNNING task, or None unless every task is RUNNING."""
    if not body or len(body["tasks"]) != TASKS or any(t["state"] != "RUNNING" for t in body["tasks"]):
        return None
    return [t["worker_id"] for t in body["tasks"]]


class DistributedConnectTest(harness.BrokerTestCase):
    def setUp(self):
        self.workers = []

    def tearDown(self):
        for w in self.workers:
            if w.proc.poll() is None:
                w.proc.kill()
                w.proc.wait()
            w.log.close()

    def start_worker(self, name):
        w = Worker(self.broker, name)
        self.workers.append(w)
        wait_for_connect(w.url, timeout=60)
        return w

    def dump_logs(self):
        for w in self.workers:
            print("---- %s ----\n%s" % (w.log_path, w.read_log()[-6000:]))

    def test_tasks_spread_and_move_when_a_worker_dies(self):
        try:
            self.run_scenario()
        except Exception:
            self.dump_logs()
            raise

    def run_scenario(self):
        a = self.start_worker("a")
        b = self.start_worker("b")

        # A connector created through b is seen by a; deleted through b, it is gone on a too.
        code, body = call(b.url, "POST", "/connectors", {"name": "via-b", "config": {
            "connector.class": DATAGEN, "kafka.topic": "dist-other", "quickstart": "rides", "max.interval": "100"}})
        self.assertEqual(code, 201, body)
        wait_until(lambda: "via-b" in call(a.url, "GET", "/connectors")[1], timeout=20, what="via-b listed on a")
        self.assertEqual(call(a.url, "GET", "/connectors/via-b/config")[1]["quickstart"], "rides")
        wait_until(lambda: (status(a, "via-b") or {}).get("connector", {}).get("state") == "RUNNING", timeout=30,
                   what="via-b RUNNING as a sees it")
        self.assertEqual(call(b.url, "DELETE", "/connectors/via-b")[0], 204)
        wait_until(lambda: call(a.url, "GET", "/connectors/via-b")[0] == 404, timeout=20, what="via-b gone on a")
        self.assertNotIn("via-b", call(a.url, "GET", "/connectors")[1])

        config = {"connector.class": DATAGEN, "kafka.topic": "dist-payments", "quickstart": "payments",
                  "max.interval": "20", "iterations": str(ITERATIONS), "tasks.max": str(TASKS),
                  "key.converter": "org.apache.kafka.connect.storage.StringConverter",
                  "value.converter": "org.apache.kafka.connect.json.JsonConverter",
                  "value.converter.schemas.enable": "false"}
        code, body = call(a.url, "POST", "/connectors", {"name": "spread", "config": config})
        self.assertEqual(code, 201, body)

        # Both workers run tasks, and both report the same statuses (read from the status topic).
        def spread():
            ids = task_workers(status(a, "spread"))
            return ids if ids and set(ids) == {a.id, b.id} else None
        ids = wait_until(spread, timeout=45, what="tasks RUNNING on both workers")
        self.assertEqual(sorted(ids), sorted([a.id, a.id, b.id, b.id]))
        wait_until(lambda: task_workers(status(b, "spread")) == ids, timeout=20, what="worker b's view of the statuses")
        self.assertIn(status(a, "spread")["connector"]["worker_id"], {a.id, b.id})

        # Some data flows, then b dies without a word: after its session times out, a runs all tasks.
        consume(self.broker.bootstrap, "dist-payments", 200, timeout=30)
        b.proc.send_signal(signal.SIGKILL)
        b.proc.wait()
        wait_until(lambda: task_workers(status(a, "spread")) == [a.id] * TASKS, timeout=40,
                   what="every task RUNNING on the survivor (session.timeout.ms=6000)")

        # Every record of every task arrives; the restarted tasks repeat at most what followed their
        # last committed offset.
        expected = set(range(ITERATIONS * TASKS))
        seen = {}

        def complete():
            for msg in consume(self.broker.bootstrap, "dist-payments", 10 ** 7, timeout=3):
                key = json.loads(msg.value())["id"]
                seen[key] = seen.get(key, 0) + 1
            return expected <= set(seen) or None
        seen.clear()
        wait_until(lambda: (seen.clear(), complete())[1], timeout=90, what="every datagen record")
        self.assertEqual(set(seen), expected)
        duplicates = sum(seen.values()) - len(seen)
        print("distributed: %d records, %d duplicates" % (sum(seen.values()), duplicates))
        self.assertLess(duplicates, ITERATIONS, "duplicates: %d" % duplicates)

        # A third worker takes a share; stopped gracefully, it leaves the group and a gets its tasks
        # back without waiting for a session timeout.
        c = self.start_worker("c")
        wait_until(lambda: set(task_workers(status(a, "spread")) or []) == {a.id, c.id}, timeout=45,
                   what="tasks spread over a and c")
        c.proc.send_signal(signal.SIGTERM)
        self.assertEqual(c.proc.wait(timeout=30), 0)
        self.assertRegex(c.read_log(), r"group_left group=dist-cluster member=\S+ error=0")
        wait_until(lambda: task_workers(status(a, "spread")) == [a.id] * TASKS, timeout=30,
                   what="tasks back on a after c left")
        self.assertEqual(call(a.url, "DELETE", "/connectors/spread")[0], 204)
        a.proc.send_signal(signal.SIGTERM)
        self.assertEqual(a.proc.wait(timeout=30), 0)


if __name__ == "__main__":
    harness.main()
