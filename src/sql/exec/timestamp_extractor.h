// Event time from a column (WITH (TIMESTAMP='col' [, TIMESTAMP_FORMAT='...'])): BIGINT millis,
// TIMESTAMP values, or strings parsed with the format. Used by sources (record time) and sinks
// (output record time).
#pragma once

#include <optional>
#include <string>

#include "common/status.h"
#include "sql/functions/function_registry.h"
#include "sql/types/sql_type.h"

namespace tributary::sql {

class TimestampExtractor {
 public:
  TimestampExtractor(std::string column, SqlType type, std::string format);
  // The event time in millis; an error for NULL, unparsable or unsupported values.
  Result<int64_t> extract(const Value& v) const;

 private:
  std::string column_;
  SqlType type_;
  std::string format_;
  std::optional<BoundScalar> parser_;
};

}  // namespace tributary::sql
