// Turns a QueryPlan into running operators: one operator per plan node, linked from the sources
// (entry points, one per source read) down to a terminal operator the caller supplies (a topic
// sink for persistent queries, a row callback for push queries).
#pragma once

#include <memory>
#include <vector>

#include "sql/exec/operator.h"
#include "sql/exec/repartition_operator.h"
#include "sql/exec/source_operator.h"
#include "sql/planner/plan.h"

namespace tributary::sql {

struct BuiltQuery {
  std::vector<std::unique_ptr<SourceOperator>> sources;
  std::vector<std::unique_ptr<RepartitionSource>> repartition_sources;  // read back by the same query
  std::vector<std::unique_ptr<Operator>> operators;  // owned; sources point into them
  std::unique_ptr<Operator> terminal;
  std::vector<StateStore*> stores;                    // for materialized-state lookups

  // Flushes every operator, upstream ones first (operators are kept downstream-first).
  void flush(QueryContext& ctx) const {
    for (auto it = operators.rbegin(); it != operators.rend(); ++it) (*it)->flush(ctx);
  }
};

Result<std::unique_ptr<BuiltQuery>> build_query(const QueryPlan& plan, std::unique_ptr<Operator> terminal,
                                                StateStoreFactory& stores, const std::string& query_id);

}  // namespace tributary::sql
