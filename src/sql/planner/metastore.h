// The catalogue the planner resolves names against: streams and tables with their schemas,
// topics and formats, and the types created with CREATE TYPE. The engine owns one Metastore and
// changes it only after a statement has fully succeeded.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sql/serde/serde.h"
#include "sql/types/schema.h"

namespace tributary::sql {

// A windowed key: the key bytes carry the window (WINDOW_TYPE on CREATE, or a windowed aggregate).
struct KeyWindow {
  WindowBounds::Type type = WindowBounds::Type::time;
  std::string name;       // TUMBLING | HOPPING | SESSION
  int64_t size_ms = 0;    // time windows; 0 for session windows
};

struct DataSource {
  std::string name;
  bool is_table = false;
  bool is_source = false;  // CREATE SOURCE STREAM|TABLE: read-only
  Schema schema;           // key, value and header columns (no pseudo columns)
  std::string topic;
  Format key_format = Format::kafka;
  Format value_format = Format::json;
  SerdeOptions key_options;
  SerdeOptions value_options;
  bool wrap_single_value_set = false;  // WRAP_SINGLE_VALUE given explicitly (inherited by CSAS)
  std::optional<KeyWindow> window;
  std::string timestamp_column;  // empty: the record timestamp
  std::string timestamp_format;
  std::string sql;               // the statement that created it
  std::string writer_query;      // id of the query that writes it (CSAS/CTAS), empty otherwise

  const char* kind_name() const { return is_table ? "TABLE" : "STREAM"; }
  const char* kind_lower() const { return is_table ? "table" : "stream"; }
};

class Metastore {
 public:
  const DataSource* source(const std::string& name) const;
  bool has_source(const std::string& name) const { return source(name) != nullptr; }
  void put_source(DataSource source);
  void remove_source(const std::string& name);
  const std::map<std::string, DataSource>& sources() const { return sources_; }
  DataSource* mutable_source(const std::string& name);

  const SqlType* type(const std::string& name) const;
  void put_type(const std::string& name, SqlType type) { types_[name] = std::move(type); }
  void remove_type(const std::string& name) { types_.erase(name); }
  const std::map<std::string, SqlType>& types() const { return types_; }

  // Replaces every custom type name in `type` by its definition; error names the unknown type.
  Result<SqlType> resolve_type(const DataType& type) const;

 private:
  std::map<std::string, DataSource> sources_;
  std::map<std::string, SqlType> types_;
};

}  // namespace tributary::sql
