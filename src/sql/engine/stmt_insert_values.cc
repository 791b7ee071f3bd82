// INSERT INTO target [(columns)] VALUES (...): one record serialized with the target's formats.
#include <chrono>

#include "sql/engine/engine_internal.h"

namespace tributary::sql {

Result<StatementResult> execute_insert_values(Engine::Impl& e, const Statement& s, const InsertValues& c,
                                              const PropertyMap&) {
  const DataSource* target = e.metastore.source(c.target);
  if (!target) {
    std::string hint;
    for (const auto& [name, d] : e.metastore.sources()) {
      std::string up = name;
      for (auto& ch : up) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (up == c.target && name != c.target) {
        hint = "\nDid you mean \"" + name + "\"? Hint: wrap the source name in double quotes to make it case-sensitive.";
      }
    }
    return statement_error("Cannot insert values into an unknown stream/table: `" + c.target + "`" + hint);
  }
  if (target->is_source) {
    return statement_error(std::string("Cannot insert values into read-only ") + target->kind_lower() + ": " + c.target);
  }
  std::vector<std::string> columns = c.columns;
  if (columns.empty()) {
    for (const auto& col : target->schema.columns) {
      if (col.role == Column::Role::key) columns.push_back(col.name);
    }
    for (const auto& col : target->schema.columns) {
      if (col.role == Column::Role::value) columns.push_back(col.name);
    }
  }
  if (columns.size() != c.values.size()) {
    return statement_error("Expected a value for each column. Expected Columns: [" + [&] {
      std::string s;
      for (std::size_t i = 0; i < columns.size(); ++i) s += (i ? ", " : "") + columns[i];
      return s;
    }() + "]. Got " + std::to_string(c.values.size()) + " values");
  }
  std::vector<Value> keys, values;
  std::vector<const Column*> key_cols = target->schema.key_columns();
  std::vector<const Column*> value_cols = target->schema.value_columns();
  keys.resize(key_cols.size());
  values.resize(value_cols.size());
  int64_t timestamp = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    SqlType type;
    auto v = evaluate_constant(*c.values[i], &type);
    if (!v.ok()) return statement_error(v.status().message());
    if (columns[i] == kRowTime) {
      if (v->is<int64_t>()) timestamp = v->as<int64_t>();
      else if (v->is<int32_t>()) timestamp = v->as<int32_t>();
      continue;
    }
    auto index = target->schema.find(columns[i]);
    if (!index) return statement_error("Column name " + columns[i] + " does not exist.");
    const Column& col = target->schema.columns[*index];
    EvalErrors errors;
    Value cast = v->is_null() ? Value() : cast_value(*v, type, col.type, errors);
    if (!errors.messages.empty()) return statement_error(errors.messages.front());
    for (std::size_t k = 0; k < key_cols.size(); ++k) {
      if (key_cols[k]->name == col.name) keys[k] = cast;
    }
    for (std::size_t k = 0; k < value_cols.size(); ++k) {
      if (value_cols[k]->name == col.name) values[k] = cast;
    }
  }
  auto st = produce_row(e, *target, keys, values, timestamp);
  if (!st.ok()) return statement_error("Failed to insert values into '" + c.target + "'. " + st.message());
  return status_result(s, "Inserted values into " + c.target);
}

}  // namespace tributary::sql
