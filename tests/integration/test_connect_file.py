"""FileStreamSource -> topic -> FileStreamSink through REST-created connectors: every line arrives,
in order; lines appended later follow; a sink's poison record goes to the dead letter queue when
errors are tolerated."""
import json
import os

import harness
from connect_client import call, connect_url, consume, wait_for_connect, wait_for_running, wait_until

STRING = "org.apache.kafka.connect.storage.StringConverter"


def read_lines(path):
    try:
        with open(path) as f:
            return f.read().splitlines()
    except FileNotFoundError:
        return []


class FileRoundTripTest(harness.BrokerTestCase):
    settings = {"connect.offset.flush.interval.ms": "500"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.url = connect_url(cls.broker)
        wait_for_connect(cls.url)

    def test_source_topic_sink_round_trip(self):
        source_file = os.path.join(self.broker.data_dir, "in.txt")
        sink_file = os.path.join(self.broker.data_dir, "out.txt")
        lines = ["line %d: caf\u00e9 \u2615" % i for i in range(1000)]
        with open(source_file, "w") as f:
            f.write("\n".join(lines) + "\n")
        status, body = call(self.url, "POST", "/connectors", {"name": "file-in", "config": {
            "connector.class": "FileStreamSource", "file": source_file, "topic": "lines",
            "value.converter": STRING}})
        self.assertEqual(status, 201, body)
        status, body = call(self.url, "POST", "/connectors", {"name": "file-out", "config": {
            "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector", "file": sink_file,
            "topics": "lines", "value.converter": STRING}})
        self.assertEqual(status, 201, body)
        wait_for_running(self.url, "file-in")
        wait_for_running(self.url, "file-out")
        wait_until(lambda: len(read_lines(sink_file)) >= 1000, timeout=60, what="1000 lines in the sink file")
        self.assertEqual(read_lines(sink_file), lines)

        with open(source_file, "a") as f:
            f.write("appended later\n")
        wait_until(lambda: len(read_lines(sink_file)) >= 1001, timeout=30, what="the appended line")
        self.assertEqual(read_lines(sink_file)[-1], "appended later")
        records = consume(self.broker.bootstrap, "lines", 1001)
        self.assertEqual([m.value().decode() for m in records], lines + ["appended later"])
        self.assertEqual(call(self.url, "GET", "/connectors/file-in/offsets")[1]["offsets"][0]["partition"],
                         {"filename": source_file})

    def test_poison_record_goes_to_the_dead_letter_queue(self):
        from confluent_kafka import Producer
        producer = Producer({"bootstrap.servers": self.broker.bootstrap})
        for value in [b'{"ok": 1}', b"not json at all", b'{"ok": 2}']:
            producer.produce("json-in", value=value)
        self.assertEqual(producer.flush(30), 0)
        sink_file = os.path.join(self.broker.data_dir, "json-out.txt")
        status, body = call(self.url, "POST", "/connectors", {"name": "json-sink", "config": {
            "connector.class": "FileStreamSink", "file": sink_file, "topics": "json-in",
            "value.converter": "org.apache.kafka.connect.json.JsonConverter",
            "value.converter.schemas.enable": "false", "key.converter": STRING,
            "errors.tolerance": "all", "errors.deadletterqueue.topic.name": "json-dlq",
            "errors.deadletterqueue.context.headers.enable": "true"}})
        self.assertEqual(status, 201, body)
        wait_until(lambda: len(read_lines(sink_file)) >= 2, timeout=30, what="the two good records")
        self.assertEqual([json.loads(l) for l in read_lines(sink_file)], [{"ok": 1}, {"ok": 2}])
        dead = consume(self.broker.bootstrap, "json-dlq", 1)
        self.assertEqual(len(dead), 1)
        self.assertEqual(dead[0].value(), b"not json at all")
        headers = dict(dead[0].headers())
        self.assertEqual(headers["__connect.errors.topic"], b"json-in")
        self.assertEqual(headers["__connect.errors.offset"], b"1")
        self.assertEqual(headers["__connect.errors.connector.name"], b"json-sink")
        self.assertEqual(call(self.url, "GET", "/connectors/json-sink/status")[1]["tasks"][0]["state"], "RUNNING")

    def test_intolerant_sink_fails_with_the_reason(self):
        from confluent_kafka import Producer
        producer = Producer({"bootstrap.servers": self.broker.bootstrap})
        producer.produce("strict-in", value=b"{broken")
        self.assertEqual(producer.flush(30), 0)
        status, body = call(self.url, "POST", "/connectors", {"name": "strict-sink", "config": {
            "connector.class": "FileStreamSink", "file": os.path.join(self.broker.data_dir, "strict.txt"),
            "topics": "strict-in", "value.converter.schemas.enable": "false"}})
        self.assertEqual(status, 201, body)

        def failed():
            tasks = call(self.url, "GET", "/connectors/strict-sink/status")[1]["tasks"]
            return tasks and tasks[0]["state"] == "FAILED" and tasks[0]
        task = wait_until(failed, timeout=30, what="the task to fail")
        self.assertIn("Tolerance exceeded", task["trace"])

    def test_unwritable_sink_file_fails_the_task_not_the_server(self):
        status, body = call(self.url, "POST", "/connectors", {"name": "nowhere", "config": {
            "connector.class": "FileStreamSink", "file": "/nonexistent-dir/out.txt", "topics": "lines"}})
        self.assertEqual(status, 201, body)

        def failed():
            tasks = call(self.url, "GET", "/connectors/nowhere/status")[1]["tasks"]
            return tasks and tasks[0]["state"] == "FAILED" and tasks[0]
        task = wait_until(failed, timeout=30, what="the task to fail")
        self.assertIn("/nonexistent-dir/out.txt", task["trace"])
        self.assertEqual(call(self.url, "DELETE", "/connectors/nowhere")[0], 204)

    def test_sink_by_topic_regex(self):
        from confluent_kafka import Producer
        producer = Producer({"bootstrap.servers": self.broker.bootstrap})
        for topic in ("regex-a", "regex-b", "other-c"):
            producer.produce(topic, value=topic.encode())
        self.assertEqual(producer.flush(30), 0)
        sink_file = os.path.join(self.broker.data_dir, "regex.txt")
        status, body = call(self.url, "POST", "/connectors", {"name": "regex-sink", "config": {
            "connector.class": "FileStreamSink", "file": sink_file, "topics.regex": "regex-.*",
            "value.converter": STRING}})
        self.assertEqual(status, 201, body)
        wait_until(lambda: len(read_lines(sink_file)) >= 2, timeout=30, what="both regex topics")
        self.assertEqual(sorted(read_lines(sink_file)), ["regex-a", "regex-b"])


if __name__ == "__main__":
    harness.main()
