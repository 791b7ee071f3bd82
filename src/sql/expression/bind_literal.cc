// Literals and folded constants.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "sql/expression/internal.h"

namespace tributary::sql::expr {
namespace {

class ConstantNode final : public Node {
 public:
  ConstantNode(Value v, SqlType type, bool null_literal) : Node(std::move(type)), value_(std::move(v)), null_literal_(null_literal) {}
  Value eval(std::span<const Value>, EvalErrors&) const override { return value_; }
  const Value& eval_ref(std::span<const Value>, EvalErrors&, Value&) const override { return value_; }
  bool is_constant() const override { return true; }
  bool is_null_literal() const override { return null_literal_; }

 private:
  Value value_;
  bool null_literal_;
};

Result<NodePtr> integer_literal(const std::string& text) {
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno == ERANGE || end == text.c_str() || *end != '\0') return bind_error("Invalid numeric literal: " + text);
  if (v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max()) {
    return make_constant(Value(static_cast<int32_t>(v)), make_type(TypeKind::int_), text);
  }
  return make_constant(Value(static_cast<int64_t>(v)), make_type(TypeKind::bigint), text);
}

Result<NodePtr> decimal_literal(const std::string& text) {
  Decimal d;
  if (!decimal_from_string(text, &d)) return bind_error("Invalid numeric literal: " + text);
  // Precision counts the significant digits, at least the scale: 1.50 is DECIMAL(3, 2), 0.05 DECIMAL(2, 2).
  int precision = std::max(decimal_digits(d), d.scale);
  if (precision > 38) return bind_error("Invalid numeric literal: " + text);
  return make_constant(Value(d), make_decimal(precision, d.scale), text);
}

}  // namespace

NodePtr make_constant(Value v, SqlType type, std::string sql) {
  auto node = std::make_unique<ConstantNode>(std::move(v), std::move(type), false);
  node->sql = std::move(sql);
  return node;
}

Result<NodePtr> bind_literal(const Expr& e) {
  switch (e.kind) {
    case ExprKind::null_literal: {
      // STRING stands in for "unknown" until the literal is coerced where it is used.
      auto node = std::make_unique<ConstantNode>(Value(), make_type(TypeKind::string), true);
      node->sql = "null";
      return NodePtr(std::move(node));
    }
    case ExprKind::bool_literal: {
      bool b = e.text == "TRUE" || e.text == "true";
      return make_constant(Value(b), make_type(TypeKind::boolean), b ? "true" : "false");  // ksqlDB prints lower case
    }
    case ExprKind::integer_literal: return integer_literal(e.text);
    case ExprKind::decimal_literal: return decimal_literal(e.text);
    case ExprKind::double_literal: {
      char* end = nullptr;
      errno = 0;
      double d = std::strtod(e.text.c_str(), &end);
      if (errno == ERANGE && (d == HUGE_VAL || d == -HUGE_VAL)) return bind_error("Number overflows DOUBLE: " + e.text);
      return make_constant(Value(d), make_type(TypeKind::double_), e.text);
    }
    case ExprKind::string_literal: return make_constant(Value(e.text), make_type(TypeKind::string), quote_string(e.text));
    default: break;
  }
  return bind_error("Not a literal: " + to_sql(e));
}

}  // namespace tributary::sql::expr
