// FROM: the source read as a stream or a table, under its alias. Joins are planned in plan_join.cc.
#include "sql/planner/planner_internal.h"

namespace tributary::sql::planner {

Status plan_join(Planning& p);

Result<const DataSource*> resolve_source(const Planning& p, const SourceRef& ref) {
  const DataSource* source = p.metastore.source(ref.name);
  if (!source) {
    return plan_error("Exception while preparing statement: " + ref.name + " does not exist.");
  }
  if (source->window && p.options.persistent && source->is_table) {
    return plan_error("KSQL does not support persistent queries on windowed tables.");
  }
  return source;
}

PlanNodePtr make_source_node(Planning& p, const DataSource& source, const std::string& alias) {
  auto node = p.make_node(PlanNode::Kind::source, {});
  node->source.source = source;
  node->source.alias = alias;
  node->layout = source_layout(source, alias);
  node->is_table = source.is_table;
  node->window = source.window;
  return node;
}

Status plan_from(Planning& p) {
  if (!p.query.joins.empty()) return plan_join(p);
  auto source = resolve_source(p, p.query.from);
  if (!source.ok()) return source.status();
  std::string alias = p.query.from.alias.empty() ? p.query.from.name : p.query.from.alias;
  p.aliases = {alias};
  p.node = make_source_node(p, **source, alias);
  // `*`: key columns then value columns, in schema order. Transient queries over a windowed
  // source also show the window bounds, right after the key (as ksqlDB does).
  for (std::size_t i = 0; i < p.node->layout.size(); ++i) {
    const auto& c = p.node->layout[i];
    if (c.name == kRowTime) break;
    if (!c.key && p.star.size() == key_indexes(p.node->layout).size() && !p.options.persistent && p.node->window) {
      for (std::size_t w = 0; w < p.node->layout.size(); ++w) {
        const auto& wc = p.node->layout[w];
        if (wc.name == kWindowStart || wc.name == kWindowEnd) p.star.push_back({alias, w, wc.name});
      }
    }
    p.star.push_back({alias, i, c.name});
  }
  p.key_kind = KeyKind::source;
  for (std::size_t i : key_indexes(p.node->layout)) {
    KeyColumn k;
    k.index = i;
    k.exprs = {column_ref(p.node->layout[i].name)};
    k.default_name = p.node->layout[i].name;
    p.keys.push_back(std::move(k));
  }
  return Status();
}

}  // namespace tributary::sql::planner
