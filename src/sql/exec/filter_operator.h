// WHERE and HAVING. On a stream, rows that do not match are dropped (as are rows without value).
// On a table, a row that stops matching becomes a delete of its key, and a change between two
// non-matching rows is not forwarded at all.
#pragma once

#include "sql/exec/operator.h"
#include "sql/planner/plan.h"

namespace tributary::sql {

class FilterOperator : public Operator {
 public:
  FilterOperator(const PlanNode& node, const Operator* next)
      : predicate_(node.filter.predicate), is_table_(node.is_table), next_(next) {}
  void process(const Row& row, QueryContext& ctx) const override;

 private:
  bool matches(const std::vector<Value>& cols, QueryContext& ctx) const;

  std::shared_ptr<BoundExpr> predicate_;
  bool is_table_;
  const Operator* next_;
};

}  // namespace tributary::sql
