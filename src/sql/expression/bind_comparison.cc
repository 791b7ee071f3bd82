// Comparisons (= <> < <= > >=), IS [NOT] DISTINCT FROM and BETWEEN. As in ksqlDB, a comparison
// with a NULL operand is false (never NULL), so NOT (a = NULL) is true.
#include "sql/expression/internal.h"

namespace tributary::sql::expr {
namespace {

enum class CmpOp { eq, ne, lt, le, gt, ge };

bool is_temporal(TypeKind k) { return k == TypeKind::timestamp || k == TypeKind::date || k == TypeKind::time; }
bool is_container(TypeKind k) { return k == TypeKind::array || k == TypeKind::map || k == TypeKind::struct_; }

bool apply(CmpOp op, int c) {
  switch (op) {
    case CmpOp::eq: return c == 0;
    case CmpOp::ne: return c != 0;
    case CmpOp::lt: return c < 0;
    case CmpOp::le: return c <= 0;
    case CmpOp::gt: return c > 0;
    case CmpOp::ge: return c >= 0;
  }
  return false;
}

bool compare(CmpOp op, const Value& a, const Value& b) {
  if (op == CmpOp::eq) return values_equal(a, b);
  if (op == CmpOp::ne) return !values_equal(a, b);
  return apply(op, values_compare(a, b));
}

class CompareNode final : public Node {
 public:
  CompareNode(CmpOp op, NodePtr l, NodePtr r)
      : Node(make_type(TypeKind::boolean)), op_(op), l_(std::move(l)), r_(std::move(r)) {}
  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value s1, s2;
    const Value& a = eval_child(*l_, row, errors, s1);
    if (a.is_null()) return Value(false);
    const Value& b = eval_child(*r_, row, errors, s2);
    if (b.is_null()) return Value(false);
    return Value(compare(op_, a, b));
  }

 private:
  CmpOp op_;
  NodePtr l_, r_;
};

class DistinctNode final : public Node {
 public:
  DistinctNode(bool negated, NodePtr l, NodePtr r)
      : Node(make_type(TypeKind::boolean)), negated_(negated), l_(std::move(l)), r_(std::move(r)) {}
  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value s1, s2;
    const Value& a = eval_child(*l_, row, errors, s1);
    const Value& b = eval_child(*r_, row, errors, s2);
    bool same = (a.is_null() || b.is_null()) ? (a.is_null() && b.is_null()) : values_equal(a, b);
    return Value(negated_ ? same : !same);
  }

 private:
  bool negated_;
  NodePtr l_, r_;
};

class BetweenNode final : public Node {
 public:
  BetweenNode(bool negated, NodePtr v, NodePtr lo, NodePtr hi)
      : Node(make_type(TypeKind::boolean)), negated_(negated), v_(std::move(v)), lo_(std::move(lo)), hi_(std::move(hi)) {}
  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value s1, s2, s3;
    const Value& v = eval_child(*v_, row, errors, s1);
    const Value& lo = eval_child(*lo_, row, errors, s2);
    const Value& hi = eval_child(*hi_, row, errors, s3);
    bool in = !v.is_null() && !lo.is_null() && !hi.is_null() && values_compare(v, lo) >= 0 &&
              values_compare(v, hi) <= 0;
    return Value(negated_ ? !in : in);
  }

 private:
  bool negated_;
  NodePtr v_, lo_, hi_;
};

CmpOp op_of(const std::string& t) {
  if (t == "=") return CmpOp::eq;
  if (t == "!=" || t == "<>") return CmpOp::ne;
  if (t == "<") return CmpOp::lt;
  if (t == "<=") return CmpOp::le;
  if (t == ">") return CmpOp::gt;
  return CmpOp::ge;
}

const char* op_name(CmpOp op) {
  switch (op) {
    case CmpOp::eq: return "EQUAL";
    case CmpOp::ne: return "NOT_EQUAL";
    case CmpOp::lt: return "LESS_THAN";
    case CmpOp::le: return "LESS_THAN_OR_EQUAL";
    case CmpOp::gt: return "GREATER_THAN";
    case CmpOp::ge: return "GREATER_THAN_OR_EQUAL";
  }
  return "?";
}

Status cannot_compare(const Node& l, const Node& r, const std::string& op) {
  return bind_error("Cannot compare " + l.sql + " (" + type_to_string(l.type()) + ") to " + r.sql + " (" +
                    type_to_string(r.type()) + ") with " + op + ".");
}

Result<std::pair<NodePtr, NodePtr>> bind_pair(const Expr& a, const Expr& b, BindContext& ctx) {
  auto l = bind_node(a, ctx);
  if (!l.ok()) return l.status();
  auto r = bind_node(b, ctx);
  if (!r.ok()) return r.status();
  return std::make_pair(std::move(l.value()), std::move(r.value()));
}

}  // namespace

bool comparable(const SqlType& a, const SqlType& b, bool ordering) {
  if (is_numeric(a) && is_numeric(b)) return true;
  if (is_temporal(a.kind) && is_temporal(b.kind)) {
    return a.kind == b.kind || (a.kind != TypeKind::time && b.kind != TypeKind::time);
  }
  if ((a.kind == TypeKind::string && is_temporal(b.kind)) || (b.kind == TypeKind::string && is_temporal(a.kind))) return true;
  if (is_container(a.kind) || is_container(b.kind)) {
    if (ordering || a.kind != b.kind) return false;
    return implicitly_convertible(a, b) || implicitly_convertible(b, a);
  }
  return a.kind == b.kind;
}

Status prepare_comparison(NodePtr& left, NodePtr& right) {
  if (left->is_null_literal() && !right->is_null_literal()) left = make_constant(Value(), right->type(), left->sql);
  if (right->is_null_literal() && !left->is_null_literal()) right = make_constant(Value(), left->type(), right->sql);
  auto to_temporal = [](NodePtr& side, const SqlType& target) -> Status {
    if (side->type().kind != TypeKind::string || !is_temporal(target.kind)) return Status();
    bool constant = side->is_constant();
    auto converted = fold_if_constant(make_cast_node(std::move(side), target), constant);
    if (!converted.ok()) return converted.status();
    side = std::move(converted.value());
    return Status();
  };
  SqlType lt = left->type(), rt = right->type();
  TRY_STATUS(to_temporal(left, rt));
  TRY_STATUS(to_temporal(right, lt));
  return Status();
}

Result<NodePtr> bind_comparison(const Expr& e, BindContext& ctx) {
  auto pair = bind_pair(*e.args[0], *e.args[1], ctx);
  if (!pair.ok()) return pair.status();
  auto& [l, r] = pair.value();
  CmpOp op = op_of(e.text);
  bool ordering = op != CmpOp::eq && op != CmpOp::ne;
  if (!l->is_null_literal() && !r->is_null_literal() && !comparable(l->type(), r->type(), ordering)) {
    return cannot_compare(*l, *r, op_name(op));
  }
  TRY_STATUS(prepare_comparison(l, r));
  bool constant = l->is_constant() && r->is_constant();
  return fold_if_constant(std::make_unique<CompareNode>(op, std::move(l), std::move(r)), constant);
}

Result<NodePtr> bind_distinct(const Expr& e, BindContext& ctx) {
  auto pair = bind_pair(*e.args[0], *e.args[1], ctx);
  if (!pair.ok()) return pair.status();
  auto& [l, r] = pair.value();
  if (!l->is_null_literal() && !r->is_null_literal() && !comparable(l->type(), r->type(), false)) {
    return cannot_compare(*l, *r, e.negated ? "IS_NOT_DISTINCT_FROM" : "IS_DISTINCT_FROM");
  }
  TRY_STATUS(prepare_comparison(l, r));
  bool constant = l->is_constant() && r->is_constant();
  return fold_if_constant(std::make_unique<DistinctNode>(e.negated, std::move(l), std::move(r)), constant);
}

Result<NodePtr> bind_between(const Expr& e, BindContext& ctx) {
  std::vector<NodePtr> nodes;
  for (const auto& arg : e.args) {
    auto n = bind_node(*arg, ctx);
    if (!n.ok()) return n.status();
    nodes.push_back(std::move(n.value()));
  }
  for (int i = 1; i <= 2; ++i) {
    if (!nodes[0]->is_null_literal() && !nodes[i]->is_null_literal() &&
        !comparable(nodes[0]->type(), nodes[i]->type(), true)) {
      return cannot_compare(*nodes[0], *nodes[i], "BETWEEN");
    }
    TRY_STATUS(prepare_comparison(nodes[0], nodes[i]));
  }
  bool constant = nodes[0]->is_constant() && nodes[1]->is_constant() && nodes[2]->is_constant();
  return fold_if_constant(
      std::make_unique<BetweenNode>(e.negated, std::move(nodes[0]), std::move(nodes[1]), std::move(nodes[2])), constant);
}

}  // namespace tributary::sql::expr
