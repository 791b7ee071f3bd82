#include "sql/planner/planner.h"

#include "sql/planner/planner_internal.h"

namespace tributary::sql {

Status plan_error(std::string message) { return Status::error(Errc::invalid_argument, std::move(message)); }

namespace planner {

PlanNodePtr Planning::make_node(PlanNode::Kind kind, std::vector<PlanNodePtr> inputs) {
  auto n = std::make_shared<PlanNode>();
  n->kind = kind;
  n->id = next_id++;
  n->inputs = std::move(inputs);
  if (!n->inputs.empty()) {
    n->is_table = n->inputs[0]->is_table;
    n->window = n->inputs[0]->window;
    n->layout = n->inputs[0]->layout;
  }
  return n;
}

std::shared_ptr<BoundExpr> share(BoundExprPtr e) { return std::shared_ptr<BoundExpr>(std::move(e)); }

Layout source_layout(const DataSource& source, const std::string& alias) {
  Layout layout;
  for (const auto& c : source.schema.columns) {
    if (c.role == Column::Role::key) layout.push_back({alias, c.name, c.type, true});
  }
  for (const auto& c : source.schema.columns) {
    if (c.role != Column::Role::key) layout.push_back({alias, c.name, c.type, false});
  }
  layout.push_back({alias, kRowTime, make_type(TypeKind::bigint), false});
  layout.push_back({alias, kRowPartition, make_type(TypeKind::int_), false});
  layout.push_back({alias, kRowOffset, make_type(TypeKind::bigint), false});
  if (source.window) {
    layout.push_back({alias, kWindowStart, make_type(TypeKind::bigint), false});
    layout.push_back({alias, kWindowEnd, make_type(TypeKind::bigint), false});
  }
  return layout;
}

Result<BoundExprPtr> bind_in_clause(const Planning& p, const Expr& e, const Layout& layout, const char* clause) {
  ListScope scope = scope_of(layout);
  BindOptions options;
  options.functions = &p.functions;
  auto bound = bind_expression(e, scope, options);
  if (bound.ok()) return bound;
  std::string msg = bound.status().message();
  const std::string column_prefix = "Column '";
  auto at = msg.find(column_prefix);
  if (at != std::string::npos && msg.find("cannot be resolved") != std::string::npos) {
    std::string rest = msg.substr(at + column_prefix.size());
    std::string name = rest.substr(0, rest.find('\''));
    if ((name == kWindowStart || name == kWindowEnd) && std::string(clause) != "SELECT") {
      return plan_error("Window bounds column " + name +
                        " can only be used in the SELECT clause of windowed aggregations");
    }
    return plan_error(msg.substr(0, at) + clause + " column '" + rest);
  }
  return bound.status();
}

Status plan_where(Planning& p) {
  if (!p.query.where) return Status();
  auto bound = bind_in_clause(p, *p.query.where, p.node->layout, "WHERE");
  if (!bound.ok()) {
    const std::string& m = bound.status().message();
    if (m.rfind("Cannot compare", 0) == 0) {
      std::string text = m;
      if (p.is_join) {
        std::vector<const Expr*> cols;
        collect_columns(p.query.where, cols);
        for (const Expr* c : cols) {
          if (c->qualifier.empty()) continue;
          std::string from = to_sql(*c), to = joined_sql(*c);
          for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
            text.replace(at, from.size(), to);
          }
        }
      }
      return plan_error("Error in WHERE expression: " + text);
    }
    return bound.status();
  }
  if ((*bound)->type().kind != TypeKind::boolean) {
    return plan_error("Type error in WHERE expression: Should evaluate to boolean but is " +
                      to_sql(*p.query.where) + " (" + type_to_string((*bound)->type()) + ") instead.");
  }
  auto node = p.make_node(PlanNode::Kind::filter, {p.node});
  node->filter.predicate = share(std::move(*bound));
  p.node = node;
  return Status();
}

}  // namespace planner

Result<QueryPlan> plan_query(const Query& query, const Metastore& metastore, const PlanOptions& options) {
  planner::Planning p(query, metastore, options);
  TRY_STATUS(planner::plan_from(p));
  TRY_STATUS(planner::plan_where(p));
  TRY_STATUS(planner::plan_aggregate(p));
  TRY_STATUS(planner::plan_partition_by(p));
  return planner::plan_projection(p);
}

}  // namespace tributary::sql
