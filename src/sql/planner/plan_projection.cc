// SELECT: expands stars, binds every item on the current layout, names the output columns as
// ksqlDB does (alias, column name, struct field name, KSQL_COL_n) and decides which items are
// the key columns of the result. Persistent queries must select every key expression once.
#include <algorithm>

#include "sql/planner/planner_internal.h"

namespace tributary::sql::planner {
namespace {

struct Item {
  ExprPtr expr;          // as the user wrote it (stars: a qualified column reference)
  std::string alias;     // explicit AS
  std::string star_name; // name given by a star expansion
  bool from_star = false;
  ExprPtr rewritten;
  std::shared_ptr<BoundExpr> bound;
  std::string name;
  int key = -1;          // index into p.keys when this item is a key column
};

bool reads_windowed_source(const PlanNodePtr& n) {
  if (n->window) return true;
  if (n->kind == PlanNode::Kind::source) return n->source.source.window.has_value();
  return std::any_of(n->inputs.begin(), n->inputs.end(), reads_windowed_source);
}

bool is_pseudo(const std::string& name) {
  return name == kRowTime || name == kRowPartition || name == kRowOffset || name == kWindowStart ||
         name == kWindowEnd;
}

std::string list_text(const std::vector<std::string>& parts, const std::string& last_sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += (i + 1 == parts.size()) ? " " + last_sep + " " : ", ";
    out += parts[i];
  }
  return out;
}

std::string comma_list(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

Result<std::vector<Item>> expand_items(const Planning& p) {
  std::vector<Item> items;
  for (const auto& si : p.query.items) {
    if (!si.expr) {
      bool any = si.star_source.empty();
      if (!any && std::find(p.aliases.begin(), p.aliases.end(), si.star_source) == p.aliases.end()) {
        return plan_error("'" + si.star_source + "' is not a valid stream/table name or alias.");
      }
      for (const auto& s : p.star) {
        if (!any && s.alias != si.star_source) continue;
        if (!any && s.alias.empty()) continue;  // synthetic join key: only `*` selects it
        Item item;
        if (s.expr) {
          item.expr = s.expr;
        } else {
          const auto& col = p.node->layout[s.index];
          item.expr = column_ref(col.name, col.qualifier);
        }
        item.star_name = s.name;
        item.from_star = true;
        items.push_back(std::move(item));
      }
      continue;
    }
    Item item;
    item.expr = si.expr;
    item.alias = si.alias;
    items.push_back(std::move(item));
  }
  return items;
}

// The key column an item selects, when it is a bare reference to one.
int key_of(const Planning& p, const Item& item) {
  if (item.rewritten->kind != ExprKind::column) return -1;
  auto resolved = scope_of(p.node->layout).resolve(item.rewritten->qualifier, item.rewritten->text);
  if (!resolved.ok()) return -1;
  for (std::size_t k = 0; k < p.keys.size(); ++k) {
    const auto& key = p.keys[k];
    if (resolved->index == key.index ||
        std::find(key.also.begin(), key.also.end(), resolved->index) != key.also.end()) {
      return static_cast<int>(k);
    }
  }
  return -1;
}

Status missing_key_error(const Planning& p, const std::vector<std::size_t>& missing) {
  std::string sink = "`" + p.options.sink_name + "`";
  std::string head = "Key missing from projection (ie, SELECT). See https://cnfl.io/2LV7ouS.\n"
                     "The query used to build " + sink + " must include the ";
  // ksqlDB names every key expression, not only the missing ones.
  (void)missing;
  std::vector<std::string> texts;
  for (const auto& key : p.keys) {
    for (const auto& e : key.exprs) texts.push_back(to_sql(*e));
  }
  if (p.key_kind == KeyKind::join) {
    if (p.synthetic_join_key) {
      std::string name = p.keys[0].default_name;
      return plan_error(head + "join expression " + name + " in its projection (eg, SELECT " + name +
                        "...).\n" + name +
                        " was added as a synthetic key column because the join criteria did not match any "
                        "source column. This expression must be included in the projection and may be aliased. ");
    }
    return plan_error(head + "join expression" + (texts.size() > 1 ? "s " : " ") + list_text(texts, "or") +
                      " in its projection (eg, SELECT " + texts.front() + "...).");
  }
  const char* what = p.key_kind == KeyKind::grouping       ? "grouping expression"
                     : p.key_kind == KeyKind::partitioning ? "partitioning expression"
                                                           : "key column";
  return plan_error(head + what + (texts.size() > 1 ? "s " : " ") + list_text(texts, "and") +
                    " in its projection (eg, SELECT " + comma_list(texts) + "...).");
}

Status duplicate_key_error(const Planning& p, const std::vector<const Item*>& dups) {
  std::vector<std::string> names;
  for (const auto* d : dups) names.push_back(d->name);
  if (p.key_kind == KeyKind::grouping) {
    std::vector<std::string> quoted;
    for (auto& n : names) quoted.push_back("`" + n + "`");
    return plan_error("The projection contains a key column more than once: " + list_text(quoted, "and") + ".");
  }
  std::string key_name = dups.front()->rewritten->text;
  return plan_error("The projection contains a key column (`" + key_name + "`) more than once, aliased as: " +
                    list_text(names, "and") + ".");
}

// Unknown functions are reported before any GROUP BY analysis of the items that call them.
Status check_functions_exist(const Planning& p, const ExprPtr& e) {
  if (!e) return Status();
  if (e->kind == ExprKind::function_call) {
    std::string name = upper(e->text);
    if (!p.functions.scalar(name) && !p.functions.is_aggregate(name)) {
      return plan_error("Can't find any functions with the name '" + name + "'");
    }
  }
  for (const auto& a : e->args) TRY_STATUS(check_functions_exist(p, a));
  return Status();
}

// Non-aggregate references left after GROUP BY rewriting: ksqlDB lists the offending items.
Status check_grouped(const Planning& p, const std::vector<Item>& items) {
  if (!p.aggregated) return Status();
  for (const auto& item : items) TRY_STATUS(check_functions_exist(p, item.expr));
  std::vector<std::string> bad;
  for (const auto& item : items) {
    std::vector<const Expr*> cols;
    collect_columns(item.rewritten, cols);
    for (const Expr* c : cols) {
      bool known = std::any_of(p.node->layout.begin(), p.node->layout.end(),
                               [&](const LayoutColumn& l) { return l.name == c->text; });
      if (!known) {
        bad.push_back(to_sql(*item.expr));
        break;
      }
    }
  }
  if (bad.empty()) return Status();
  return plan_error("Non-aggregate SELECT expression(s) not part of GROUP BY: " + comma_list(bad) +
                    "\nEither add the column(s) to the GROUP BY or remove them from the SELECT.");
}

}  // namespace

Result<QueryPlan> plan_projection(Planning& p) {
  auto expanded = expand_items(p);
  if (!expanded.ok()) return expanded.status();
  std::vector<Item>& items = *expanded;
  bool has_star = std::any_of(p.query.items.begin(), p.query.items.end(),
                              [](const SelectItem& si) { return !si.expr && si.star_source.empty(); });

  for (auto& item : items) {
    // `WINDOWSTART AS WINDOWSTART` is the bare column (ksqlDB gives every item its name as alias).
    if ((item.alias == kWindowStart || item.alias == kWindowEnd) && item.expr->kind == ExprKind::column &&
        item.expr->text == item.alias) {
      item.alias.clear();
    }
    if (!item.alias.empty() && is_pseudo(item.alias) && item.alias != kWindowStart && item.alias != kWindowEnd) {
      return plan_error("`" + item.alias + "` is a reserved column name. You cannot use it as an alias for a column.");
    }
    if (!item.alias.empty() && (item.alias == kWindowStart || item.alias == kWindowEnd)) {
      return plan_error("`" + item.alias + "` is a reserved column name. You cannot use it as an alias for a column.");
    }
    item.rewritten = p.rewrite(item.expr);
  }
  TRY_STATUS(check_grouped(p, items));

  // Names the sources' columns have: generated names and struct field names avoid them.
  std::set<std::string> source_names;
  std::function<void(const PlanNodePtr&)> walk = [&](const PlanNodePtr& n) {
    if (n->kind == PlanNode::Kind::source) {
      for (const auto& c : n->source.source.schema.columns) source_names.insert(c.name);
    }
    for (const auto& in : n->inputs) walk(in);
  };
  walk(p.node);

  // Names: explicit first, so generated KSQL_COL_n names skip them.
  std::set<std::string> used;
  for (auto& item : items) {
    if (!item.alias.empty()) {
      item.name = item.alias;
    } else if (item.from_star) {
      item.name = item.star_name;
    } else if (auto n = default_column_name(*item.expr)) {
      if (p.options.persistent && item.expr->kind == ExprKind::column && (*n == kWindowStart || *n == kWindowEnd) &&
          (p.windowed_aggregate || reads_windowed_source(p.node))) {
        return plan_error("Reserved column name in select: `" + *n + "`. Please remove or alias the column.");
      }
      item.name = (p.is_join && item.expr->kind == ExprKind::column && !item.expr->qualifier.empty() &&
                   p.shared_join_names.count(*n))
                      ? item.expr->qualifier + "_" + *n
                      : *n;
      if (item.expr->kind == ExprKind::dereference && (used.count(item.name) || source_names.count(item.name))) {
        // Struct fields of the same name: B, B_1, B_2 ...
        std::string base = item.name;
        for (int n = 1; used.count(item.name) || source_names.count(item.name); ++n) {
          item.name = base + "_" + std::to_string(n);
        }
      }
      if (p.options.persistent && is_pseudo(item.name) && item.expr->kind == ExprKind::column &&
          (item.name == kWindowStart || item.name == kWindowEnd)) {
        if (p.windowed_aggregate || p.node->window) {
          return plan_error("Reserved column name in select: `" + item.name + "`. Please remove or alias the column.");
        }
      }
    }
    if (!item.name.empty()) used.insert(item.name);
  }
  int generated = 0;
  auto next_generated = [&]() {
    std::string name;
    do {
      name = "KSQL_COL_" + std::to_string(generated++);
    } while (used.count(name) || source_names.count(name));
    used.insert(name);
    return name;
  };
  for (auto& item : items) {
    if (item.name.empty()) item.name = next_generated();
  }
  if (!p.options.sink_timestamp_column.empty() &&
      std::none_of(items.begin(), items.end(),
                   [&](const Item& it) { return it.name == p.options.sink_timestamp_column; })) {
    return plan_error("The TIMESTAMP column set in the WITH clause does not exist in the schema: '" +
                      p.options.sink_timestamp_column + "'");
  }

  // Bind.
  for (auto& item : items) {
    auto bound = bind_in_clause(p, *item.rewritten, p.node->layout, "SELECT");
    if (!bound.ok()) {
      const std::string& m = bound.status().message();
      if (m.rfind("Cast of", 0) == 0) return plan_error("Invalid Select: " + m);
      return bound.status();
    }
    item.bound = share(std::move(*bound));
  }

  // Keys.
  std::vector<std::vector<const Item*>> key_items(p.keys.size());
  if (p.options.persistent) {
    for (auto& item : items) {
      int k = key_of(p, item);
      if (k >= 0) key_items[k].push_back(&item);
    }
    std::vector<std::size_t> missing;
    for (std::size_t k = 0; k < p.keys.size(); ++k) {
      auto& found = key_items[k];
      if (found.empty()) {
        if (p.key_kind == KeyKind::partitioning && has_star) continue;
        missing.push_back(k);
        continue;
      }
      if (found.size() > 1) {
        if (p.key_kind == KeyKind::join) {
          // Several items hold the join key (L.A and R.A): the one naming the key column wins,
          // then the left side's; the others stay values.
          // Preference: the key column itself, then the join's left expression, then the right one.
          auto rank = [&](const Item* it) {
            auto r = scope_of(p.node->layout).resolve(it->rewritten->qualifier, it->rewritten->text);
            if (!r.ok()) return std::size_t(-1);
            if (r->index == p.keys[k].index) return std::size_t(0);
            const auto& also = p.keys[k].also;
            auto pos = std::find(also.begin(), also.end(), r->index);
            return pos == also.end() ? std::size_t(-1) : std::size_t(1 + (pos - also.begin()));
          };
          const Item* keep = *std::min_element(found.begin(), found.end(),
                                               [&](const Item* a, const Item* b) { return rank(a) < rank(b); });
          found = {keep};
        } else {
          return duplicate_key_error(p, found);
        }
      }
    }
    if (!missing.empty()) return missing_key_error(p, missing);
    for (std::size_t k = 0; k < p.keys.size(); ++k) {
      for (auto* it : key_items[k]) const_cast<Item*>(it)->key = static_cast<int>(k);
    }
  }

  QueryPlan plan;
  auto node = p.make_node(PlanNode::Kind::project, {p.node});
  node->layout.clear();
  if (p.options.persistent) {
    for (std::size_t k = 0; k < p.keys.size(); ++k) {
      if (!key_items[k].empty()) {
        const Item* it = key_items[k].front();
        if (p.key_kind == KeyKind::join) {
          // A join's key column holds the join key whichever side the row came from.
          auto bound = bind_in_clause(p, *column_ref(p.node->layout[p.keys[k].index].name), p.node->layout, "SELECT");
          if (!bound.ok()) return bound.status();
          node->project.exprs.push_back(share(std::move(*bound)));
        } else {
          node->project.exprs.push_back(it->bound);
        }
        node->layout.push_back({"", it->name, it->bound->type(), true});
      } else {
        // Allowed only for PARTITION BY with `*`: the key keeps a generated name.
        const auto& key = p.keys[k];
        std::string name = key.default_name.empty() ? next_generated() : key.default_name;
        auto bound = bind_in_clause(p, *column_ref(p.node->layout[key.index].name), p.node->layout, "SELECT");
        if (!bound.ok()) return bound.status();
        node->project.exprs.push_back(share(std::move(*bound)));
        node->layout.push_back({"", name, p.node->layout[key.index].type, true});
      }
    }
  }
  for (auto& item : items) {
    if (item.key >= 0) continue;
    node->project.exprs.push_back(item.bound);
    node->layout.push_back({"", item.name, item.bound->type(), false});
  }

  // Value column checks.
  // A value column may not share its name with another value column, nor with a key column.
  std::set<std::string> value_names;
  for (const auto& c : node->layout) {
    if (c.key) value_names.insert(c.name);
  }
  for (const auto& c : node->layout) {
    if (c.key) continue;
    if (!value_names.insert(c.name).second && p.options.persistent) {
      return plan_error("Duplicate value columns found in schema: `" + c.name + "` " + type_to_string(c.type));
    }
  }
  if (p.options.persistent && value_indexes(node->layout).empty()) {
    return plan_error("The projection contains no value columns.");
  }

  p.node = node;
  if (p.query.emit == Query::Emit::final_) {
    if (!p.windowed_aggregate) return plan_error("EMIT FINAL is only supported for windowed aggregations.");
    auto suppress = p.make_node(PlanNode::Kind::suppress, {p.node});
    suppress->suppress.grace_ms = p.node->inputs[0]->kind == PlanNode::Kind::aggregate
                                      ? p.node->inputs[0]->aggregate.grace_ms
                                      : 0;
    for (PlanNodePtr n = p.node; n; n = n->inputs.empty() ? nullptr : n->inputs[0]) {
      if (n->kind == PlanNode::Kind::aggregate) {
        suppress->suppress.grace_ms = n->aggregate.grace_ms;
        suppress->suppress.window_size_ms = n->aggregate.window_size_ms;
        suppress->suppress.session = n->aggregate.window && n->aggregate.window->type == WindowSpec::Type::session;
        break;
      }
    }
    p.node = suppress;
    plan.emit_final = true;
  }

  plan.root = p.node;
  plan.is_table = p.node->is_table;
  plan.window = p.node->window;
  plan.repartitioned = p.key_kind != KeyKind::source;
  plan.state_per_partition = p.key_kind == KeyKind::grouping ? p.grouped_by_source_key
                             : p.is_join                       ? p.key_kind == KeyKind::join && p.joined_on_keys
                                                               : p.key_kind == KeyKind::source && !p.node->window;
  for (const auto& c : p.node->layout) {
    plan.schema.columns.push_back({c.name, c.type, c.key ? Column::Role::key : Column::Role::value, ""});
  }
  std::function<void(const PlanNodePtr&)> collect = [&](const PlanNodePtr& n) {
    if (n->kind == PlanNode::Kind::source) plan.source_names.push_back(n->source.source.name);
    for (const auto& in : n->inputs) collect(in);
  };
  collect(plan.root);
  return plan;
}

}  // namespace tributary::sql::planner
