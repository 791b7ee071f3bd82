// Helpers the field transforms share: picking the key or the value of a record, telling a struct
// (with a schema) from a map (schemaless), and reading or building Connect JSON schemas.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "connect/api/connect_record.h"

namespace tributary::connect::transforms {

inline SchemaAndValue& operand(ConnectRecord& record, bool is_key) { return is_key ? record.key : record.value; }
inline const SchemaAndValue& operand(const ConnectRecord& record, bool is_key) {
  return is_key ? record.key : record.value;
}

// "$Key" / "$Value" class name suffixes.
inline std::string variant_suffix(bool is_key) { return is_key ? "$Key" : "$Value"; }

// How a field transform sees its operand: a struct with its schema, or a schemaless map.
enum class Shape { with_schema, schemaless };

// The operand's shape, or an error in Kafka Connect's words naming `purpose` (e.g. "field insertion")
// when it is neither a struct with a struct schema nor a schemaless map.
Result<Shape> require_structured(const SchemaAndValue& data, const std::string& purpose);

// Struct schema fields: the entry named `name` in schema["fields"], or null.
const nlohmann::json* find_field(const nlohmann::json& struct_schema, const std::string& name);
// A field entry {"field": name, ...field_schema}.
nlohmann::json make_field(const std::string& name, const nlohmann::json& field_schema);
// A field entry's own schema (the entry without "field").
nlohmann::json field_schema(const nlohmann::json& field_entry);
// A struct schema with `fields`, keeping `like`'s name/optional/version when given.
nlohmann::json struct_schema(std::vector<nlohmann::json> fields, const nlohmann::json& like = nullptr);

// A JSON value's Java-like type name for error messages ("java.lang.String").
std::string java_type_name(const nlohmann::json& value);

// Header bytes of a Connect value: strings as their bytes, null as a null header, others as JSON.
std::optional<std::string> header_bytes(const nlohmann::json& value);

}  // namespace tributary::connect::transforms
