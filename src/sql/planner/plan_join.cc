// Joins, left-deep: FROM a JOIN b ON .. JOIN c ON ... Each join's row is the join key column, then
// the left input's columns, then the right input's (each under its alias). Kinds: stream-stream
// (WITHIN), stream-table (lookup by the table's primary key), table-table (primary key, or a
// foreign key from a left value column to the right primary key).
#include <algorithm>
#include <map>
#include <set>

#include "sql/planner/planner_internal.h"

namespace tributary::sql::planner {

Result<const DataSource*> resolve_source(const Planning& p, const SourceRef& ref);
PlanNodePtr make_source_node(Planning& p, const DataSource& source, const std::string& alias);

namespace {

struct SideInfo {
  std::string alias;
  const DataSource* source = nullptr;
  std::size_t offset = 0;  // of its first column in the current layout
};

const char* join_type_text(Join::Type t) {
  switch (t) {
    case Join::Type::inner: return "[INNER]";
    case Join::Type::left: return "[LEFT]";
    case Join::Type::right: return "[RIGHT]";
    case Join::Type::full: return "[FULL] OUTER";
  }
  return "";
}

// The aliases an expression's columns belong to; errors for unknown qualifiers and ambiguity.
Result<std::set<std::string>> referenced_aliases(const ExprPtr& e, const std::vector<SideInfo>& sides) {
  std::vector<const Expr*> cols;
  collect_columns(e, cols);
  std::set<std::string> out;
  for (const Expr* c : cols) {
    if (!c->qualifier.empty()) {
      auto side = std::find_if(sides.begin(), sides.end(), [&](const SideInfo& s) { return s.alias == c->qualifier; });
      bool known = side != sides.end();
      if (known && !side->source->schema.find(c->text) && c->text != kRowTime && c->text != kRowPartition &&
          c->text != kRowOffset) {
        return plan_error("Line: " + std::to_string(c->pos.line) + ", Col: " + std::to_string(c->pos.column) +
                          ": JOIN ON column '" + c->qualifier + "." + c->text + "' cannot be resolved.");
      }
      if (!known) {
        return plan_error("Failed to prepare statement: '" + c->qualifier + "' is not a valid stream/table name or alias.");
      }
      out.insert(c->qualifier);
      continue;
    }
    std::vector<std::string> owners;
    for (const auto& s : sides) {
      if (s.source->schema.find(c->text) || c->text == kRowTime || c->text == kRowPartition || c->text == kRowOffset) {
        owners.push_back(s.alias);
      }
    }
    if (owners.size() > 1) {
      std::string could;
      for (std::size_t i = 0; i < owners.size(); ++i) {
        could += (i ? (i + 1 == owners.size() ? " or " : ", ") : "") + owners[i] + "." + c->text;
      }
      return plan_error("Exception while preparing statement: Line: " + std::to_string(c->pos.line) +
                        ", Col: " + std::to_string(c->pos.column) + ": Column '" + c->text +
                        "' is ambiguous. Could be " + could + ".");
    }
    if (owners.empty()) return plan_error("JOIN ON column '" + c->text + "' cannot be resolved.");
    out.insert(owners[0]);
  }
  return out;
}

bool is_primary_key_ref(const ExprPtr& e, const DataSource& source) {
  if (e->kind != ExprKind::column) return false;
  auto keys = source.schema.key_columns();
  return keys.size() == 1 && keys[0]->name == e->text;
}

bool contains_map(const SqlType& t) {
  if (t.kind == TypeKind::map) return true;
  return std::any_of(t.params.begin(), t.params.end(), contains_map);
}

// Whether `e` is a bare reference to a key column of `node`'s rows.
bool is_key_of(const PlanNodePtr& node, const ExprPtr& e) {
  if (e->kind != ExprKind::column) return false;
  auto r = scope_of(node->layout).resolve(e->qualifier, e->text);
  return r.ok() && node->layout[r->index].key;
}

// A windowed side joins as it is keyed: joining on anything but its key, or with another window
// than the other side's, would need a repartition, which windowed keys do not support.
Status check_windowed_sides(const PlanNodePtr& left, const ExprPtr& left_expr, const PlanNodePtr& right,
                            const ExprPtr& right_expr) {
  bool left_windowed = left->window.has_value();
  bool right_windowed = right->window.has_value();
  if (!left_windowed && !right_windowed) return Status();
  bool differ = left_windowed && right_windowed &&
                (left->window->type != right->window->type || left->window->name != right->window->name ||
                 left->window->size_ms != right->window->size_ms);
  if (differ || (left_windowed && !is_key_of(left, left_expr)) || (right_windowed && !is_key_of(right, right_expr))) {
    return plan_error("Implicit repartitioning of windowed sources is not supported. "
                      "See https://github.com/confluentinc/ksql/issues/4385.");
  }
  return Status();
}

}  // namespace

Status plan_join(Planning& p) {
  const Query& q = p.query;
  auto first = resolve_source(p, q.from);
  if (!first.ok()) return first.status();
  std::vector<SideInfo> sides;
  sides.push_back({q.from.alias.empty() ? q.from.name : q.from.alias, *first, 0});
  p.node = make_source_node(p, **first, sides[0].alias);
  p.is_join = true;

  std::vector<std::string> kafka_sources;
  if ((*first)->value_format == Format::kafka) kafka_sources.push_back((*first)->name);

  // Key tracking across joins: layout indexes holding the key's value, and how the user names them.
  std::vector<std::size_t> key_also;
  std::vector<ExprPtr> key_exprs;
  // Every expression the current key equals (both sides of the join conditions so far), as written:
  // a later join on `abs(S2.ID)` keeps the key when an earlier one joined on it.
  std::vector<std::string> key_equivalents;
  bool synthetic = false;
  std::string synthetic_name;

  // A condition comparing one source with itself is rejected before any join is planned.
  {
    std::vector<SideInfo> every = sides;
    for (const auto& join : q.joins) {
      auto src = resolve_source(p, join.source);
      if (src.ok()) every.push_back({join.source.alias.empty() ? join.source.name : join.source.alias, *src, 0});
    }
    for (const auto& join : q.joins) {
      const ExprPtr& on = join.on;
      if (!on || on->kind != ExprKind::binary || on->text != "=") continue;
      auto refs_a = referenced_aliases(on->args[0], every);
      auto refs_b = referenced_aliases(on->args[1], every);
      if (!refs_a.ok() || !refs_b.ok() || refs_a->size() != 1 || refs_b->size() != 1) continue;
      if (*refs_a->begin() == *refs_b->begin()) {
        return plan_error("Each side of the join must reference exactly one source and not the same source. "
                          "Left side references `" + *refs_a->begin() + "` and right references `" +
                          *refs_b->begin() + "`");
      }
    }
  }

  for (std::size_t j = 0; j < q.joins.size(); ++j) {
    const Join& join = q.joins[j];
    auto right_source = resolve_source(p, join.source);
    if (!right_source.ok()) return right_source.status();
    std::string alias = join.source.alias.empty() ? join.source.name : join.source.alias;
    for (const auto& s : sides) {
      if (s.source->name == (*right_source)->name && s.alias == alias) {
        if (sides.size() == 1) {
          return plan_error("Each side of the join must reference exactly one source and not the same source. "
                            "Left side references `" + alias + "` and right references `" + alias + "`");
        }
        return plan_error("N-way joins do not support multiple occurrences of the same source. Source: '" + alias + "'");
      }
    }
    if ((*right_source)->value_format == Format::kafka) kafka_sources.push_back((*right_source)->name);
    auto right_node = make_source_node(p, **right_source, alias);

    // ON a = b
    const ExprPtr& on = join.on;
    if (!on || on->kind != ExprKind::binary || on->text != "=") {
      std::string text = on ? to_sql(*on) : "";
      if (on && on->kind == ExprKind::binary && (on->text == "AND" || on->text == "OR")) {
        return plan_error("Invalid join condition: joins on multiple conditions are not yet supported. Got " + text + ".");
      }
      return plan_error("Unsupported join expression: " + text);
    }
    std::vector<SideInfo> all = sides;
    all.push_back({alias, *right_source, 0});
    ExprPtr a = on->args[0], b = on->args[1];
    auto refs_a = referenced_aliases(a, all);
    if (!refs_a.ok()) return refs_a.status();
    auto refs_b = referenced_aliases(b, all);
    if (!refs_b.ok()) return refs_b.status();
    for (auto [expr, refs] : {std::pair{a, *refs_a}, std::pair{b, *refs_b}}) {
      if (refs.size() != 1) {
        return plan_error("Invalid comparison expression '" + to_sql(*expr) + "' in join '" + to_sql(*on) +
                          "'. Each side of the join comparision must contain references from exactly one source.");
      }
    }
    std::string alias_a = *refs_a->begin(), alias_b = *refs_b->begin();
    if (alias_a == alias_b) {
      return plan_error("Each side of the join must reference exactly one source and not the same source. "
                        "Left side references `" + alias_a + "` and right references `" + alias_b + "`");
    }
    // Messages print the condition with every column qualified by its source.
    auto qualify = [](const ExprPtr& e, const std::string& q) {
      return rewrite(e, [&](const Expr& n) -> ExprPtr {
        if (n.kind != ExprKind::column || !n.qualifier.empty()) return nullptr;
        return column_ref(n.text, q);
      });
    };
    std::string condition_text = to_sql(*qualify(a, alias_a)) + " = " + to_sql(*qualify(b, alias_b));
    ExprPtr left_expr = a, right_expr = b;
    if (alias_a == alias) std::swap(left_expr, right_expr);
    std::string left_alias = alias_a == alias ? alias_b : alias_a;
    if ((alias_a == alias ? alias_a : alias_b) != alias) {
      return plan_error("A join criteria is expected to reference the source (`" + alias +
                        "`) in the FROM clause, instead the right source references `" + alias_b +
                        "` and the left source references `" + alias_a + "`");
    }

    bool left_table = p.node->is_table;
    bool right_table = right_node->is_table;
    std::string left_name = j == 0 ? sides[0].alias : left_alias;
    if (left_table && !right_table) {
      return plan_error("Invalid join order: table-stream joins are not supported; only stream-table joins. Got " +
                        (j == 0 ? (*first)->name : left_alias) + " " + join_type_text(join.type) + " JOIN " +
                        (*right_source)->name + ".");
    }
    JoinStep step;
    step.type = join.type;
    if (!left_table && !right_table) {
      step.kind = JoinStep::Kind::stream_stream;
      if (join.within_before) {
        step.before_ms = duration_ms(*join.within_before);
        step.after_ms = join.within_after ? duration_ms(*join.within_after) : step.before_ms;
      }
      step.grace_ms = join.grace ? duration_ms(*join.grace) : -1;
    } else if (!left_table && right_table) {
      step.kind = JoinStep::Kind::stream_table;
      if (join.type == Join::Type::full || join.type == Join::Type::right) {
        return plan_error(std::string("Invalid join type: ") + (join.type == Join::Type::full ? "full-outer" : "right") +
                          " join not supported for stream-table join. Got " +
                          (j == 0 ? (*first)->name : left_alias) + " " + join_type_text(join.type) + " JOIN " +
                          (*right_source)->name + ".");
      }
      if (!is_primary_key_ref(right_expr, **right_source)) {
        return plan_error("Invalid join condition: stream-table joins require to join on the table's primary key. Got " +
                          condition_text + ".");
      }
    } else {
      step.kind = JoinStep::Kind::table_table;
      if (!is_primary_key_ref(right_expr, **right_source)) {
        return plan_error("Invalid join condition: table-table joins require to join on the primary key of the right "
                          "input table. Got " + condition_text + ".");
      }
      const SideInfo* left_side = nullptr;
      for (const auto& s : sides) {
        if (s.alias == left_alias) left_side = &s;
      }
      bool left_pk = left_side && is_primary_key_ref(left_expr, *left_side->source);
      if (j > 0 && left_expr->kind == ExprKind::column) {
        // After a join the key columns of every joined table hold the key.
        left_pk = left_pk || std::find(key_exprs.begin(), key_exprs.end(), left_expr) != key_exprs.end();
      }
      step.foreign_key = !left_pk;
      if (step.foreign_key && (join.type == Join::Type::right || join.type == Join::Type::full)) {
        return plan_error("Invalid join type: foreign-key table-table joins only support INNER and LEFT joins.");
      }
    }

    auto bound_left = bind_in_clause(p, *left_expr, p.node->layout, "JOIN ON");
    if (!bound_left.ok()) return bound_left.status();
    auto bound_right = bind_in_clause(p, *right_expr, right_node->layout, "JOIN ON");
    if (!bound_right.ok()) return bound_right.status();
    if (step.kind == JoinStep::Kind::stream_stream && !join.within_before) {
      return plan_error("Stream-Stream joins must have a WITHIN clause specified. None was provided. To learn "
                        "about how to specify a WITHIN clause with a stream-stream join, please visit: "
                        "https://docs.confluent.io/current/ksql/docs/syntax-reference.html#create-stream-as-select");
    }
    step.left_key = share(std::move(*bound_left));
    step.right_key = share(std::move(*bound_right));
    // Both sides joined on their (unwindowed, single) keys, serialised alike: the rows that meet
    // share key bytes, so with co-partitioned sources they meet in one partition.
    p.joined_on_keys = p.joined_on_keys && !step.foreign_key && !p.node->window && !right_node->window &&
                       is_key_of(p.node, left_expr) && is_key_of(right_node, right_expr) &&
                       (*right_source)->key_format == (*first)->key_format &&
                       (*right_source)->key_options.delimiter == (*first)->key_options.delimiter &&
                       (*right_source)->schema.key_columns().size() == 1 &&
                       (*first)->schema.key_columns().size() == 1 &&
                       type_equals(step.left_key->type(), step.right_key->type());
    TRY_STATUS(check_windowed_sides(p.node, left_expr, right_node, right_expr));
    if (contains_map(step.left_key->type())) {
      // The join repartitions on this expression; its key column is named as the joined column.
      std::string key_column = left_expr->kind == ExprKind::column
                                   ? (left_expr->qualifier.empty() ? left_alias : left_expr->qualifier) + "_" +
                                         left_expr->text
                                   : to_sql(*left_expr);
      return plan_error("Map keys, including types that contain maps, are not supported as they may lead to "
                        "unexpected behavior due to inconsistent serialization. Key column name: `" + key_column +
                        "`. Column type: " + type_to_string(step.left_key->type()) +
                        ". See https://github.com/confluentinc/ksql/issues/6621 for more.");
    }

    // New layout: key, left columns, right columns.
    auto node = p.make_node(PlanNode::Kind::join, {p.node, right_node});
    node->join = step;
    node->is_table = left_table && right_table;
    // Windowed sides join window by window (check_windowed_sides): the result keeps the window.
    if (!(p.node->window && right_node->window)) node->window.reset();
    Layout layout;
    std::size_t left_size = p.node->layout.size();
    // Which column holds the key, and what the user may select for it.
    std::vector<std::size_t> also;
    std::vector<ExprPtr> exprs;
    auto left_index = scope_of(p.node->layout).resolve(left_expr->kind == ExprKind::column ? left_expr->qualifier : "",
                                                       left_expr->kind == ExprKind::column ? left_expr->text : "");
    bool carries_previous = false;
    if (left_expr->kind == ExprKind::column && left_index.ok()) {
      also.push_back(left_index->index + 1);
      exprs.push_back(left_expr->qualifier.empty() ? column_ref(left_expr->text, left_alias) : left_expr);
      carries_previous = left_index->index == 0 ||
                         std::find(key_also.begin(), key_also.end(), left_index->index) != key_also.end();
    }
    if (left_expr->kind != ExprKind::column && !synthetic &&
        std::find(key_equivalents.begin(), key_equivalents.end(), to_sql(*left_expr)) != key_equivalents.end()) {
      carries_previous = true;
    }
    if (carries_previous) {
      std::vector<ExprPtr> merged;
      for (auto i : key_also) also.push_back(i + 1);
      also.push_back(1);  // the previous join's key column
      for (const auto& e : key_exprs) merged.push_back(e);
      for (const auto& e : exprs) {
        if (std::none_of(merged.begin(), merged.end(), [&](const ExprPtr& m) { return to_sql(*m) == to_sql(*e); })) {
          merged.push_back(e);
        }
      }
      exprs = std::move(merged);
    }
    if (right_expr->kind == ExprKind::column) {
      auto ri = scope_of(right_node->layout).resolve(right_expr->qualifier, right_expr->text);
      if (ri.ok()) also.push_back(1 + left_size + ri->index);
      exprs.push_back(right_expr->qualifier.empty() ? column_ref(right_expr->text, alias) : right_expr);
    }
    synthetic = join.type == Join::Type::full || exprs.empty();
    if (step.foreign_key) synthetic = false;
    if (synthetic) {
      // Only the synthetic column itself stands for the key.
      also.clear();
      exprs.clear();
    }
    std::string key_name = "KSQL_JOIN_KEY_" + std::to_string(j);
    if (synthetic) {
      std::set<std::string> taken;
      for (const auto& s : all) {
        for (const auto& c : s.source->schema.columns) taken.insert(c.name);
      }
      key_name = "ROWKEY";
      for (int n = 1; taken.count(key_name); ++n) key_name = "ROWKEY_" + std::to_string(n);
      synthetic_name = key_name;
    }
    SqlType key_type = step.left_key->type();
    if (step.foreign_key) {
      // The result keeps the left table's primary key.
      auto lk = key_indexes(p.node->layout);
      const DataSource* left_src = nullptr;
      for (const auto& s : sides) {
        if (s.alias == left_alias) left_src = s.source;
      }
      auto pk = left_src ? left_src->schema.key_columns() : std::vector<const Column*>{};
      if (!pk.empty()) {
        key_type = pk[0]->type;
        auto pki = scope_of(p.node->layout).resolve(left_alias, pk[0]->name);
        also.clear();
        exprs.clear();
        if (pki.ok()) also.push_back(pki->index + 1);
        exprs.push_back(column_ref(pk[0]->name, left_alias));
      }
    }
    layout.push_back({"", key_name, key_type, true});
    for (auto c : p.node->layout) {
      c.key = false;
      layout.push_back(std::move(c));
    }
    for (auto c : right_node->layout) {
      c.key = false;
      layout.push_back(std::move(c));
    }
    node->layout = std::move(layout);
    if (synthetic) {
      node->join.key_source = JoinStep::KeySource::coalesce;
    } else if (!also.empty() && also.front() > left_size) {
      node->join.key_source = JoinStep::KeySource::right;
    }

    for (auto& s : sides) s.offset += 1;
    sides.push_back({alias, *right_source, 1 + left_size});
    if (!carries_previous) key_equivalents.clear();
    key_equivalents.push_back(to_sql(*left_expr));
    key_equivalents.push_back(to_sql(*right_expr));
    key_also = std::move(also);
    key_exprs = std::move(exprs);
    p.node = node;
  }

  if (!kafka_sources.empty()) {
    std::string names;
    for (std::size_t i = 0; i < kafka_sources.size(); ++i) names += (i ? ", " : "") + kafka_sources[i];
    return plan_error("Source(s) " + names + " are using the 'KAFKA' value format. This format does not yet support JOIN.");
  }

  p.aliases.clear();
  p.star.clear();
  if (synthetic) p.star.push_back({"", 0, synthetic_name});
  for (const auto& s : sides) {
    p.aliases.push_back(s.alias);
    std::size_t n = s.source->schema.columns.size();
    // Source layout order: key columns, then the others; `*` follows it.
    for (std::size_t i = 0; i < n; ++i) {
      const auto& col = p.node->layout[s.offset + i];
      p.star.push_back({s.alias, s.offset + i, s.alias + "_" + col.name});
    }
  }
  p.key_kind = KeyKind::join;
  p.synthetic_join_key = synthetic;
  std::map<std::string, int> name_count;
  for (const auto& s : sides) {
    for (const auto& c : s.source->schema.columns) ++name_count[c.name];
    ++name_count[kRowTime];
    ++name_count[kRowPartition];
    ++name_count[kRowOffset];
  }
  for (const auto& [name, n] : name_count) {
    if (n > 1) p.shared_join_names.insert(name);
  }
  KeyColumn key;
  key.index = 0;
  key.also = key_also;
  key.exprs = key_exprs;
  key.default_name = synthetic ? synthetic_name : "";
  p.keys = {key};
  return Status();
}

}  // namespace tributary::sql::planner
