// CASE [operand] WHEN ... THEN ... [ELSE ...] END: searched and simple forms. Branches share a
// common type; only the taken branch is evaluated.
#include "sql/expression/internal.h"

namespace tributary::sql::expr {
namespace {

class CaseNode final : public Node {
 public:
  CaseNode(SqlType type, NodePtr operand, std::vector<NodePtr> whens, std::vector<NodePtr> thens, NodePtr otherwise)
      : Node(std::move(type)), operand_(std::move(operand)), whens_(std::move(whens)), thens_(std::move(thens)),
        else_(std::move(otherwise)) {}

  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value s1, s2;
    const Value* subject = operand_ ? &eval_child(*operand_, row, errors, s1) : nullptr;
    for (std::size_t i = 0; i < whens_.size(); ++i) {
      const Value& w = eval_child(*whens_[i], row, errors, s2);
      bool taken = subject ? (!subject->is_null() && !w.is_null() && values_equal(*subject, w))
                           : (!w.is_null() && w.as<bool>());
      if (taken) return thens_[i]->eval(row, errors);
    }
    return else_ ? else_->eval(row, errors) : Value();
  }

 private:
  NodePtr operand_;
  std::vector<NodePtr> whens_, thens_;
  NodePtr else_;
};

}  // namespace

Result<NodePtr> bind_case(const Expr& e, BindContext& ctx) {
  NodePtr operand;
  if (e.args.front()) {
    auto n = bind_node(*e.args.front(), ctx);
    if (!n.ok()) return n.status();
    operand = std::move(n.value());
  }
  std::vector<NodePtr> whens, results;
  std::vector<const Node*> raw;
  std::vector<const Expr*> exprs;
  for (std::size_t i = 1; i + 2 < e.args.size(); i += 2) {
    auto w = bind_node(*e.args[i], ctx);
    if (!w.ok()) return w.status();
    NodePtr when = std::move(w.value());
    if (operand) {
      if (!when->is_null_literal() && !operand->is_null_literal() && !comparable(operand->type(), when->type(), false)) {
        return bind_error("Invalid Case expression. Operand " + operand->sql + " (" + type_to_string(operand->type()) +
                          ") cannot be compared to " + when->sql + " (" + type_to_string(when->type()) + ")");
      }
      TRY_STATUS(prepare_comparison(operand, when));
    } else if (!when->is_null_literal() && when->type().kind != TypeKind::boolean) {
      return bind_error("WHEN operand type should be boolean. Type for '" + when->sql + "' is " +
                        type_to_string(when->type()));
    }
    whens.push_back(std::move(when));
    auto t = bind_node(*e.args[i + 1], ctx);
    if (!t.ok()) return t.status();
    raw.push_back(t.value().get());
    exprs.push_back(e.args[i + 1].get());
    results.push_back(std::move(t.value()));
  }
  if (e.args.back()) {
    auto t = bind_node(*e.args.back(), ctx);
    if (!t.ok()) return t.status();
    raw.push_back(t.value().get());
    exprs.push_back(e.args.back().get());
    results.push_back(std::move(t.value()));
  }
  auto common = common_type(raw, exprs, false);
  if (!common.ok()) return bind_error("Invalid Case expression. " + common.status().message());
  if (!common.value()) return bind_error("Invalid Case expression. All case branches have NULL type");
  for (auto& r : results) {
    auto c = coerce_to(std::move(r), *common.value());
    if (!c.ok()) return c.status();
    r = std::move(c.value());
  }
  NodePtr otherwise;
  if (e.args.back()) {
    otherwise = std::move(results.back());
    results.pop_back();
  }
  return NodePtr(std::make_unique<CaseNode>(*common.value(), std::move(operand), std::move(whens), std::move(results),
                                            std::move(otherwise)));
}

}  // namespace tributary::sql::expr

