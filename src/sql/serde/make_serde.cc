// make_serde: checks that a format can carry the columns (with ksqlDB's messages), then builds it.
#include "sql/serde/serde_internal.h"

namespace tributary::sql {
namespace {

class NoneSerde final : public Serde {
 public:
  Result<std::optional<std::string>> serialize(const std::vector<Value>&) const override {
    return std::optional<std::string>();
  }
  Result<std::vector<Value>> deserialize(std::optional<std::string_view>) const override {
    return std::vector<Value>();
  }
};

// ksqlDB's SqlBaseType names, as its "does not support type" messages print them.
const char* base_type_name(const SqlType& t) {
  switch (t.kind) {
    case TypeKind::boolean: return "BOOLEAN";
    case TypeKind::int_: return "INTEGER";
    case TypeKind::bigint: return "BIGINT";
    case TypeKind::double_: return "DOUBLE";
    case TypeKind::decimal: return "DECIMAL";
    case TypeKind::string: return "STRING";
    case TypeKind::bytes: return "BYTES";
    case TypeKind::timestamp: return "TIMESTAMP";
    case TypeKind::date: return "DATE";
    case TypeKind::time: return "TIME";
    case TypeKind::array: return "ARRAY";
    case TypeKind::map: return "MAP";
    case TypeKind::struct_: return "STRUCT";
    case TypeKind::custom: return "CUSTOM";
  }
  return "UNKNOWN";
}

bool has_non_string_map_key(const SqlType& t) {
  if (t.kind == TypeKind::map && !t.params.empty() && t.params[0].kind != TypeKind::string) return true;
  for (const SqlType& p : t.params) {
    if (has_non_string_map_key(p)) return true;
  }
  return false;
}

std::string column_list(const std::vector<Column>& columns) {
  std::string s = "[";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) s += ", ";
    s += "`" + columns[i].name + "` " + type_to_string(columns[i].type);
    if (columns[i].role == Column::Role::key) s += " KEY";
  }
  return s + "]";
}

Status unsupported(const std::string& message) { return Status::error(Errc::unsupported, message); }

}  // namespace

Result<std::unique_ptr<Serde>> make_serde(Format format, const std::vector<Column>& columns,
                                          const SerdeOptions& options) {
  switch (format) {
    case Format::none:
      if (!columns.empty()) {
        return unsupported("The 'NONE' format can only be used when no columns are defined. Got: " +
                           column_list(columns));
      }
      return std::unique_ptr<Serde>(std::make_unique<NoneSerde>());
    case Format::json:
      for (const Column& c : columns) {
        if (has_non_string_map_key(c.type)) return unsupported("JSON only supports MAP types with STRING keys");
      }
      return make_json_serde(columns, options);
    case Format::kafka: {
      if (columns.size() > 1) {
        return unsupported("The 'KAFKA' format only supports a single field. Got: " + column_list(columns));
      }
      if (!columns.empty()) {
        TypeKind k = columns[0].type.kind;
        if (k != TypeKind::int_ && k != TypeKind::bigint && k != TypeKind::double_ && k != TypeKind::string &&
            k != TypeKind::bytes) {
          return unsupported(std::string("The 'KAFKA' format does not support type '") +
                             base_type_name(columns[0].type) + "'");
        }
      }
      return make_kafka_serde(columns);
    }
    case Format::delimited:
      for (const Column& c : columns) {
        TypeKind k = c.type.kind;
        if (k == TypeKind::array || k == TypeKind::map || k == TypeKind::struct_ || k == TypeKind::custom) {
          return unsupported(std::string("The 'DELIMITED' format does not support type '") + base_type_name(c.type) +
                             "', column: `" + c.name + "`");
        }
      }
      return make_delimited_serde(columns, options);
  }
  return Status::error(Errc::invalid_argument, "unknown format");
}

}  // namespace tributary::sql
