// PARTITION BY: the stream gets new key columns computed from its rows; the old key columns become
// values. Select items equal to a partition expression read the new key column.
#include "sql/planner/planner_internal.h"

namespace tributary::sql::planner {

namespace {

void find_sources(const PlanNodePtr& n, std::vector<const PlanNode*>& out) {
  if (n->kind == PlanNode::Kind::source) out.push_back(n.get());
  for (const auto& in : n->inputs) find_sources(in, out);
}

// After a join every side's columns are values of the joined rows, in ksqlDB's order: the side's
// value columns, its ROWTIME, ROWPARTITION and ROWOFFSET, then its key columns. Repartitioning
// a join, `*` selects all of them (named ALIAS_COLUMN).
void join_star(Planning& p) {
  std::vector<const PlanNode*> sources;
  find_sources(p.node, sources);
  std::vector<StarColumn> star;
  for (const auto& s : p.star) {
    if (s.alias.empty()) star.push_back(s);  // synthetic join key
  }
  ListScope scope = scope_of(p.node->layout);
  auto add = [&](const std::string& alias, const std::string& name) {
    auto r = scope.resolve(alias, name);
    if (r.ok()) star.push_back({alias, r->index, alias + "_" + name});
  };
  for (const auto& alias : p.aliases) {
    const PlanNode* src = nullptr;
    for (const PlanNode* n : sources) {
      if (n->source.alias == alias) src = n;
    }
    if (!src) continue;
    const auto& columns = src->source.source.schema.columns;
    for (const auto& c : columns) {
      if (c.role != Column::Role::key) add(alias, c.name);
    }
    for (const char* pseudo : {kRowTime, kRowPartition, kRowOffset}) add(alias, pseudo);
    for (const auto& c : columns) {
      if (c.role == Column::Role::key) add(alias, c.name);
    }
  }
  p.star = std::move(star);
}

}  // namespace

Status plan_partition_by(Planning& p) {
  const auto& exprs = p.query.partition_by;
  if (exprs.empty()) return Status();
  if (p.node->window) {
    return plan_error("Implicit repartitioning of windowed sources is not supported. "
                      "See https://github.com/confluentinc/ksql/issues/4385.");
  }
  bool partition_by_null = exprs.size() == 1 && exprs[0]->kind == ExprKind::null_literal;

  // Items equal to a partition expression read the new key. After a join the qualifier tells the
  // sides apart (L.K and R.K are different columns), so it takes part in the comparison.
  // Unqualified columns of a join are compared as the side they resolve to.
  bool join = p.is_join;
  auto scope = std::make_shared<ListScope>(scope_of(p.node->layout));
  auto match_text = [join, scope](const Expr& e) {
    if (!join) return unqualified_sql(e);
    ExprPtr qualified = rewrite(std::make_shared<Expr>(e), [&](const Expr& node) -> ExprPtr {
      if (node.kind != ExprKind::column || !node.qualifier.empty()) return nullptr;
      auto r = scope->resolve("", node.text);
      if (!r.ok()) return nullptr;
      const std::string& q = scope->entries()[r->index].qualifier;
      return q.empty() ? nullptr : column_ref(node.text, q);
    });
    return to_sql(*qualified);
  };

  auto node = p.make_node(PlanNode::Kind::rekey, {p.node});
  Layout layout;
  std::vector<KeyColumn> keys;
  std::vector<std::string> key_texts;
  if (!partition_by_null) {
    for (std::size_t i = 0; i < exprs.size(); ++i) {
      ExprPtr rewritten = p.rewrite(exprs[i]);
      auto bound = bind_in_clause(p, *rewritten, p.node->layout, "PARTITION BY");
      if (!bound.ok()) return bound.status();
      std::vector<const Expr*> cols;
      collect_columns(rewritten, cols);
      bool only_keys = true;
      for (const Expr* c : cols) {
        auto r = scope_of(p.node->layout).resolve(c->qualifier, c->text);
        if (!r.ok() || !p.node->layout[r->index].key) only_keys = false;
      }
      node->rekey.reads_only_keys.push_back(only_keys);
      std::string internal = "KSQL_PARTITION_KEY_" + std::to_string(i);
      layout.push_back({"", internal, (*bound)->type(), true});
      node->rekey.key_exprs.push_back(share(std::move(*bound)));
      key_texts.push_back(match_text(*exprs[i]));
      KeyColumn k;
      k.index = i;
      // Messages name columns qualified by their source, as ksqlDB prints them.
      std::string alias = p.aliases.size() == 1 ? p.aliases[0] : "";
      k.exprs = {rewrite(exprs[i], [&](const Expr& e) -> ExprPtr {
        if (e.kind != ExprKind::column || !e.qualifier.empty() || alias.empty()) return nullptr;
        return column_ref(e.text, alias);
      })};
      if (auto n = default_column_name(*exprs[i])) {
        k.default_name = (p.is_join && exprs[i]->kind == ExprKind::column && !exprs[i]->qualifier.empty())
                             ? exprs[i]->qualifier + "_" + *n
                             : *n;
      }
      keys.push_back(std::move(k));
    }
  }
  std::size_t offset = layout.size();
  for (auto c : p.node->layout) {
    c.key = false;
    layout.push_back(std::move(c));
  }
  node->layout = std::move(layout);

  // `*`: the old value columns, then the old key columns.
  if (p.is_join) join_star(p);
  std::vector<StarColumn> star;
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& s : p.star) {
      bool was_key = p.node->layout[s.index].key;
      if (was_key != (pass == 1)) continue;
      star.push_back({s.alias, s.index + offset, s.name});
    }
  }

  auto previous = p.rewrite;
  p.rewrite = [previous, key_texts, match_text](const ExprPtr& e) {
    ExprPtr inner = previous(e);
    return rewrite(inner, [&](const Expr& sub) -> ExprPtr {
      std::string text = match_text(sub);
      for (std::size_t i = 0; i < key_texts.size(); ++i) {
        if (text == key_texts[i]) return column_ref("KSQL_PARTITION_KEY_" + std::to_string(i));
      }
      return nullptr;
    });
  };
  p.node = node;
  p.star = std::move(star);
  p.keys = std::move(keys);
  p.key_kind = KeyKind::partitioning;
  return Status();
}

}  // namespace tributary::sql::planner
