#include "connect/transforms/record_data.h"

namespace tributary::connect::transforms {

Result<Shape> require_structured(const SchemaAndValue& data, const std::string& purpose) {
  if (data.schema.is_object()) {
    if (data.schema.value("type", "") == "struct" && (data.value.is_object() || data.value.is_null()))
      return Shape::with_schema;
    return Status::error(Errc::invalid_argument, "Only Struct objects supported for [" + purpose +
                                                     "], found: " + java_type_name(data.value));
  }
  if (data.value.is_object()) return Shape::schemaless;
  return Status::error(Errc::invalid_argument, "Only Map objects supported in absence of schema for [" + purpose +
                                                   "], found: " + java_type_name(data.value));
}

const nlohmann::json* find_field(const nlohmann::json& schema, const std::string& name) {
  if (!schema.is_object() || !schema.contains("fields")) return nullptr;
  for (const auto& f : schema["fields"])
    if (f.value("field", "") == name) return &f;
  return nullptr;
}

nlohmann::json make_field(const std::string& name, const nlohmann::json& field_schema) {
  nlohmann::json f = field_schema.is_object() ? field_schema : nlohmann::json::object();
  f["field"] = name;
  return f;
}

nlohmann::json field_schema(const nlohmann::json& entry) {
  nlohmann::json s = entry;
  s.erase("field");
  return s;
}

nlohmann::json struct_schema(std::vector<nlohmann::json> fields, const nlohmann::json& like) {
  nlohmann::json s = {{"type", "struct"}, {"fields", std::move(fields)}, {"optional", false}};
  if (like.is_object()) {
    for (const char* k : {"optional", "name", "version", "doc"})
      if (like.contains(k)) s[k] = like[k];
  }
  return s;
}

std::string java_type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::string: return "java.lang.String";
    case nlohmann::json::value_t::boolean: return "java.lang.Boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "java.lang.Long";
    case nlohmann::json::value_t::number_float: return "java.lang.Double";
    case nlohmann::json::value_t::array: return "java.util.ArrayList";
    case nlohmann::json::value_t::binary: return "[B";
    default: return "java.util.HashMap";
  }
}

std::optional<std::string> header_bytes(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  if (value.is_string()) return value.get<std::string>();
  if (value.is_binary()) return std::string(value.get_binary().begin(), value.get_binary().end());
  return value.dump();
}

}  // namespace tributary::connect::transforms
