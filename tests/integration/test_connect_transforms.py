"""Single Message Transforms through REST-created connectors: a FileStreamSource whose chain hoists
each line into a struct, inserts a static field and a header, filters by a topic predicate and
routes by regex; a sink whose transform fails sends the record to the dead letter queue; bad
transform configs are a 400 naming the key."""
import json
import os

import harness
from connect_client import call, connect_url, consume, wait_for_connect, wait_for_running, wait_until

JSON = "org.apache.kafka.connect.json.JsonConverter"
STRING = "org.apache.kafka.connect.storage.StringConverter"
T = "org.apache.kafka.connect.transforms."


def source_config(path, topic):
    return {
        "connector.class": "FileStreamSource", "file": path, "topic": topic,
        "value.converter": JSON, "value.converter.schemas.enable": "true",
        "transforms": "hoist,stamp,tag,keepSmt,route",
        "transforms.hoist.type": T + "HoistField$Value", "transforms.hoist.field": "line",
        "transforms.stamp.type": T + "InsertField$Value",
        "transforms.stamp.static.field": "origin", "transforms.stamp.static.value": "file",
        "transforms.tag.type": T + "InsertHeader",
        "transforms.tag.header": "stage", "transforms.tag.value.literal": "raw",
        # Drops every record whose topic does NOT match smt-.* (negated predicate).
        "transforms.keepSmt.type": T + "Filter", "transforms.keepSmt.predicate": "isSmt",
        "transforms.keepSmt.negate": "true",
        "transforms.route.type": T + "RegexRouter",
        "transforms.route.regex": "smt-(.*)", "transforms.route.replacement": "routed-$1",
        "predicates": "isSmt",
        "predicates.isSmt.type": T + "predicates.TopicNameMatches", "predicates.isSmt.pattern": "smt-.*",
    }


class TransformsTest(harness.BrokerTestCase):
    settings = {"connect.offset.flush.interval.ms": "500"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.url = connect_url(cls.broker)
        wait_for_connect(cls.url)

    def test_source_chain_hoists_inserts_filters_and_routes(self):
        path = os.path.join(self.broker.data_dir, "smt-in.txt")
        lines = ["first", "second", "third"]
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        status, body = call(self.url, "POST", "/connectors",
                            {"name": "smt-source", "config": source_config(path, "smt-lines")})
        self.assertEqual(status, 201, body)
        wait_for_running(self.url, "smt-source")
        records = consume(self.broker.bootstrap, "routed-lines", 3)
        self.assertEqual(len(records), 3)
        for msg, line in zip(records, lines):
            envelope = json.loads(msg.value())
            self.assertEqual(envelope["payload"], {"line": line, "origin": "file"})
            self.assertEqual(envelope["schema"]["type"], "struct")
            self.assertEqual([f["field"] for f in envelope["schema"]["fields"]], ["line", "origin"])
            self.assertEqual(dict(msg.headers()), {"stage": b"raw"})
        self.assertEqual(call(self.url, "GET", "/connectors/smt-source/topics")[1],
                         {"smt-source": {"topics": ["routed-lines"]}})

        # The same chain on a topic the predicate does not match: every record is filtered out,
        # yet the source moves past them (its offset reaches the end of the file).
        other = os.path.join(self.broker.data_dir, "other-in.txt")
        with open(other, "w") as f:
            f.write("dropped 1\ndropped 2\n")
        status, body = call(self.url, "POST", "/connectors",
                            {"name": "other-source", "config": source_config(other, "other-lines")})
        self.assertEqual(status, 201, body)
        wait_for_running(self.url, "other-source")

        def offset_at_end():
            offsets = call(self.url, "GET", "/connectors/other-source/offsets")[1]["offsets"]
            return offsets and offsets[0]["offset"]["position"] == os.path.getsize(other)
        wait_until(offset_at_end, timeout=30, what="the filtered source's offset at the end of the file")
        self.assertEqual(consume(self.broker.bootstrap, "other-lines", 1, timeout=3), [])
        self.assertEqual(consume(self.broker.bootstrap, "routed-lines", 4, timeout=3)[3:], [])

    def test_sink_transform_failure_goes_to_the_dead_letter_queue(self):
        from confluent_kafka import Producer
        producer = Producer({"bootstrap.servers": self.broker.bootstrap})
        for value in [b'{"name": "ann", "n": 1}', b'"just a string"', b'{"name": "bob", "n": 2}']:
            producer.produce("people", value=value)
        self.assertEqual(producer.flush(30), 0)
        sink_file = os.path.join(self.broker.data_dir, "names.txt")
        status, body = call(self.url, "POST", "/connectors", {"name": "names-sink", "config": {
            "connector.class": "FileStreamSink", "file": sink_file, "topics": "people",
            "value.converter": JSON, "value.converter.schemas.enable": "false", "key.converter": STRING,
            "transforms": "name", "transforms.name.type": T + "ExtractField$Value", "transforms.name.field": "name",
            "errors.tolerance": "all", "errors.deadletterqueue.topic.name": "people-dlq",
            "errors.deadletterqueue.context.headers.enable": "true"}})
        self.assertEqual(status, 201, body)

        def sink_lines():
            try:
                with open(sink_file) as f:
                    return f.read().splitlines()
            except FileNotFoundError:
                return []
        wait_until(lambda: len(sink_lines()) >= 2, timeout=30, what="the two transformed records")
        self.assertEqual(sink_lines(), ["ann", "bob"])
        dead = consume(self.broker.bootstrap, "people-dlq", 1)
        self.assertEqual(len(dead), 1)
        self.assertEqual(dead[0].value(), b'"just a string"')
        headers = dict(dead[0].headers())
        self.assertEqual(headers["__connect.errors.stage"], b"TRANSFORMATION")
        self.assertEqual(headers["__connect.errors.offset"], b"1")
        self.assertIn(b"ExtractField", headers["__connect.errors.exception.message"])

    def test_bad_transform_config_is_a_400_naming_the_key(self):
        config = {"connector.class": "FileStreamSource", "file": "/tmp/x.txt", "topic": "t",
                  "transforms": "route,nope", "transforms.route.type": T + "RegexRouter",
                  "transforms.route.regex": "(unclosed", "transforms.route.replacement": "x",
                  "transforms.nope.type": T + "DoesNotExist"}
        status, body = call(self.url, "POST", "/connectors", {"name": "bad-smt", "config": config})
        self.assertEqual(status, 400, body)
        self.assertEqual(body["error_code"], 400)
        self.assertIn("transforms.route.regex", body["message"])
        self.assertIn("transforms.nope.type", body["message"])
        self.assertIn("2 error(s)", body["message"])
        self.assertEqual(call(self.url, "GET", "/connectors/bad-smt")[0], 404)

        status, body = call(self.url, "PUT", "/connector-plugins/FileStreamSource/config/validate",
                            dict(config, name="bad-smt"))
        self.assertEqual(status, 200, body)
        self.assertEqual(body["error_count"], 2)
        errors = {c["value"]["name"]: c["value"]["errors"] for c in body["configs"] if c["value"]["errors"]}
        self.assertEqual(sorted(errors), ["transforms.nope.type", "transforms.route.regex"])
        self.assertIn("could not be found", errors["transforms.nope.type"][0])

        # A predicate alias that is not listed is also named.
        status, body = call(self.url, "POST", "/connectors", {"name": "bad-pred", "config": {
            "connector.class": "FileStreamSource", "file": "/tmp/x.txt", "topic": "t",
            "transforms": "f", "transforms.f.type": T + "Filter", "transforms.f.predicate": "ghost"}})
        self.assertEqual(status, 400, body)
        self.assertIn("transforms.f.predicate", body["message"])


if __name__ == "__main__":
    harness.main()
