// The records connectors exchange with the runtime. Data is Kafka Connect's model expressed in JSON:
// a schema in Connect's JSON schema form ({"type":"struct","fields":[...]}, or null when schemaless)
// and a value (objects for structs and maps, arrays, numbers, strings, booleans, null; bytes as
// nlohmann's binary type). Converters turn these into the bytes of a Kafka record and back.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tributary::connect {

struct SchemaAndValue {
  nlohmann::json schema;  // null: schemaless
  nlohmann::json value;   // null: absent (a tombstone when it is the value)
};

// A header's value is raw bytes as they travel in the Kafka record; nullopt is a null header.
struct ConnectHeader {
  std::string key;
  std::optional<std::string> value;
};

struct ConnectRecord {
  std::string topic;
  std::optional<int32_t> kafka_partition;  // nullopt: the producer's partitioner (by key)
  SchemaAndValue key;
  SchemaAndValue value;
  int64_t timestamp_ms = 0;  // 0: the time it is produced
  std::vector<ConnectHeader> headers;
};

// What a source task emits. source_partition names the stream it read from (e.g. {"filename": ...})
// and source_offset where in that stream this record ends; the runtime stores the latest offset per
// partition once the record is acknowledged by the log and hands it back after a restart.
struct SourceRecord : ConnectRecord {
  nlohmann::json source_partition = nlohmann::json::object();
  nlohmann::json source_offset = nlohmann::json::object();
};

// What a sink task receives: a record read from the log, converted.
struct SinkRecord : ConnectRecord {
  int64_t kafka_offset = 0;
};

// Builders of Connect's JSON schemas, for connectors that emit structured values.
namespace schema {
nlohmann::json primitive(const std::string& type, bool optional = false);  // "int32", "string", ...
nlohmann::json field(const std::string& name, nlohmann::json field_schema);
nlohmann::json structure(const std::string& name, std::vector<nlohmann::json> fields, bool optional = false);
}  // namespace schema

}  // namespace tributary::connect
