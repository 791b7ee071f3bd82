// A row flowing between operators: values in the producing node's Layout order plus the record
// metadata. Table changelogs carry the change: `deleted` when the new value is absent, `old`
// with the previous row when the producer knows it (materialized sources, aggregations).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sql/engine/engine.h"
#include "sql/serde/serde.h"
#include "sql/types/value.h"

namespace tributary::sql {

struct Row {
  std::vector<Value> cols;
  int64_t timestamp = 0;
  int32_t partition = 0;
  int64_t offset = -1;
  std::optional<WindowBounds> window;
  std::vector<Header> headers;
  bool deleted = false;
  bool null_key = false;  // the record had no key at all (not a key of NULL columns)
  std::optional<std::vector<Value>> old;
};

}  // namespace tributary::sql
