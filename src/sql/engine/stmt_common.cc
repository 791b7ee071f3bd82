// Helpers shared by the statement handlers.
#include <cctype>

#include "sql/engine/engine_internal.h"
#include "sql/planner/ast_util.h"

namespace tributary::sql {

Status statement_error(std::string message) { return Status::error(Errc::invalid_argument, std::move(message)); }

StatementResult status_result(const Statement& s, const std::string& message, const std::string& query_id) {
  StatementResult r;
  r.statement_text = s.text;
  r.type = "currentStatus";
  r.entity = {{"commandId", ""},
              {"commandStatus", {{"status", "SUCCESS"}, {"message", message}, {"queryId", query_id.empty() ? nlohmann::json() : nlohmann::json(query_id)}}},
              {"commandSequenceNumber", -1}};
  return r;
}

std::string source_type_name(const DataSource& d) { return d.is_table ? "TABLE" : "STREAM"; }

Result<std::map<std::string, std::string>> with_properties(const Properties& properties) {
  std::map<std::string, std::string> out;
  for (const auto& [name, expr] : properties) {
    std::string key = upper(name);
    std::string value;
    switch (expr->kind) {
      case ExprKind::string_literal:
      case ExprKind::integer_literal:
      case ExprKind::decimal_literal:
      case ExprKind::double_literal:
      case ExprKind::bool_literal:
        value = expr->text;
        break;
      case ExprKind::unary:
        if (expr->text == "-" && !expr->args.empty()) {
          value = "-" + expr->args[0]->text;
          break;
        }
        [[fallthrough]];
      default:
        return statement_error("Invalid value for property " + key + ": " + to_sql(*expr));
    }
    out[key] = value;
  }
  return out;
}

namespace {
std::string persistence_columns(const std::vector<Column>& columns, bool is_key) {
  std::string s;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) s += ", ";
    s += "`" + columns[i].name + "` " + type_to_string(columns[i].type) + (is_key ? " KEY" : "");
  }
  return s;
}
}  // namespace

Status check_format(Format format, const std::vector<Column>& columns, const SerdeOptions& options, bool is_key) {
  auto serde = make_serde(format, columns, options);
  if (serde.ok()) return Status();
  return statement_error(std::string(is_key ? "Key" : "Value") + " format does not support schema.\nformat: " +
                         format_name(format) + "\nschema: Persistence{columns=[" + persistence_columns(columns, is_key) +
                         "], features=[]}\nreason: " + serde.status().message());
}

Status produce_row(Engine::Impl& e, const DataSource& target, const std::vector<Value>& keys,
                   const std::vector<Value>& values, int64_t timestamp) {
  std::vector<Column> key_columns, value_columns;
  for (const auto& c : target.schema.columns) {
    if (c.role == Column::Role::key) key_columns.push_back(c);
    else if (c.role == Column::Role::value) value_columns.push_back(c);
  }
  auto key_serde = make_serde(target.key_format, key_columns, target.key_options);
  if (!key_serde.ok()) return key_serde.status();
  auto value_serde = make_serde(target.value_format, value_columns, target.value_options);
  if (!value_serde.ok()) return value_serde.status();
  KafkaRecord record;
  record.topic = target.topic;
  record.timestamp = timestamp;
  if (!key_columns.empty()) {
    auto k = (*key_serde)->serialize(keys);
    if (!k.ok()) return k.status();
    record.key = std::move(*k);
  }
  auto v = (*value_serde)->serialize(values);
  if (!v.ok()) return v.status();
  record.value = std::move(*v);
  int32_t partitions = std::max(e.topics.partitions(target.topic), 1);
  record.partition = record.key ? partition_for_key(*record.key, partitions) : 0;
  e.topics.produce(std::move(record));
  return Status();
}

}  // namespace tributary::sql
