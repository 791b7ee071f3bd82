// CAST(x AS type) and the run-time conversion node shared with implicit coercions.
#include "sql/expression/internal.h"

namespace tributary::sql::expr {
namespace {

class CastNode final : public Node {
 public:
  CastNode(NodePtr operand, SqlType to) : Node(std::move(to)), operand_(std::move(operand)) {}
  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value s;
    const Value& v = eval_child(*operand_, row, errors, s);
    return cast_value(v, operand_->type(), type_, errors);
  }

 private:
  NodePtr operand_;
};

}  // namespace

NodePtr make_cast_node(NodePtr operand, SqlType target) {
  return std::make_unique<CastNode>(std::move(operand), std::move(target));
}

Result<NodePtr> bind_cast(const Expr& e, BindContext& ctx) {
  auto operand = bind_node(*e.args[0], ctx);
  if (!operand.ok()) return operand.status();
  const SqlType& to = *e.type;
  if (operand.value()->is_null_literal()) return make_constant(Value(), to, to_sql(e));
  const SqlType from = operand.value()->type();
  if (!can_cast(from, to)) {
    return bind_error("Cast of " + type_to_string(from) + " to " + type_to_string(to) + " is not supported");
  }
  if (type_equals(from, to)) return std::move(operand.value());
  bool constant = operand.value()->is_constant();
  return fold_if_constant(make_cast_node(std::move(operand.value()), to), constant);
}

}  // namespace tributary::sql::expr
