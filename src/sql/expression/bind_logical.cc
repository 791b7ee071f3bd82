// AND / OR / NOT with three-valued logic, and IS [NOT] NULL.
#include "sql/expression/internal.h"

namespace tributary::sql::expr {
namespace {

// 0 false, 1 true, 2 unknown.
inline int truth(const Value& v) { return v.is_null() ? 2 : (v.as<bool>() ? 1 : 0); }

class LogicalNode final : public Node {
 public:
  LogicalNode(bool is_and, NodePtr l, NodePtr r)
      : Node(make_type(TypeKind::boolean)), is_and_(is_and), l_(std::move(l)), r_(std::move(r)) {}
  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value s;
    int a = truth(eval_child(*l_, row, errors, s));
    // Short-circuit: FALSE AND x, TRUE OR x.
    if (is_and_ && a == 0) return Value(false);
    if (!is_and_ && a == 1) return Value(true);
    int b = truth(eval_child(*r_, row, errors, s));
    if (is_and_) {
      if (b == 0) return Value(false);
      return (a == 1 && b == 1) ? Value(true) : Value();
    }
    if (b == 1) return Value(true);
    return (a == 0 && b == 0) ? Value(false) : Value();
  }

 private:
  bool is_and_;
  NodePtr l_, r_;
};

class NotNode final : public Node {
 public:
  explicit NotNode(NodePtr operand) : Node(make_type(TypeKind::boolean)), operand_(std::move(operand)) {}
  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value s;
    const Value& v = eval_child(*operand_, row, errors, s);
    return v.is_null() ? Value() : Value(!v.as<bool>());
  }

 private:
  NodePtr operand_;
};

class IsNullNode final : public Node {
 public:
  IsNullNode(bool negated, NodePtr operand)
      : Node(make_type(TypeKind::boolean)), negated_(negated), operand_(std::move(operand)) {}
  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value s;
    bool null = eval_child(*operand_, row, errors, s).is_null();
    return Value(negated_ ? !null : null);
  }

 private:
  bool negated_;
  NodePtr operand_;
};

Result<NodePtr> bind_boolean_operand(const Expr& e, BindContext& ctx, const std::string& op) {
  auto n = bind_node(e, ctx);
  if (!n.ok()) return n.status();
  if (n.value()->is_null_literal()) return make_constant(Value(), make_type(TypeKind::boolean), "null");
  if (n.value()->type().kind != TypeKind::boolean) {
    return bind_error("Type error in " + op + " expression: Should evaluate to boolean but is " + n.value()->sql + " (" +
                      type_to_string(n.value()->type()) + ") instead.");
  }
  return n;
}

}  // namespace

Result<NodePtr> bind_logical(const Expr& e, BindContext& ctx) {
  auto l = bind_boolean_operand(*e.args[0], ctx, e.text);
  if (!l.ok()) return l.status();
  auto r = bind_boolean_operand(*e.args[1], ctx, e.text);
  if (!r.ok()) return r.status();
  bool constant = l.value()->is_constant() && r.value()->is_constant();
  return fold_if_constant(std::make_unique<LogicalNode>(e.text == "AND", std::move(l.value()), std::move(r.value())),
                          constant);
}

Result<NodePtr> bind_not(const Expr& e, BindContext& ctx) {
  auto operand = bind_boolean_operand(*e.args[0], ctx, "NOT");
  if (!operand.ok()) return operand.status();
  bool constant = operand.value()->is_constant();
  return fold_if_constant(std::make_unique<NotNode>(std::move(operand.value())), constant);
}

Result<NodePtr> bind_is_null(const Expr& e, BindContext& ctx) {
  auto operand = bind_node(*e.args[0], ctx);
  if (!operand.ok()) return operand.status();
  bool constant = operand.value()->is_constant();
  return fold_if_constant(std::make_unique<IsNullNode>(e.negated, std::move(operand.value())), constant);
}

}  // namespace tributary::sql::expr
