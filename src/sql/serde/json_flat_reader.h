// The fast path of the JSON value deserializer: simdjson's On-Demand API over a flat object
// whose every field names a column (exact case) of a scalar type and holds JSON of the kind that
// type reads without a coercion (numbers for numeric and time types, strings for STRING, true or
// false for BOOLEAN, null for any). It reads only those values, so it skips the DOM's tape of the
// whole document. Anything else (an unknown or case-folded field, a nested or DECIMAL/BYTES
// column, a string holding a number, invalid JSON) makes `read` return false and the caller takes
// the DOM path, which does every coercion and writes ksqlDB's error messages: this path never
// decides an error, and what it accepts the DOM path reads to the same values.
#pragma once

#include <string_view>
#include <vector>

#include "sql/types/schema.h"
#include "sql/types/value.h"

namespace tributary::sql::json_detail {

class FlatObjectReader {
 public:
  explicit FlatObjectReader(const std::vector<Column>& columns);
  // False when some column's type is never read here (the caller then always takes the DOM path).
  bool usable() const { return usable_; }
  // `out` holds one NULL per column on entry; on false its contents are unspecified.
  bool read(std::string_view json, Value* out) const;

 private:
  std::vector<std::string> names_;
  std::vector<TypeKind> kinds_;
  bool usable_ = true;
};

}  // namespace tributary::sql::json_detail
