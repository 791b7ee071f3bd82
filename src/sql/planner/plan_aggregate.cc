// GROUP BY, aggregate calls, WINDOW and HAVING. The aggregation produces a table whose key is the
// grouping expressions and whose values are the aggregate results; select items and HAVING are
// rewritten to read those columns (KSQL_GROUP_KEY_i, KSQL_AGG_VARIABLE_j) and bound on them.
#include <algorithm>
#include <set>

#include "sql/functions/aggregate_options.h"
#include "sql/planner/planner_internal.h"

namespace tributary::sql::planner {
namespace {

constexpr int64_t kDefaultRetentionMs = 86'400'000;  // Kafka Streams' one-day default

std::string group_name(std::size_t i) { return "KSQL_GROUP_KEY_" + std::to_string(i); }
std::string agg_name(std::size_t i) { return "KSQL_AGG_VARIABLE_" + std::to_string(i); }

bool has_columns(const ExprPtr& e) {
  std::vector<const Expr*> cols;
  collect_columns(e, cols);
  return !cols.empty();
}

Status check_source_formats(const Planning& p) {
  std::vector<std::string> kafka;
  std::function<void(const PlanNodePtr&)> walk = [&](const PlanNodePtr& n) {
    if (n->kind == PlanNode::Kind::source && n->source.source.value_format == Format::kafka) {
      kafka.push_back(n->source.source.name);
    }
    for (const auto& in : n->inputs) walk(in);
  };
  walk(p.node);
  if (kafka.empty()) return Status();
  std::string names;
  for (std::size_t i = 0; i < kafka.size(); ++i) names += (i ? ", " : "") + kafka[i];
  return plan_error("Source(s) " + names + " are using the 'KAFKA' value format. This format does not yet support GROUP BY.");
}

bool is_window_bound(const std::string& name) { return name == kWindowStart || name == kWindowEnd; }

bool layout_has(const Layout& layout, const std::string& name) {
  return std::any_of(layout.begin(), layout.end(), [&](const LayoutColumn& c) { return c.name == name; });
}

// The window bounds of a windowed aggregation exist only in its output, where the projection can
// read them; HAVING cannot, and neither can an aggregation over a join.
Status check_window_bounds(const Planning& p) {
  if (p.query.having) {
    std::vector<const Expr*> cols;
    collect_columns(p.query.having, cols);
    for (const Expr* c : cols) {
      if (is_window_bound(c->text) && !layout_has(p.node->layout, c->text)) {
        return plan_error("Window bounds column " + c->text +
                          " can only be used in the SELECT clause of windowed aggregations");
      }
    }
  }
  if (p.is_join && p.query.window) {
    for (const auto& item : p.query.items) {
      std::vector<const Expr*> cols;
      collect_columns(item.expr, cols);
      for (const Expr* c : cols) {
        if (is_window_bound(c->text) && !layout_has(p.node->layout, c->text)) {
          return plan_error("SELECT column '" + c->text + "' cannot be resolved.");
        }
      }
    }
  }
  return Status();
}

// Every key column of the source is a GROUP BY column as it is: rows of one group share their
// source key, so the producer's partitioner put them in one partition. Not so for a windowed
// source, whose record keys (and so partitions) carry the window too.
bool groups_by_source_key(const Planning& p) {
  bool keyed_like_source = p.is_join ? p.key_kind == KeyKind::join && p.joined_on_keys : p.key_kind == KeyKind::source;
  if (!keyed_like_source || p.keys.empty() || p.node->window) return false;
  const Layout& in = p.node->layout;
  auto grouped_by = [&](std::size_t index) {
    return std::any_of(p.query.group_by.begin(), p.query.group_by.end(), [&](const ExprPtr& g) {
      return g->kind == ExprKind::column && g->text == in[index].name &&
             (g->qualifier.empty() || g->qualifier == in[index].qualifier);
    });
  };
  // After a join on keys, every side's key column holds the key: grouping by any one of them will do.
  return std::all_of(p.keys.begin(), p.keys.end(), [&](const KeyColumn& k) {
    return grouped_by(k.index) || std::any_of(k.also.begin(), k.also.end(), grouped_by);
  });
}

}  // namespace

Status plan_aggregate(Planning& p) {
  const Query& q = p.query;
  std::vector<ExprPtr> calls;
  for (const auto& item : q.items) collect_aggregates(item.expr, p.functions, calls);
  collect_aggregates(q.having, p.functions, calls);
  if (q.group_by.empty()) {
    if (calls.empty()) {
      if (q.window && p.options.persistent) return plan_error("WINDOW clause requires a GROUP BY clause.");
      return Status();
    }
    std::string call = calls[0]->star ? upper(calls[0]->text) + "(ROWTIME)" : to_sql(*calls[0]);
    return plan_error("CREATE TABLE AS SELECT statement does not support aggregate function [" + call +
                      "] without a GROUP BY clause.");
  }
  for (const auto& g : q.group_by) {
    std::vector<ExprPtr> inner;
    collect_aggregates(g, p.functions, inner);
    if (!inner.empty()) {
      return plan_error("GROUP BY does not support aggregate functions: " + upper(inner[0]->text) +
                        " is an aggregate function.");
    }
  }
  {
    std::set<std::string> seen;
    for (const auto& g : q.group_by) {
      if (!seen.insert(unqualified_sql(*g)).second) {
        return plan_error("Duplicate GROUP BY expression: " + to_sql(*g));
      }
    }
  }
  for (const auto& c : calls) {
    for (const auto& a : c->args) {
      if (a && contains_aggregate(*a, p.functions)) {
        return plan_error("Aggregate functions can not be nested: " + to_sql(*c));
      }
    }
  }
  TRY_STATUS(check_source_formats(p));
  TRY_STATUS(check_window_bounds(p));

  p.grouped_by_source_key = groups_by_source_key(p);
  auto node = p.make_node(PlanNode::Kind::aggregate, {p.node});
  AggregateStep& step = node->aggregate;
  step.input_is_table = p.node->is_table;
  const Layout& in = p.node->layout;
  Layout layout;
  std::vector<std::string> group_texts;
  for (std::size_t i = 0; i < q.group_by.size(); ++i) {
    auto bound = bind_in_clause(p, *q.group_by[i], in, "GROUP BY");
    if (!bound.ok()) return bound.status();
    layout.push_back({"", group_name(i), (*bound)->type(), true});
    step.group_exprs.push_back(share(std::move(*bound)));
    group_texts.push_back(unqualified_sql(*q.group_by[i]));
  }

  std::vector<std::string> agg_texts;
  std::vector<std::string> agg_display;  // the call as messages name it
  std::vector<std::string> no_undo;
  for (const auto& c : calls) {
    std::string text = unqualified_sql(*c);
    if (std::find(agg_texts.begin(), agg_texts.end(), text) != agg_texts.end()) continue;
    AggregateCall call;
    call.name = upper(c->text);
    std::vector<SqlType> types;
    std::vector<Value> literals;
    for (const auto& a : c->args) {
      auto bound = bind_in_clause(p, *a, in, "SELECT");
      if (!bound.ok()) return bound.status();
      types.push_back((*bound)->type());
      Value literal;
      if (!has_columns(a)) {
        auto v = evaluate_constant(*a);
        if (v.ok()) literal = *v;
      }
      literals.push_back(literal);
      call.args.push_back(share(std::move(*bound)));
    }
    auto fn = bind_aggregate_with_properties(call.name, types, literals, p.options.properties);
    if (!fn.ok()) return fn.status();
    call.function = std::shared_ptr<BoundAggregate>(std::move(*fn));
    if (step.input_is_table && !call.function->supports_undo() &&
        std::find(no_undo.begin(), no_undo.end(), call.name) == no_undo.end()) {
      no_undo.push_back(call.name);
    }
    layout.push_back({"", agg_name(agg_texts.size()), call.function->result_type(), false});
    step.calls.push_back(std::move(call));
    agg_texts.push_back(text);
    agg_display.push_back(p.is_join ? joined_sql(*c) : text);
  }
  if (!no_undo.empty()) {
    std::string names;
    for (std::size_t i = 0; i < no_undo.size(); ++i) {
      if (i) names += (i + 1 == no_undo.size()) ? " and " : ", ";
      names += no_undo[i];
    }
    return plan_error("The aggregation functions " + names +
                      " cannot be applied to a table source, only to a stream source.");
  }

  if (q.window) {
    const WindowSpec& w = *q.window;
    step.window = w;
    step.window_size_ms = duration_ms(w.size);
    step.window_advance_ms = w.advance ? duration_ms(*w.advance) : step.window_size_ms;
    step.grace_ms = w.grace ? duration_ms(*w.grace) : std::max<int64_t>(kDefaultRetentionMs - step.window_size_ms, 0);
    step.retention_ms = w.retention ? duration_ms(*w.retention)
                                    : std::max(kDefaultRetentionMs, step.window_size_ms + step.grace_ms);
    KeyWindow kw;
    if (w.type == WindowSpec::Type::session) {
      kw.type = WindowBounds::Type::session;
      kw.name = "SESSION";
    } else {
      kw.type = WindowBounds::Type::time;
      kw.name = w.type == WindowSpec::Type::tumbling ? "TUMBLING" : "HOPPING";
      kw.size_ms = step.window_size_ms;
    }
    node->window = kw;
    layout.push_back({"", kWindowStart, make_type(TypeKind::bigint), false});
    layout.push_back({"", kWindowEnd, make_type(TypeKind::bigint), false});
  } else {
    node->window.reset();
  }
  node->layout = std::move(layout);
  node->is_table = true;
  p.node = node;
  p.aggregated = true;
  p.windowed_aggregate = q.window.has_value();

  auto previous = p.rewrite;
  p.rewrite = [previous, group_texts, agg_texts](const ExprPtr& e) {
    return rewrite(previous(e), [&](const Expr& sub) -> ExprPtr {
      std::string text = unqualified_sql(sub);
      for (std::size_t i = 0; i < agg_texts.size(); ++i) {
        if (text == agg_texts[i]) return column_ref(agg_name(i));
      }
      for (std::size_t i = 0; i < group_texts.size(); ++i) {
        if (text == group_texts[i]) return column_ref(group_name(i));
      }
      return nullptr;
    });
  };

  p.keys.clear();
  for (std::size_t i = 0; i < q.group_by.size(); ++i) {
    KeyColumn k;
    k.index = i;
    k.exprs = {q.group_by[i]};
    if (auto n = default_column_name(*q.group_by[i])) k.default_name = *n;
    p.keys.push_back(std::move(k));
  }
  p.key_kind = KeyKind::grouping;
  for (auto& s : p.star) {
    if (!s.expr) {
      const auto& col = in[s.index];
      s.expr = column_ref(col.name, p.is_join ? col.qualifier : "");
    }
  }

  if (q.having) {
    ExprPtr having = p.rewrite(q.having);
    std::vector<const Expr*> cols;
    collect_columns(having, cols);
    for (const Expr* c : cols) {
      bool known = std::any_of(p.node->layout.begin(), p.node->layout.end(),
                               [&](const LayoutColumn& l) { return l.name == c->text; });
      if (!known) return plan_error("Non-aggregate HAVING expression not part of GROUP BY: " + column_text(*c));
    }
    auto bound = bind_in_clause(p, *having, p.node->layout, "HAVING");
    if (!bound.ok()) {
      std::string m = bound.status().message();
      // Messages name the aggregate as written, not our internal column.
      for (std::size_t i = 0; i < agg_texts.size(); ++i) {
        std::string internal = agg_name(i);
        for (auto at = m.find(internal); at != std::string::npos; at = m.find(internal)) {
          m.replace(at, internal.size(), agg_display[i]);
        }
      }
      if (m.rfind("Cannot compare", 0) == 0) return plan_error("Error in HAVING expression: " + m);
      return plan_error(m);
    }
    auto filter = p.make_node(PlanNode::Kind::filter, {p.node});
    filter->filter.predicate = share(std::move(*bound));
    p.node = filter;
  }
  return Status();
}

}  // namespace tributary::sql::planner
