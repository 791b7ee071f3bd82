// Arithmetic (+ - * / %), string concatenation and unary signs, with ksqlDB's numeric widening
// (INT < BIGINT < DECIMAL < DOUBLE) and DECIMAL precision/scale rules.
#include <cmath>

#include "sql/expression/internal.h"
#include "sql/expression/numeric.h"

namespace tributary::sql::expr {
namespace {

enum class Op { add, sub, mul, div, mod };
enum class Domain { i32, i64, f64, dec, text };

class ArithNode final : public Node {
 public:
  ArithNode(SqlType type, Op op, Domain domain, NodePtr l, NodePtr r)
      : Node(std::move(type)), op_(op), domain_(domain), l_(std::move(l)), r_(std::move(r)) {}

  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value s1, s2;
    const Value& a = eval_child(*l_, row, errors, s1);
    if (a.is_null()) return Value();
    const Value& b = eval_child(*r_, row, errors, s2);
    if (b.is_null()) return Value();
    switch (domain_) {
      case Domain::i32: return int_op<int32_t, uint32_t>(static_cast<int32_t>(as_i64(a)), static_cast<int32_t>(as_i64(b)), errors);
      case Domain::i64: return int_op<int64_t, uint64_t>(as_i64(a), as_i64(b), errors);
      case Domain::f64: return double_op(as_f64(a), as_f64(b));
      case Domain::dec: return decimal_op(as_decimal(a), as_decimal(b), errors);
      case Domain::text: return Value(a.as<std::string>() + b.as<std::string>());
    }
    return Value();
  }

 private:
  template <class T, class U>
  Value int_op(T x, T y, EvalErrors& errors) const {
    // Java integer semantics: wrap on overflow, truncating division, "/ by zero" errors.
    switch (op_) {
      case Op::add: return Value(static_cast<T>(static_cast<U>(x) + static_cast<U>(y)));
      case Op::sub: return Value(static_cast<T>(static_cast<U>(x) - static_cast<U>(y)));
      case Op::mul: return Value(static_cast<T>(static_cast<U>(x) * static_cast<U>(y)));
      case Op::div:
      case Op::mod:
        if (y == 0) {
          errors.add("/ by zero");
          return Value();
        }
        if (y == -1) return op_ == Op::div ? Value(static_cast<T>(U{0} - static_cast<U>(x))) : Value(T{0});
        return op_ == Op::div ? Value(static_cast<T>(x / y)) : Value(static_cast<T>(x % y));
    }
    return Value();
  }

  Value double_op(double x, double y) const {
    switch (op_) {
      case Op::add: return Value(x + y);
      case Op::sub: return Value(x - y);
      case Op::mul: return Value(x * y);
      case Op::div: return Value(x / y);
      case Op::mod: return Value(std::fmod(x, y));
    }
    return Value();
  }

  Value decimal_op(Decimal x, Decimal y, EvalErrors& errors) const {
    const int scale = type_.scale;
    switch (op_) {
      case Op::add:
      case Op::sub: {
        __int128 a = x.unscaled * pow10_i128(scale - x.scale);
        __int128 b = y.unscaled * pow10_i128(scale - y.scale);
        return Value(Decimal{op_ == Op::add ? a + b : a - b, scale});
      }
      case Op::mul: return Value(decimal_rescale(Decimal{x.unscaled * y.unscaled, x.scale + y.scale}, scale));
      case Op::div: {
        if (y.unscaled == 0) {
          errors.add("Division by zero");
          return Value();
        }
        // x / y at `scale`: (ux * 10^(scale + sy - sx)) / uy.
        int shift = scale + y.scale - x.scale;
        __int128 num = shift >= 0 ? x.unscaled * pow10_i128(shift) : x.unscaled;
        __int128 den = shift >= 0 ? y.unscaled : y.unscaled * pow10_i128(-shift);
        return Value(Decimal{div_half_up(num, den), scale});
      }
      case Op::mod: {
        if (y.unscaled == 0) {
          errors.add("Division by zero");
          return Value();
        }
        int s = std::max(x.scale, y.scale);
        __int128 a = x.unscaled * pow10_i128(s - x.scale);
        __int128 b = y.unscaled * pow10_i128(s - y.scale);
        return Value(decimal_rescale(Decimal{a % b, s}, scale));
      }
    }
    return Value();
  }

  Op op_;
  Domain domain_;
  NodePtr l_, r_;
};

SqlType as_decimal_type(const SqlType& t) { return t.kind == TypeKind::decimal ? t : decimal_for(t); }

SqlType decimal_result(Op op, const SqlType& a, const SqlType& b) {
  SqlType x = as_decimal_type(a), y = as_decimal_type(b);
  int p1 = x.precision, s1 = x.scale, p2 = y.precision, s2 = y.scale;
  int p = 0, s = 0;
  switch (op) {
    case Op::add:
    case Op::sub:
      s = std::max(s1, s2);
      p = std::max(p1 - s1, p2 - s2) + s + 1;
      break;
    case Op::mul:
      p = p1 + p2 + 1;
      s = s1 + s2;
      break;
    case Op::div:
      s = std::max(6, s1 + p2 + 1);
      p = p1 - s1 + s2 + s;
      break;
    case Op::mod:
      s = std::max(s1, s2);
      p = std::min(p1 - s1, p2 - s2) + s;
      break;
  }
  p = std::min(p, 38);
  s = std::min(s, p);
  return make_decimal(std::max(p, 1), s);
}

Op op_of(const std::string& text) {
  if (text == "-") return Op::sub;
  if (text == "*") return Op::mul;
  if (text == "/") return Op::div;
  if (text == "%") return Op::mod;
  return Op::add;
}

class NegateNode final : public Node {
 public:
  explicit NegateNode(NodePtr operand) : Node(operand->type()), operand_(std::move(operand)) {}
  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value s;
    const Value& v = eval_child(*operand_, row, errors, s);
    if (v.is<int32_t>()) return Value(static_cast<int32_t>(0u - static_cast<uint32_t>(v.as<int32_t>())));
    if (v.is<int64_t>()) return Value(static_cast<int64_t>(0ull - static_cast<uint64_t>(v.as<int64_t>())));
    if (v.is<double>()) return Value(-v.as<double>());
    if (v.is<Decimal>()) return Value(Decimal{-v.as<Decimal>().unscaled, v.as<Decimal>().scale});
    return Value();
  }

 private:
  NodePtr operand_;
};

}  // namespace

Result<NodePtr> bind_arithmetic(const Expr& e, BindContext& ctx) {
  auto l = bind_node(*e.args[0], ctx);
  if (!l.ok()) return l.status();
  auto r = bind_node(*e.args[1], ctx);
  if (!r.ok()) return r.status();
  NodePtr left = std::move(l.value()), right = std::move(r.value());
  // A NULL literal takes the other operand's type.
  if (left->is_null_literal() && !right->is_null_literal()) left = make_constant(Value(), right->type(), "null");
  if (right->is_null_literal() && !left->is_null_literal()) right = make_constant(Value(), left->type(), "null");
  const SqlType lt = left->type(), rt = right->type();
  const bool constant = left->is_constant() && right->is_constant();
  Op op = op_of(e.text);
  NodePtr node;
  if ((e.text == "||" || e.text == "+") && lt.kind == TypeKind::string && rt.kind == TypeKind::string) {
    node = std::make_unique<ArithNode>(make_type(TypeKind::string), Op::add, Domain::text, std::move(left), std::move(right));
  } else if (e.text != "||" && is_numeric(lt) && is_numeric(rt)) {
    SqlType result;
    Domain domain;
    if (lt.kind == TypeKind::double_ || rt.kind == TypeKind::double_) {
      result = make_type(TypeKind::double_);
      domain = Domain::f64;
    } else if (lt.kind == TypeKind::decimal || rt.kind == TypeKind::decimal) {
      result = decimal_result(op, lt, rt);
      domain = Domain::dec;
    } else if (lt.kind == TypeKind::bigint || rt.kind == TypeKind::bigint) {
      result = make_type(TypeKind::bigint);
      domain = Domain::i64;
    } else {
      result = make_type(TypeKind::int_);
      domain = Domain::i32;
    }
    node = std::make_unique<ArithNode>(std::move(result), op, domain, std::move(left), std::move(right));
  } else {
    return bind_error("Error processing expression: " + to_sql(e) + ". Unsupported arithmetic types. " +
                      type_to_string(lt) + " " + type_to_string(rt));
  }
  return fold_if_constant(std::move(node), constant);
}

Result<NodePtr> bind_negate(const Expr& e, BindContext& ctx) {
  auto operand = bind_node(*e.args[0], ctx);
  if (!operand.ok()) return operand.status();
  if (e.text == "+") {
    if (!is_numeric(operand.value()->type()) && !operand.value()->is_null_literal()) {
      return bind_error("Unsupported arithmetic type for unary plus: " + type_to_string(operand.value()->type()));
    }
    return std::move(operand.value());
  }
  if (operand.value()->is_null_literal()) return std::move(operand.value());
  if (!is_numeric(operand.value()->type())) {
    return bind_error("Unsupported arithmetic type for unary minus: " + to_sql(*e.args[0]) + " (" +
                      type_to_string(operand.value()->type()) + ")");
  }
  bool constant = operand.value()->is_constant();
  return fold_if_constant(std::make_unique<NegateNode>(std::move(operand.value())), constant);
}

}  // namespace tributary::sql::expr
