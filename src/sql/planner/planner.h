// Query analysis: a parsed Query plus the catalogue in, a bound QueryPlan (or ksqlDB's rejection
// message) out. One entry point; the steps live in plan_from.cc (sources and joins),
// plan_aggregate.cc (GROUP BY, windows, HAVING) and plan_projection.cc (SELECT and keys).
#pragma once

#include <map>
#include <string>

#include "common/status.h"
#include "sql/parser/ast_statement.h"
#include "sql/planner/metastore.h"
#include "sql/planner/plan.h"

namespace tributary::sql {

struct PlanOptions {
  std::map<std::string, std::string> properties;
  // Persistent queries (CSAS/CTAS/INSERT INTO) name their sink in messages and must select the key.
  std::string sink_name;
  bool persistent = true;
  // WITH (TIMESTAMP='col') of the sink: checked against the projection's names before its keys.
  std::string sink_timestamp_column;
};

Result<QueryPlan> plan_query(const Query& query, const Metastore& metastore, const PlanOptions& options);

// "Key missing from projection ..." and friends share ksqlDB's wording.
Status plan_error(std::string message);

}  // namespace tributary::sql
