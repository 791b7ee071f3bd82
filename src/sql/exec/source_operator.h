// Reads one source topic: splits windowed keys, deserializes key and value, extracts the event
// time, and emits rows in the source layout (key, value, header and pseudo columns). A table
// source remembers the latest row per key so it can hand downstream operators the old row.
#pragma once

#include <memory>

#include "sql/exec/operator.h"
#include "sql/exec/timestamp_extractor.h"
#include "sql/planner/plan.h"

namespace tributary::sql {

class SourceOperator {
 public:
  static Result<std::unique_ptr<SourceOperator>> make(const PlanNode& node, const Operator* next,
                                                      std::unique_ptr<StateStore> store);
  const std::string& topic() const { return source_.topic; }
  const DataSource& source() const { return source_; }
  void process_record(const KafkaRecord& record, QueryContext& ctx) const;
  // Reads the latest row of a key of a table source (lookups by stream-table joins).
  std::optional<std::vector<Value>> lookup(const std::vector<Value>& key) const;

 private:
  SourceOperator() = default;

  DataSource source_;
  const Operator* next_ = nullptr;
  std::unique_ptr<StateStore> store_;
  std::unique_ptr<Serde> key_serde_;
  std::unique_ptr<Serde> value_serde_;
  std::vector<Column> key_columns_;
  std::vector<Column> value_columns_;  // Role::value, in schema order
  std::vector<Column> other_columns_;  // every non-key column, in schema order (layout order)
  std::optional<std::size_t> timestamp_index_;  // in other_columns_
  std::optional<std::size_t> timestamp_key_index_;  // in key_columns_
  std::optional<TimestampExtractor> timestamp_;
  mutable Row row_;  // reused per record
  // The decoded value columns when headers sit between them in the row (else they are decoded in
  // place), reused per record.
  mutable std::vector<Value> values_;
};

}  // namespace tributary::sql
