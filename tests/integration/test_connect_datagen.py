"""Connect REST through urllib: the datagen payments quickstart into a topic read by confluent-kafka,
the REST shapes and status codes, lifecycle (pause, resume, stop, restart, delete), and bad configs
answered with 400 naming every bad key."""
import json
import time

import harness
from connect_client import call, connect_url, consume, wait_for_connect, wait_for_running, wait_until

DATAGEN = "io.confluent.kafka.connect.datagen.DatagenConnector"


class DatagenTest(harness.BrokerTestCase):
    settings = {"connect.offset.flush.interval.ms": "1000"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.url = connect_url(cls.broker)
        wait_for_connect(cls.url)

    def test_root_and_plugins(self):
        status, body = call(self.url, "GET", "/")
        self.assertEqual(status, 200)
        self.assertIn("version", body)
        self.assertTrue(body["kafka_cluster_id"])
        status, plugins = call(self.url, "GET", "/connector-plugins")
        self.assertEqual(status, 200)
        classes = {p["class"]: p["type"] for p in plugins}
        self.assertEqual(classes[DATAGEN], "source")
        self.assertEqual(classes["org.apache.kafka.connect.file.FileStreamSinkConnector"], "sink")
        status, with_converters = call(self.url, "GET", "/connector-plugins?connectorsOnly=false")
        self.assertIn("org.apache.kafka.connect.json.JsonConverter", {p["class"] for p in with_converters})

    def test_payments_quickstart_into_a_topic(self):
        config = {"connector.class": DATAGEN, "kafka.topic": "payments-gen", "quickstart": "payments",
                  "max.interval": "1", "iterations": "400", "tasks.max": "1",
                  "key.converter": "org.apache.kafka.connect.storage.StringConverter",
                  "value.converter": "org.apache.kafka.connect.json.JsonConverter",
                  "value.converter.schemas.enable": "false"}
        status, body = call(self.url, "POST", "/connectors", {"name": "payments-gen", "config": config})
        self.assertEqual(status, 201, body)
        self.assertEqual(body["name"], "payments-gen")
        self.assertEqual(body["type"], "source")
        self.assertEqual(body["config"]["kafka.topic"], "payments-gen")
        wait_for_running(self.url, "payments-gen")

        records = consume(self.broker.bootstrap, "payments-gen", 400)
        self.assertEqual(len(records), 400)
        ids = set()
        for msg in records:
            value = json.loads(msg.value())
            self.assertTrue(1 <= value["custid"] <= 10, value)
            self.assertTrue(1 <= value["amount"] <= 100, value)
            self.assertIn(value["gateway"], {"visa", "paypal", "master", "stripe", "wallet"})
            self.assertEqual(msg.key().decode(), str(value["custid"]))
            ids.add(value["id"])
        self.assertEqual(ids, set(range(400)))

        status, topics = call(self.url, "GET", "/connectors/payments-gen/topics")
        self.assertEqual((status, topics), (200, {"payments-gen": {"topics": ["payments-gen"]}}))
        status, tasks = call(self.url, "GET", "/connectors/payments-gen/tasks")
        self.assertEqual(tasks[0]["id"], {"connector": "payments-gen", "task": 0})
        status, task_status = call(self.url, "GET", "/connectors/payments-gen/tasks/0/status")
        self.assertEqual((status, task_status["state"]), (200, "RUNNING"))
        status, listing = call(self.url, "GET", "/connectors?expand=status&expand=info")
        self.assertEqual(listing["payments-gen"]["status"]["connector"]["state"], "RUNNING")
        self.assertEqual(listing["payments-gen"]["info"]["config"]["quickstart"], "payments")
        # Offsets are committed once the records are acknowledged: the last iteration shows up.
        def offsets():
            return call(self.url, "GET", "/connectors/payments-gen/offsets")[1]["offsets"]
        wait_until(lambda: offsets() and offsets()[0]["offset"] == {"current.iteration": 399}, timeout=20,
                   what="committed offset of the last iteration")
        self.assertEqual(offsets()[0]["partition"], {"task.id": 0})

    def test_lifecycle(self):
        config = {"connector.class": "DatagenConnector", "kafka.topic": "rides-gen", "quickstart": "rides",
                  "max.interval": "50"}
        status, body = call(self.url, "PUT", "/connectors/rides-gen/config", config)
        self.assertEqual(status, 201, body)
        status, body = call(self.url, "PUT", "/connectors/rides-gen/config", dict(config, **{"max.interval": "20"}))
        self.assertEqual(status, 200, body)
        self.assertEqual(call(self.url, "GET", "/connectors/rides-gen/config")[1]["max.interval"], "20")
        wait_for_running(self.url, "rides-gen")
        self.assertEqual(call(self.url, "POST", "/connectors", {"name": "rides-gen", "config": config})[0], 409)

        self.assertEqual(call(self.url, "PUT", "/connectors/rides-gen/pause")[0], 202)
        status, body = call(self.url, "GET", "/connectors/rides-gen/status")
        self.assertEqual(body["connector"]["state"], "PAUSED")
        self.assertEqual([t["state"] for t in body["tasks"]], ["PAUSED"])
        self.assertEqual(call(self.url, "PUT", "/connectors/rides-gen/resume")[0], 202)
        wait_for_running(self.url, "rides-gen")
        self.assertEqual(call(self.url, "PUT", "/connectors/rides-gen/stop")[0], 204)
        status, body = call(self.url, "GET", "/connectors/rides-gen/status")
        self.assertEqual((body["connector"]["state"], body["tasks"]), ("STOPPED", []))
        # Offsets can be changed only while STOPPED.
        status, body = call(self.url, "PATCH", "/connectors/rides-gen/offsets",
                            {"offsets": [{"partition": {"task.id": 0}, "offset": {"current.iteration": 99999}}]})
        self.assertEqual(status, 200, body)
        self.assertEqual(call(self.url, "GET", "/connectors/rides-gen/offsets")[1]["offsets"],
                         [{"partition": {"task.id": 0}, "offset": {"current.iteration": 99999}}])
        self.assertEqual(call(self.url, "PUT", "/connectors/rides-gen/resume")[0], 202)
        wait_for_running(self.url, "rides-gen")
        # Resumed from the altered offset: the next ride is number 100000.
        rides = consume(self.broker.bootstrap, "rides-gen", 10 ** 6, timeout=3)
        self.assertIn(100000, [json.loads(m.value())["payload"]["ride_id"] for m in rides])
        status, body = call(self.url, "DELETE", "/connectors/rides-gen/offsets")
        self.assertEqual(status, 400)
        self.assertIn("STOPPED", body["message"])
        self.assertEqual(call(self.url, "POST", "/connectors/rides-gen/restart")[0], 204)
        status, body = call(self.url, "POST", "/connectors/rides-gen/restart?includeTasks=true")
        self.assertEqual(status, 202)
        self.assertEqual(body["name"], "rides-gen")
        self.assertEqual(call(self.url, "POST", "/connectors/rides-gen/tasks/0/restart")[0], 204)
        wait_for_running(self.url, "rides-gen")
        self.assertEqual(call(self.url, "DELETE", "/connectors/rides-gen")[0], 204)
        status, body = call(self.url, "GET", "/connectors/rides-gen")
        self.assertEqual(status, 404)
        self.assertEqual(body, {"error_code": 404, "message": "Connector rides-gen not found"})
        self.assertNotIn("rides-gen", call(self.url, "GET", "/connectors")[1])

    def test_bad_config_names_every_key(self):
        config = {"name": "bad", "connector.class": DATAGEN, "quickstart": "nonsense", "tasks.max": "0",
                  "max.interval": "soon"}
        status, body = call(self.url, "POST", "/connectors", {"name": "bad", "config": config})
        self.assertEqual(status, 400, body)
        self.assertEqual(body["error_code"], 400)
        for key in ("kafka.topic", "quickstart", "tasks.max", "max.interval"):
            self.assertIn(key, body["message"])
        self.assertIn("4 error(s)", body["message"])
        self.assertEqual(call(self.url, "GET", "/connectors/bad")[0], 404)

        status, body = call(self.url, "PUT", "/connector-plugins/DatagenConnector/config/validate", config)
        self.assertEqual(status, 200, body)
        self.assertEqual(body["error_count"], 4)
        errors = {c["value"]["name"]: c["value"]["errors"] for c in body["configs"]}
        self.assertTrue(errors["kafka.topic"] and errors["quickstart"] and errors["tasks.max"])
        self.assertEqual(errors["iterations"], [])

        status, body = call(self.url, "POST", "/connectors",
                            {"name": "bad2", "config": {"connector.class": "com.example.NoSuchConnector"}})
        self.assertEqual(status, 400)
        self.assertIn("com.example.NoSuchConnector", body["message"])
        status, body = call(self.url, "POST", "/connectors", {"config": {}})
        self.assertEqual(status, 400)
        status, body = call(self.url, "PUT", "/connectors/sink-bad/config",
                            {"connector.class": "FileStreamSink", "file": "/tmp/x"})
        self.assertEqual(status, 400)
        self.assertIn("topics", body["message"])


if __name__ == "__main__":
    harness.main()
