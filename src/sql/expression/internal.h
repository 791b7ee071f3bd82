// Shared pieces of the expression binder: the node base class every bound form derives from,
// the per-kind bind entry points, and helpers for coercion, equality and value text.
#pragma once

#include <string>
#include <vector>

#include "sql/expression/expression.h"

namespace tributary::sql::expr {

// Every bound node. `eval_ref` lets parents read a column or a constant without copying it
// (strings and containers would otherwise be copied per record).
class Node : public BoundExpr {
 public:
  explicit Node(SqlType type) { type_ = std::move(type); }
  virtual const Value& eval_ref(std::span<const Value> row, EvalErrors& errors, Value& scratch) const {
    scratch = eval(row, errors);
    return scratch;
  }
  // True for a folded constant (literal, or operators over literals only).
  virtual bool is_constant() const { return false; }
  // True for a bare NULL literal: its type adapts to where it is used.
  virtual bool is_null_literal() const { return false; }
  // The source text, for error messages ("Cannot compare X (INTEGER) to ...").
  std::string sql;
};
using NodePtr = std::unique_ptr<Node>;

Status bind_error(std::string message);

// Lambda parameters visible while binding a lambda body (innermost last).
struct LambdaParam {
  std::string name;
  SqlType type;
};

struct BindContext {
  const BindScope* scope = nullptr;
  const FunctionRegistry* functions = nullptr;
  std::vector<LambdaParam> lambda_params;
};

Result<NodePtr> bind_node(const Expr& e, BindContext& ctx);

// Per-kind binders (one file each).
Result<NodePtr> bind_literal(const Expr& e);
Result<NodePtr> bind_column(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_arithmetic(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_negate(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_comparison(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_distinct(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_between(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_logical(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_not(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_is_null(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_in(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_like(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_case(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_cast(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_function(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_lambda_function(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_dereference(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_subscript(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_array_ctor(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_map_ctor(const Expr& e, BindContext& ctx);
Result<NodePtr> bind_struct_ctor(const Expr& e, BindContext& ctx);
bool is_lambda_function(const std::string& upper_name);

// A folded constant of a given type.
NodePtr make_constant(Value v, SqlType type, std::string sql);
// Evaluates a constant node now (used to fold operators over literals); errors become bind errors.
Result<NodePtr> fold_if_constant(NodePtr node, bool all_args_constant);

// A node applying cast_value at run time (CAST, and implicit string -> temporal conversions).
NodePtr make_cast_node(NodePtr operand, SqlType target);

// Converts `node` to `target` (implicit widening, NULL literal adoption, literal coercion).
// Constants are converted at bind time so that a bad literal fails the statement.
Result<NodePtr> coerce_to(NodePtr node, const SqlType& target);

// The common type of several expressions as ksqlDB's coercion computes it for IN lists, CASE
// branches and constructors: numbers widen, string literals adopt the others' type (checked to
// parse), other literals become text when the others are STRING, structs merge their fields.
// Null literals are skipped; nullopt when all are null. `in_predicate` selects IN's wording.
Result<std::optional<SqlType>> common_type(const std::vector<const Node*>& nodes,
                                           const std::vector<const Expr*>& exprs, bool in_predicate);

// The implicit conversions ksqlDB applies without CAST (numeric widening, element-wise for
// containers, struct field unions).
bool implicitly_convertible(const SqlType& from, const SqlType& to);

// SQL equality of two non-NULL values of comparable types: numbers across widths, maps
// regardless of order, nested NULLs equal.
bool values_equal(const Value& a, const Value& b);
// Ordering of two non-NULL values of comparable scalar types.
int values_compare(const Value& a, const Value& b);

// Text forms as ksqlDB prints values in CAST(x AS STRING) and string concatenation.
std::string java_double_to_string(double d);
std::string value_to_text(const Value& v, const SqlType& type);
// ISO text parsing for TIMESTAMP / DATE / TIME; false on bad text.
bool parse_timestamp_text(std::string_view text, int64_t* millis);
bool parse_date_text(std::string_view text, int32_t* days);
bool parse_time_text(std::string_view text, int64_t* millis);
std::string format_timestamp(int64_t millis);
std::string format_date(int32_t days);
std::string format_time(int64_t millis);
// Lenient boolean text as ksqlDB accepts it ("t", "TrUe", "y", "no"...).
bool parse_boolean_text(std::string_view text, bool* out);

// Whether values of the two types may be compared; `ordering` for < <= > >= (not = <>).
bool comparable(const SqlType& a, const SqlType& b, bool ordering);
// Prepares two operands for comparison: a STRING compared with a TIMESTAMP/DATE/TIME is parsed
// as that type; a NULL literal adopts the other side's type.
Status prepare_comparison(NodePtr& left, NodePtr& right);

// Evaluates a child, returning a reference when the child can lend one.
inline const Value& eval_child(const Node& n, std::span<const Value> row, EvalErrors& errors, Value& scratch) {
  return n.eval_ref(row, errors, scratch);
}

}  // namespace tributary::sql::expr
