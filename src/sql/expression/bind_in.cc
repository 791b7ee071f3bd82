// x [NOT] IN (a, b, ...): every item is coerced to the common type of x and the items.
#include "sql/expression/internal.h"

namespace tributary::sql::expr {
namespace {

class InNode final : public Node {
 public:
  InNode(bool negated, NodePtr value, std::vector<NodePtr> items)
      : Node(make_type(TypeKind::boolean)), negated_(negated), value_(std::move(value)), items_(std::move(items)) {}
  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value s1, s2;
    const Value& v = eval_child(*value_, row, errors, s1);
    bool found = false;
    if (!v.is_null()) {
      for (const auto& item : items_) {
        const Value& candidate = eval_child(*item, row, errors, s2);
        if (!candidate.is_null() && values_equal(v, candidate)) {
          found = true;
          break;
        }
      }
    }
    return Value(negated_ ? !found : found);
  }

 private:
  bool negated_;
  NodePtr value_;
  std::vector<NodePtr> items_;
};

}  // namespace

Result<NodePtr> bind_in(const Expr& e, BindContext& ctx) {
  std::vector<NodePtr> nodes;
  std::vector<const Node*> raw;
  std::vector<const Expr*> exprs;
  for (const auto& arg : e.args) {
    auto n = bind_node(*arg, ctx);
    if (!n.ok()) return n.status();
    raw.push_back(n.value().get());
    exprs.push_back(arg.get());
    nodes.push_back(std::move(n.value()));
  }
  auto common = common_type(raw, exprs, true);
  if (!common.ok()) return common.status();
  bool constant = true;
  if (common.value()) {
    for (auto& n : nodes) {
      // Columns compare across numeric widths as they are; literals and structs need converting.
      if (!n->is_constant() && n->type().kind != TypeKind::struct_) {
        constant = false;
        continue;
      }
      auto c = coerce_to(std::move(n), *common.value());
      if (!c.ok()) return bind_error("Invalid Predicate: " + c.status().message());
      n = std::move(c.value());
      constant = constant && n->is_constant();
    }
  }
  NodePtr value = std::move(nodes.front());
  nodes.erase(nodes.begin());
  return fold_if_constant(std::make_unique<InNode>(e.negated, std::move(value), std::move(nodes)), constant);
}

}  // namespace tributary::sql::expr
