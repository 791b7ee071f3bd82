// The logical schema of a stream, a table or an intermediate result: ordered columns, each in
// the key, the value, or the record headers. Column names are case-sensitive as stored
// (unquoted identifiers arrive upper-cased from the lexer).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/types/sql_type.h"

namespace tributary::sql {

struct Column {
  enum class Role { key, value, headers, header };  // headers: ARRAY<STRUCT<KEY STRING, VALUE BYTES>>
  std::string name;
  SqlType type;
  Role role = Role::value;
  std::string header_key;  // Role::header: HEADER('key')
};

// Pseudo columns every source offers to queries without storing them in the record.
inline constexpr const char* kRowTime = "ROWTIME";
inline constexpr const char* kRowPartition = "ROWPARTITION";
inline constexpr const char* kRowOffset = "ROWOFFSET";
inline constexpr const char* kWindowStart = "WINDOWSTART";
inline constexpr const char* kWindowEnd = "WINDOWEND";

struct Schema {
  std::vector<Column> columns;

  std::optional<std::size_t> find(const std::string& name) const;
  std::vector<const Column*> key_columns() const;
  std::vector<const Column*> value_columns() const;  // Role::value only
  // ksqlDB's DESCRIBE/qtt form: "ID BIGINT KEY, NAME STRING, H ARRAY<...> HEADERS".
  std::string to_string() const;
};

}  // namespace tributary::sql
