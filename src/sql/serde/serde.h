// Record formats: a key or value part of a row (the key columns or the value columns of a
// schema) to and from bytes. Formats now: JSON, KAFKA, DELIMITED (and NONE for keyless streams).
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "sql/types/schema.h"
#include "sql/types/value.h"

namespace tributary::sql {

enum class Format { json, kafka, delimited, none };
// "JSON", "KAFKA", "DELIMITED", "NONE" (case-insensitive); an error names the unknown format.
Result<Format> parse_format(std::string_view name);
const char* format_name(Format f);

struct SerdeOptions {
  // Single-column parts: JSON wraps the value in an object ({"COL": v}) unless unwrapped
  // (WRAP_SINGLE_VALUE=false, or a key part, which ksqlDB never wraps for JSON keys).
  bool wrap_single = true;
  char delimiter = ',';  // DELIMITED: VALUE_DELIMITER
};

// The window of a windowed key, as the serialized key carries it.
struct WindowBounds {
  enum class Type { none, time, session };
  Type type = Type::none;
  int64_t start = 0;
  int64_t end = 0;
};

class Serde {
 public:
  virtual ~Serde() = default;
  // A NULL record (tombstone or missing key) comes out as nullopt.
  virtual Result<std::optional<std::string>> serialize(const std::vector<Value>& values) const = 0;
  // nullopt in: every column NULL (a tombstone value / a null key). Errors name the column and
  // what was wrong ("Can't convert type. sourceType: TextNode, requiredType: INTEGER").
  virtual Result<std::vector<Value>> deserialize(std::optional<std::string_view> bytes) const = 0;
  // The same into `out`, one element per column of the part, which the caller reuses from record
  // to record (a string keeps its buffer); every element is overwritten.
  virtual Status deserialize_to(std::optional<std::string_view> bytes, std::span<Value> out) const {
    auto values = deserialize(bytes);
    if (!values.ok()) return values.status();
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = i < values->size() ? std::move((*values)[i]) : Value();
    return Status();
  }
};

// columns: the part's columns, in order. KAFKA supports one primitive column (or none);
// DELIMITED supports primitives only; errors say so, as ksqlDB's do.
Result<std::unique_ptr<Serde>> make_serde(Format format, const std::vector<Column>& columns,
                                          const SerdeOptions& options);

// Windowed keys: ksqlDB appends the window to the serialized key (time windows: 8-byte big-endian
// start; session windows: 8-byte end then 8-byte start).
std::string append_window(std::string key, const WindowBounds& window);
// Splits a windowed key into the inner key bytes and the window; errors on short input.
Result<std::pair<std::string, WindowBounds>> split_window(std::string_view key, WindowBounds::Type type,
                                                         int64_t window_size_ms);

// The JSON form of a value of a type, as ksqlDB's JSON format writes it (and as the REST API and
// the qtt cases show values): DECIMAL as a number, TIMESTAMP as epoch millis, DATE as days,
// TIME as millis of day, BYTES as base64, STRUCT as an object with its field names.
nlohmann::json value_to_json(const Value& v, const SqlType& type);
// The reverse, with ksqlDB's JSON coercions (numbers to STRING, numeric strings to numbers, ...).
// `path` names the column in errors.
Result<Value> value_from_json(const nlohmann::json& j, const SqlType& type, const std::string& path);

}  // namespace tributary::sql
