#include "connect/api/connect_record.h"

namespace tributary::connect::schema {

nlohmann::json primitive(const std::string& type, bool optional) {
  return {{"type", type}, {"optional", optional}};
}

nlohmann::json field(const std::string& name, nlohmann::json field_schema) {
  field_schema["field"] = name;
  return field_schema;
}

nlohmann::json structure(const std::string& name, std::vector<nlohmann::json> fields, bool optional) {
  return {{"type", "struct"}, {"fields", std::move(fields)}, {"optional", optional}, {"name", name}};
}

}  // namespace tributary::connect::schema
