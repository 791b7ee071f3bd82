// Pull queries (SELECT without EMIT): the current rows of a materialized table, read from the
// state of the query that keeps it (a CTAS's MaterializeOperator, or a source table's internal
// materializer), filtered by WHERE, projected, cut by LIMIT.
//
// WHERE is planned like any query's over the table's source layout (keys, values, ROWTIME,
// ROWPARTITION, ROWOFFSET, WINDOWSTART, WINDOWEND), so any predicate works as a filter over the
// scanned rows. When it pins every key column to literals (`K = 1`, `K IN (1, 2)`), only those
// keys' rows are read.
#include <algorithm>

#include "sql/engine/engine_internal.h"
#include "sql/exec/materialize_operator.h"
#include "sql/state/value_codec.h"

namespace tributary::sql {
namespace {

const char kPushHint[] = "Add EMIT CHANGES if you intended to issue a push query.";

Status validate_shape(const Query& q) {
  if (q.emit == Query::Emit::changes) return statement_error("Pull queries don't support `EMIT CHANGES`.");
  if (q.emit == Query::Emit::final_) return statement_error("Pull queries don't support EMIT clauses.");
  if (!q.joins.empty()) return statement_error("Pull queries don't support JOIN clauses.");
  if (q.window) return statement_error("Pull queries don't support WINDOW clauses.");
  if (!q.group_by.empty()) return statement_error("Pull queries don't support GROUP BY clauses.");
  if (!q.partition_by.empty()) return statement_error("Pull queries don't support PARTITION BY clauses.");
  if (q.having) return statement_error("Pull queries don't support HAVING clauses.");
  if (q.limit && *q.limit < 0) {
    return statement_error("Pull queries don't support negative integers in the LIMIT clause.");
  }
  return Status();
}

void conjuncts(const ExprPtr& e, std::vector<const Expr*>& out) {
  if (!e) return;
  if (e->kind == ExprKind::binary && e->text == "AND") {
    conjuncts(e->args[0], out);
    conjuncts(e->args[1], out);
    return;
  }
  out.push_back(e.get());
}

bool names_column(const Expr& e, const std::string& name, const std::string& alias) {
  return e.kind == ExprKind::column && e.text == name && (e.qualifier.empty() || e.qualifier == alias);
}

// The literal's value as the key column's type; nullopt when it cannot be one.
std::optional<Value> key_literal(const Expr& e, const SqlType& key_type) {
  SqlType type;
  auto v = evaluate_constant(e, &type);
  if (!v.ok() || v->is_null()) return std::nullopt;
  EvalErrors errors;
  Value cast = cast_value(*v, type, key_type, errors);
  if (!errors.messages.empty() || cast.is_null()) return std::nullopt;
  return cast;
}

// Values the WHERE clause allows for one key column, when a conjunct pins it to literals.
std::optional<std::vector<Value>> key_values(const std::vector<const Expr*>& terms, const LayoutColumn& key,
                                             const std::string& alias) {
  for (const Expr* t : terms) {
    std::vector<const Expr*> literals;
    if (t->kind == ExprKind::binary && t->text == "=") {
      if (names_column(*t->args[0], key.name, alias)) {
        literals = {t->args[1].get()};
      } else if (names_column(*t->args[1], key.name, alias)) {
        literals = {t->args[0].get()};
      } else {
        continue;
      }
    } else if (t->kind == ExprKind::in_list && !t->negated && names_column(*t->args[0], key.name, alias)) {
      for (std::size_t i = 1; i < t->args.size(); ++i) literals.push_back(t->args[i].get());
    } else {
      continue;
    }
    std::vector<Value> values;
    bool all_constant = true;
    for (const Expr* l : literals) {
      SqlType ignored;
      if (!evaluate_constant(*l, &ignored).ok()) {
        all_constant = false;
        break;
      }
      if (auto v = key_literal(*l, key.type)) values.push_back(std::move(*v));
    }
    if (all_constant) return values;
  }
  return std::nullopt;
}

// Encoded key prefixes to read, or nullopt for a full scan.
std::optional<std::vector<std::string>> key_prefixes(const Query& q, const Layout& layout, const std::string& alias) {
  std::vector<const Expr*> terms;
  conjuncts(q.where, terms);
  std::vector<std::vector<Value>> tuples = {{}};
  bool any_key = false;
  for (const auto& col : layout) {
    if (!col.key) continue;
    any_key = true;
    auto values = key_values(terms, col, alias);
    if (!values) return std::nullopt;
    std::vector<std::vector<Value>> next;
    for (const auto& t : tuples) {
      for (const auto& v : *values) {
        auto extended = t;
        extended.push_back(v);
        next.push_back(std::move(extended));
      }
    }
    tuples = std::move(next);
  }
  if (!any_key) return std::nullopt;
  std::vector<std::string> prefixes;
  for (const auto& t : tuples) {
    std::string p = materialized_key(t, std::nullopt);
    if (std::find(prefixes.begin(), prefixes.end(), p) == prefixes.end()) prefixes.push_back(std::move(p));
  }
  return prefixes;
}

bool is_true(const Value& v) { return v.is<bool>() && v.as<bool>(); }

}  // namespace

std::optional<std::string> Engine::pull_query_state_owner(const Statement& statement) const {
  const auto* qs = std::get_if<QueryStatement>(&statement.node);
  if (!qs) return std::nullopt;
  const DataSource* source = impl_->metastore.source(qs->query.from.name);
  const RunningQuery* owner = source && source->is_table ? impl_->materialization_of(source->name) : nullptr;
  if (!owner) return std::nullopt;
  return owner->id;
}

Result<std::pair<QueryHeader, std::vector<PushRow>>> Engine::pull_query(
    const Statement& statement, const std::map<std::string, std::string>& request,
    const std::optional<std::vector<int32_t>>& tasks) {
  Impl& e = *impl_;
  const auto* qs = std::get_if<QueryStatement>(&statement.node);
  if (!qs) return statement_error("Not a query: " + statement.text);
  const Query& query = qs->query;
  TRY_STATUS(validate_shape(query));

  const DataSource* source = e.metastore.source(query.from.name);
  if (source && !source->is_table) {
    return statement_error("Pull queries on streams are not supported: " + source->name +
                           " is a stream, and only tables keep current rows.\n" + kPushHint);
  }
  const RunningQuery* owner = source ? e.materialization_of(source->name) : nullptr;
  if (source && !owner) {
    return statement_error("The `" + source->name + "` table isn't queryable. To derive a queryable table, you can do "
                           "'CREATE TABLE QUERYABLE_" + source->name + " AS SELECT * FROM " + source->name +
                           "'. See https://cnfl.io/queries for more info.\n" + kPushHint);
  }

  PlanOptions options;
  options.properties = e.effective_properties(request);
  options.persistent = false;
  auto plan = plan_query(query, e.metastore, options);
  if (!plan.ok()) return plan.status();

  // Root to source: only projections and filters evaluate on stored rows.
  std::vector<const PlanNode*> chain;
  for (const PlanNode* n = plan->root.get(); n; n = n->inputs.empty() ? nullptr : n->inputs[0].get()) {
    if (n->kind == PlanNode::Kind::aggregate) return statement_error("Pull queries don't support aggregate functions.");
    if (n->kind != PlanNode::Kind::project && n->kind != PlanNode::Kind::filter && n->kind != PlanNode::Kind::source) {
      return statement_error("Pull queries don't support this query shape: " + n->describe());
    }
    chain.push_back(n);
  }
  const PlanNode& source_node = *chain.back();
  const std::size_t width = source_node.layout.size();
  const std::size_t pseudo = 3 + (source_node.window ? 2 : 0);

  QueryHeader header;
  header.query_id = "transient_" + source->name + "_" + std::to_string(e.next_transient_number++);
  for (const auto& c : plan->root->layout) {
    header.column_names.push_back(c.name);
    header.column_types.push_back(type_to_string(c.type));
  }

  std::string alias = query.from.alias.empty() ? query.from.name : query.from.alias;
  std::vector<StateEntry> entries;
  // A query run as tasks keeps each partition's rows apart: their keys never overlap.
  std::vector<StateStore*> stores;
  if (tasks) {
    for (int32_t p : *tasks) {
      auto it = owner->tasks.find(p);
      if (it == owner->tasks.end() || !it->second.materialized)
        return Status::error(Errc::io_error, "Partition " + std::to_string(p) + " of " + source->name +
                                                    " is no longer kept by this server; retry the pull query");
      stores.push_back(it->second.materialized);
    }
  } else {
    stores = owner->materialized_stores();
  }
  auto prefixes = key_prefixes(query, source_node.layout, alias);
  for (StateStore* store : stores) {
    for (const auto& p : prefixes ? *prefixes : std::vector<std::string>{""}) {
      auto found = store->scan_prefix(p);
      entries.insert(entries.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    }
  }
  if (stores.size() > 1) {
    std::sort(entries.begin(), entries.end(), [](const StateEntry& a, const StateEntry& b) { return a.first < b.first; });
  }

  std::vector<PushRow> rows;
  EvalErrors errors;
  for (const auto& [key, bytes] : entries) {
    if (query.limit && rows.size() >= static_cast<std::size_t>(*query.limit)) break;
    auto decoded = decode_values(bytes);
    if (!decoded.ok()) continue;
    std::vector<Value> row = std::move(*decoded);
    // Columns added by ALTER after the row was stored read as NULL.
    if (row.size() < width && row.size() >= pseudo) {
      row.insert(row.end() - static_cast<std::ptrdiff_t>(pseudo), width - row.size(), Value());
    }
    if (row.size() != width) continue;
    bool keep = true;
    for (auto it = chain.rbegin(); keep && it != chain.rend(); ++it) {
      const PlanNode& n = **it;
      if (n.kind == PlanNode::Kind::filter) {
        keep = is_true(n.filter.predicate->eval(row, errors));
      } else if (n.kind == PlanNode::Kind::project) {
        std::vector<Value> out;
        out.reserve(n.project.exprs.size());
        for (const auto& expr : n.project.exprs) out.push_back(expr->eval(row, errors));
        row = std::move(out);
      }
    }
    if (!keep) continue;
    PushRow out;
    out.columns = nlohmann::json::array();
    for (std::size_t i = 0; i < plan->root->layout.size(); ++i) {
      out.columns.push_back(value_to_json(row[i], plan->root->layout[i].type));
    }
    rows.push_back(std::move(out));
  }
  return std::make_pair(std::move(header), std::move(rows));
}

}  // namespace tributary::sql
