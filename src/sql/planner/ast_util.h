// Small AST helpers the planner needs: structural comparison of expressions, rewriting of
// sub-trees, aggregate detection, ksqlDB's default column names and durations.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "sql/functions/function_registry.h"
#include "sql/parser/ast_statement.h"

namespace tributary::sql {

// SQL text of the expression with column qualifiers removed: two expressions that name the same
// thing (`T.DATA` and `DATA` in a single-source query) print alike.
std::string unqualified_sql(const Expr& e);
// As ksqlDB names columns after a join in messages: `I1.BAR` prints as I1_BAR.
std::string joined_sql(const Expr& e);
// SQL text ksqlDB prints for an expression in messages: like to_sql, qualifiers kept.
std::string expr_text(const Expr& e);

// Copies the tree, replacing every sub-tree for which `replace` returns a node.
ExprPtr rewrite(const ExprPtr& e, const std::function<ExprPtr(const Expr&)>& replace);
ExprPtr column_ref(const std::string& name, const std::string& qualifier = "");

bool is_aggregate_call(const Expr& e, const FunctionRegistry& functions);
bool contains_aggregate(const Expr& e, const FunctionRegistry& functions);
// Aggregate calls in the tree, outermost first (nested aggregates are left inside their parent).
void collect_aggregates(const ExprPtr& e, const FunctionRegistry& functions, std::vector<ExprPtr>& out);
// Column references in the tree (not inside lambda bodies' own parameters).
void collect_columns(const ExprPtr& e, std::vector<const Expr*>& out);

// The name ksqlDB gives a select item without alias: a column's name, a struct field's name, or
// nullopt when a KSQL_COL_n name must be generated.
std::optional<std::string> default_column_name(const Expr& e);

int64_t duration_ms(const Duration& d);
Result<int64_t> parse_duration_text(const std::string& text);  // "30 SECONDS" (WINDOW_SIZE)

// A column reference `name` (optionally qualified) as the user wrote it, for messages.
std::string column_text(const Expr& e);

std::string upper(std::string s);

}  // namespace tributary::sql
