// State shared by the planning steps of one query (plan_*.cc); not part of the planner's API.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "sql/functions/function_registry.h"
#include "sql/planner/ast_util.h"
#include "sql/planner/planner.h"

namespace tributary::sql::planner {

// What `*` / `alias.*` expands to: a column of the current layout and the name it gets.
struct StarColumn {
  std::string alias;
  std::size_t index = 0;
  std::string name;
  // After GROUP BY the star names source columns the aggregation rewrites (to its keys, or a
  // "not part of GROUP BY" error); `index` then no longer points into the layout.
  ExprPtr expr;
};

// What the key columns of the current node stand for, for the key checks of the projection.
enum class KeyKind { source, grouping, partitioning, join };

struct KeyColumn {
  std::size_t index = 0;                // layout index of the key column
  std::vector<std::size_t> also;        // other layout columns that hold the same value (join sides)
  std::vector<ExprPtr> exprs;           // what the user writes for it (messages)
  std::string default_name;             // name when the projection may omit it (SELECT * ...)
};

struct Planning {
  const Query& query;
  const Metastore& metastore;
  const PlanOptions& options;
  const FunctionRegistry& functions = FunctionRegistry::builtin();
  int next_id = 1;

  PlanNodePtr node;
  bool is_join = false;
  std::vector<std::string> aliases;
  std::vector<StarColumn> star;
  KeyKind key_kind = KeyKind::source;
  std::vector<KeyColumn> keys;
  bool synthetic_join_key = false;
  // Column names more than one joined source has: selecting `a.x` names the result A_X.
  std::set<std::string> shared_join_names;
  // Maps an expression the user wrote to one that binds on node->layout (GROUP BY / PARTITION BY
  // replace their expressions by the key columns that hold them).
  std::function<ExprPtr(const ExprPtr&)> rewrite = [](const ExprPtr& e) { return e; };
  // Aggregations: names of the layout columns a select item may reference after rewriting.
  bool aggregated = false;
  // GROUP BY names every key column of the source (of a join on keys, one side's key column):
  // groups never span partitions.
  bool grouped_by_source_key = false;
  // Every join condition compares the two sides' key columns, serialised alike (see plan_join.cc;
  // after a first join its key column cannot be named, so only two-source joins qualify).
  bool joined_on_keys = true;
  bool windowed_aggregate = false;

  Planning(const Query& q, const Metastore& m, const PlanOptions& o) : query(q), metastore(m), options(o) {}

  PlanNodePtr make_node(PlanNode::Kind kind, std::vector<PlanNodePtr> inputs);
};

// The steps, in the order plan_query runs them.
Status plan_from(Planning& p);
Status plan_where(Planning& p);
Status plan_aggregate(Planning& p);  // no-op without GROUP BY / aggregates
Status plan_partition_by(Planning& p);
Result<QueryPlan> plan_projection(Planning& p);

// Binds with ksqlDB's clause wording for unresolved columns ("WHERE column 'X' cannot be resolved.").
Result<BoundExprPtr> bind_in_clause(const Planning& p, const Expr& e, const Layout& layout, const char* clause);
std::shared_ptr<BoundExpr> share(BoundExprPtr e);

// The layout of a source read under `alias`.
Layout source_layout(const DataSource& source, const std::string& alias);

}  // namespace tributary::sql::planner
