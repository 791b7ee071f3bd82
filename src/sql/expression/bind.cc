// Entry points: dispatch on the AST node kind to the per-form binders, and constant folding.
#include "sql/expression/internal.h"

namespace tributary::sql {
namespace expr {

Status bind_error(std::string message) { return Status::error(Errc::invalid_argument, std::move(message)); }

Result<NodePtr> bind_node(const Expr& e, BindContext& ctx) {
  Result<NodePtr> r = [&]() -> Result<NodePtr> {
    switch (e.kind) {
      case ExprKind::null_literal:
      case ExprKind::bool_literal:
      case ExprKind::integer_literal:
      case ExprKind::decimal_literal:
      case ExprKind::double_literal:
      case ExprKind::string_literal: return bind_literal(e);
      case ExprKind::column: return bind_column(e, ctx);
      case ExprKind::variable: return bind_error("Unresolved variable: ${" + e.text + "}");
      case ExprKind::unary:
        if (e.text == "NOT") return bind_not(e, ctx);
        return bind_negate(e, ctx);
      case ExprKind::binary:
        if (e.text == "AND" || e.text == "OR") return bind_logical(e, ctx);
        if (e.text == "+" || e.text == "-" || e.text == "*" || e.text == "/" || e.text == "%" || e.text == "||") {
          return bind_arithmetic(e, ctx);
        }
        return bind_comparison(e, ctx);
      case ExprKind::is_null: return bind_is_null(e, ctx);
      case ExprKind::is_distinct: return bind_distinct(e, ctx);
      case ExprKind::between: return bind_between(e, ctx);
      case ExprKind::in_list: return bind_in(e, ctx);
      case ExprKind::like: return bind_like(e, ctx);
      case ExprKind::case_: return bind_case(e, ctx);
      case ExprKind::cast: return bind_cast(e, ctx);
      case ExprKind::function_call:
        if (is_lambda_function(e.text)) return bind_lambda_function(e, ctx);
        return bind_function(e, ctx);
      case ExprKind::lambda: return bind_error("Lambda expression " + to_sql(e) + " is only allowed as a function argument");
      case ExprKind::dereference: return bind_dereference(e, ctx);
      case ExprKind::subscript: return bind_subscript(e, ctx);
      case ExprKind::array_ctor: return bind_array_ctor(e, ctx);
      case ExprKind::map_ctor: return bind_map_ctor(e, ctx);
      case ExprKind::struct_ctor: return bind_struct_ctor(e, ctx);
    }
    return bind_error("Unsupported expression: " + to_sql(e));
  }();
  if (r.ok() && r.value()->sql.empty()) r.value()->sql = to_sql(e);
  return r;
}

Result<NodePtr> fold_if_constant(NodePtr node, bool all_args_constant) {
  if (!all_args_constant) return node;
  EvalErrors errors;
  Value v = node->eval({}, errors);
  // A failing constant (1 / 0, CAST('x' AS INT)) stays a run-time node: it reports per record.
  if (!errors.messages.empty()) return node;
  SqlType type = node->type();
  return make_constant(std::move(v), std::move(type), std::move(node->sql));
}

}  // namespace expr

Result<BoundExprPtr> bind_expression(const Expr& expr, const BindScope& scope, const BindOptions& options) {
  expr::BindContext ctx;
  ctx.scope = &scope;
  ctx.functions = options.functions ? options.functions : &FunctionRegistry::builtin();
  auto bound = expr::bind_node(expr, ctx);
  if (!bound.ok()) return bound.status();
  return BoundExprPtr(std::move(bound.value()));
}

Result<Value> evaluate_constant(const Expr& expr, SqlType* type_out) {
  ListScope empty({});
  auto bound = bind_expression(expr, empty);
  if (!bound.ok()) return bound.status();
  EvalErrors errors;
  Value v = bound.value()->eval({}, errors);
  if (!errors.messages.empty()) return Status::error(Errc::invalid_argument, errors.messages.front());
  if (type_out) *type_out = bound.value()->type();
  return v;
}

}  // namespace tributary::sql
