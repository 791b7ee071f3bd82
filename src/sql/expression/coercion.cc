// Implicit conversions and the common type of expression lists (IN, CASE, constructors).
#include "sql/expression/internal.h"

namespace tributary::sql::expr {
namespace {

int numeric_rank(TypeKind k) {
  switch (k) {
    case TypeKind::int_: return 0;
    case TypeKind::bigint: return 1;
    case TypeKind::decimal: return 2;
    default: return 3;
  }
}

bool is_literal(const Expr& e) {
  switch (e.kind) {
    case ExprKind::bool_literal:
    case ExprKind::integer_literal:
    case ExprKind::decimal_literal:
    case ExprKind::double_literal:
    case ExprKind::string_literal: return true;
    case ExprKind::unary: return e.text == "-" && is_literal(*e.args[0]);
    default: return false;
  }
}

std::optional<SqlType> merge(const SqlType& a, const SqlType& b) {
  if (type_equals(a, b)) return a;
  if (is_numeric(a) && is_numeric(b)) return widen_numeric(a, b);
  if (a.kind != b.kind) return std::nullopt;
  if (a.kind == TypeKind::array) {
    auto e = merge(a.params[0], b.params[0]);
    if (!e) return std::nullopt;
    return make_array(*e);
  }
  if (a.kind == TypeKind::map) {
    auto k = merge(a.params[0], b.params[0]);
    auto v = merge(a.params[1], b.params[1]);
    if (!k || !v) return std::nullopt;
    return make_map(*k, *v);
  }
  if (a.kind == TypeKind::struct_) {
    SqlType out = a;
    for (std::size_t i = 0; i < b.fields.size(); ++i) {
      bool found = false;
      for (std::size_t j = 0; j < out.fields.size(); ++j) {
        if (out.fields[j] != b.fields[i]) continue;
        auto f = merge(out.params[j], b.params[i]);
        if (!f) return std::nullopt;
        out.params[j] = *f;
        found = true;
      }
      if (!found) {
        out.fields.push_back(b.fields[i]);
        out.params.push_back(b.params[i]);
      }
    }
    return out;
  }
  return std::nullopt;
}

Status invalid_syntax(const SqlType& target, const std::string& text) {
  std::string type = target.kind == TypeKind::decimal ? "DECIMAL" : type_to_string(target);
  return bind_error("invalid input syntax for type " + type + ": \"" + text + "\".");
}

// The type an expression takes once its string literals adopt `target` (checked to parse).
Result<SqlType> adjust(const Expr& e, const SqlType& type, const SqlType& target) {
  if (e.kind == ExprKind::null_literal) return target;
  if (e.kind == ExprKind::string_literal) {
    if (target.kind == TypeKind::string) return type;
    if (target.kind == TypeKind::array || target.kind == TypeKind::map || target.kind == TypeKind::struct_) return type;
    EvalErrors errors;
    Value v = cast_value(Value(e.text), type, target, errors);
    if (!errors.messages.empty() || v.is_null()) return invalid_syntax(target, e.text);
    return target;
  }
  if (e.kind == ExprKind::struct_ctor && target.kind == TypeKind::struct_ && type.kind == TypeKind::struct_) {
    SqlType out = type;
    for (std::size_t i = 0; i < out.fields.size() && i < e.args.size(); ++i) {
      for (std::size_t j = 0; j < target.fields.size(); ++j) {
        if (target.fields[j] != out.fields[i]) continue;
        auto f = adjust(*e.args[i], out.params[i], target.params[j]);
        if (!f.ok()) return f.status();
        out.params[i] = f.value();
      }
    }
    return out;
  }
  if (e.kind == ExprKind::array_ctor && target.kind == TypeKind::array && type.kind == TypeKind::array) {
    SqlType element = type.params[0];
    for (const auto& arg : e.args) {
      auto f = adjust(*arg, type.params[0], target.params[0]);
      if (!f.ok()) return f.status();
      if (!type_equals(f.value(), type.params[0])) element = f.value();
    }
    return make_array(element);
  }
  if (e.kind == ExprKind::map_ctor && target.kind == TypeKind::map && type.kind == TypeKind::map) {
    SqlType key = type.params[0], value = type.params[1];
    for (std::size_t i = 0; i + 1 < e.args.size(); i += 2) {
      auto k = adjust(*e.args[i], type.params[0], target.params[0]);
      if (!k.ok()) return k.status();
      if (!type_equals(k.value(), type.params[0])) key = k.value();
      auto v = adjust(*e.args[i + 1], type.params[1], target.params[1]);
      if (!v.ok()) return v.status();
      if (!type_equals(v.value(), type.params[1])) value = v.value();
    }
    return make_map(key, value);
  }
  return type;
}

}  // namespace

bool implicitly_convertible(const SqlType& from, const SqlType& to) {
  if (type_equals(from, to)) return true;
  if (is_numeric(from) && is_numeric(to)) return numeric_rank(from.kind) <= numeric_rank(to.kind);
  if (from.kind != to.kind) return false;
  if (from.kind == TypeKind::array) return implicitly_convertible(from.params[0], to.params[0]);
  if (from.kind == TypeKind::map) {
    return implicitly_convertible(from.params[0], to.params[0]) && implicitly_convertible(from.params[1], to.params[1]);
  }
  if (from.kind == TypeKind::struct_) {
    for (std::size_t i = 0; i < from.fields.size(); ++i) {
      bool ok = false;
      for (std::size_t j = 0; j < to.fields.size(); ++j) {
        if (to.fields[j] == from.fields[i]) ok = implicitly_convertible(from.params[i], to.params[j]);
      }
      if (!ok) return false;
    }
    return true;
  }
  return from.kind == to.kind && from.kind != TypeKind::decimal;
}

Result<std::optional<SqlType>> common_type(const std::vector<const Node*>& nodes,
                                           const std::vector<const Expr*>& exprs, bool in_predicate) {
  const std::string prefix = in_predicate ? "Invalid Predicate: " : "";
  auto with_prefix = [&](const Status& s) { return bind_error(prefix + s.message()); };
  std::optional<SqlType> target;
  bool target_from_string_literals = false;
  std::vector<std::size_t> string_literals;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& node = *nodes[i];
    const Expr& e = *exprs[i];
    if (node.is_null_literal()) continue;
    bool string_literal = e.kind == ExprKind::string_literal;
    if (string_literal) string_literals.push_back(i);
    if (!target) {
      target = node.type();
      target_from_string_literals = string_literal;
      continue;
    }
    if (target->kind == TypeKind::string && target_from_string_literals && !string_literal &&
        node.type().kind != TypeKind::string) {
      // Earlier string literals now adopt this expression's type.
      target = node.type();
      target_from_string_literals = false;
      for (std::size_t j : string_literals) {
        auto a = adjust(*exprs[j], nodes[j]->type(), *target);
        if (!a.ok()) return with_prefix(a.status());
      }
      continue;
    }
    if (target->kind == TypeKind::string && is_literal(e)) continue;  // becomes its text
    auto adjusted = adjust(e, node.type(), *target);
    if (!adjusted.ok()) return with_prefix(adjusted.status());
    auto merged = merge(*target, adjusted.value());
    if (!merged) {
      std::string msg = "operator does not exist: " + type_to_string(*target) + " = " + type_to_string(node.type()) +
                        " (" + node.sql + ")";
      if (in_predicate) msg += "\nHint: You might need to add explicit type casts.";
      return bind_error(prefix + msg);
    }
    target = *merged;
  }
  return target;
}

Result<NodePtr> coerce_to(NodePtr node, const SqlType& target) {
  if (type_equals(node->type(), target)) return node;
  if (node->is_null_literal()) return make_constant(Value(), target, node->sql);
  if (node->is_constant()) {
    EvalErrors errors;
    Value v = cast_value(node->eval({}, errors), node->type(), target, errors);
    if (!errors.messages.empty()) return bind_error(errors.messages.front());
    return make_constant(std::move(v), target, node->sql);
  }
  std::string sql = node->sql;
  NodePtr cast = make_cast_node(std::move(node), target);
  cast->sql = std::move(sql);
  return cast;
}

}  // namespace tributary::sql::expr
