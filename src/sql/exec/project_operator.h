// SELECT: computes the output columns (key columns first) from the input row. Table changes are
// projected on both sides (new and old row).
#pragma once

#include "sql/exec/operator.h"
#include "sql/planner/plan.h"

namespace tributary::sql {

class ProjectOperator : public Operator {
 public:
  ProjectOperator(const PlanNode& node, const Operator* next) : exprs_(node.project.exprs), next_(next) {}
  void process(const Row& row, QueryContext& ctx) const override;

 private:
  void project(const std::vector<Value>& cols, QueryContext* ctx, std::vector<Value>& out) const;

  std::vector<std::shared_ptr<BoundExpr>> exprs_;
  const Operator* next_;
  mutable Row out_;  // reused per row: a query's operators run on one thread at a time
};

// PARTITION BY: prepends the new key columns to the row.
class RekeyOperator : public Operator {
 public:
  RekeyOperator(const PlanNode& node, const Operator* next)
      : exprs_(node.rekey.key_exprs), reads_only_keys_(node.rekey.reads_only_keys), next_(next) {}
  void process(const Row& row, QueryContext& ctx) const override;

 private:
  std::vector<std::shared_ptr<BoundExpr>> exprs_;
  std::vector<bool> reads_only_keys_;
  const Operator* next_;
};

}  // namespace tributary::sql
