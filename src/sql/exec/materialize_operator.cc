#include "sql/exec/materialize_operator.h"

#include "sql/state/value_codec.h"

namespace tributary::sql {

std::string materialized_key(std::span<const Value> keys, const std::optional<WindowBounds>& window) {
  std::string key = encode_values(keys, {});
  if (window) {
    append_ordered_i64(key, window->start);
    append_ordered_i64(key, window->end);
  }
  return key;
}

void MaterializeOperator::process(const Row& row, QueryContext& ctx) const {
  if (!row.null_key && row.cols.size() >= key_count_) {
    std::string key = materialized_key(std::span<const Value>(row.cols.data(), key_count_),
                                       windowed_ ? row.window : std::nullopt);
    if (row.deleted) {
      store_->remove(key);
    } else if (windowed_) {
      int64_t start = row.window ? row.window->start : 0, end = row.window ? row.window->end : 0;
      store_->put(key, encode_values(row.cols, {Value(row.timestamp), Value(row.partition), Value(row.offset),
                                                Value(start), Value(end)}));
    } else {
      store_->put(key, encode_values(row.cols, {Value(row.timestamp), Value(row.partition), Value(row.offset)}));
    }
  }
  if (next_) next_->process(row, ctx);
}

}  // namespace tributary::sql
