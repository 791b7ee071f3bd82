// Writes a query's rows to its sink topic: key and value columns through the sink's formats, the
// window appended to windowed keys, and the partition chosen from the key bytes as Kafka's
// default partitioner does.
#pragma once

#include "sql/exec/operator.h"
#include "sql/exec/timestamp_extractor.h"
#include "sql/planner/plan.h"

namespace tributary::sql {

class SinkOperator : public Operator {
 public:
  static Result<std::unique_ptr<SinkOperator>> make(const DataSource& sink, const Layout& layout, int32_t partitions);
  void process(const Row& row, QueryContext& ctx) const override;

 private:
  SinkOperator() = default;
  std::string topic_;
  std::vector<std::size_t> key_indexes_;
  std::vector<std::size_t> value_indexes_;
  std::unique_ptr<Serde> key_serde_;
  std::unique_ptr<Serde> value_serde_;
  std::optional<KeyWindow> window_;
  std::optional<std::size_t> timestamp_index_;
  std::optional<TimestampExtractor> timestamp_;
  int32_t partitions_ = 1;
  // Reused per row (a query's operators run on one thread at a time): no allocation per record.
  mutable std::vector<Value> key_scratch_;
  mutable std::vector<Value> value_scratch_;
};

// Kafka's default partitioner: murmur2 of the key bytes, made positive, modulo the partition count.
int32_t partition_for_key(std::string_view key, int32_t partitions);

}  // namespace tributary::sql
