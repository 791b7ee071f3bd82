// The two ends of a repartition step (plan.h, RepartitionStep). The writing end keys each row by
// its grouping (or a join's key, serialised as the joined table's topic keys its records) and
// sends it to the internal topic's partition for that key, with the source partition and offset it
// came from; the reading end, a source of the same query, hands the rows read back to the
// aggregation (or the join). A row written twice (the source records were processed again after a
// crash, before their offsets were committed) is applied once: the reading end keeps, per
// repartition partition and source partition, the next source offset it expects, in its store,
// committed with the query's state. The key is computed on both ends (for the partition, then by
// the aggregation or join), so it must be deterministic: grouping by RANDOM() or the wall clock
// would split groups.
#pragma once

#include <memory>
#include <string>

#include "sql/exec/operator.h"
#include "sql/planner/plan.h"
#include "sql/serde/serde.h"

namespace tributary::sql {

class RepartitionOperator : public Operator {
 public:
  static Result<std::unique_ptr<RepartitionOperator>> make(const PlanNode& node);
  void process(const Row& row, QueryContext& ctx) const override;

 private:
  explicit RepartitionOperator(const PlanNode& node) : step_(node.repartition) {}
  RepartitionStep step_;
  std::unique_ptr<Serde> key_serde_;  // a join side's: keys as the other side's topic has them
};

class RepartitionSource {
 public:
  RepartitionSource(const PlanNode& node, const Operator* next, std::unique_ptr<StateStore> store)
      : topic_(node.repartition.topic), next_(next), store_(std::move(store)) {}
  const std::string& topic() const { return topic_; }
  void process_record(const KafkaRecord& record, QueryContext& ctx) const;

 private:
  std::string topic_;
  const Operator* next_;
  std::unique_ptr<StateStore> store_;
  mutable Row row_;  // reused per record
};

}  // namespace tributary::sql
