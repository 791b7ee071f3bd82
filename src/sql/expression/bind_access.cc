// Struct dereference (s->f), array subscripts (1-based, negative counts from the end, out of
// range is NULL) and map lookups (missing key is NULL).
#include <cctype>

#include "sql/expression/internal.h"
#include "sql/expression/numeric.h"

namespace tributary::sql::expr {
namespace {

class FieldNode final : public Node {
 public:
  FieldNode(SqlType type, NodePtr base, std::size_t index) : Node(std::move(type)), base_(std::move(base)), index_(index) {}
  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value s;
    const Value& v = eval_child(*base_, row, errors, s);
    if (!v.is_struct()) return Value();
    const StructFields& fields = v.as_struct();
    return index_ < fields.size() ? fields[index_] : Value();
  }

 private:
  NodePtr base_;
  std::size_t index_;
};

class ArrayIndexNode final : public Node {
 public:
  ArrayIndexNode(SqlType type, NodePtr base, NodePtr index) : Node(std::move(type)), base_(std::move(base)), index_(std::move(index)) {}
  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value s1, s2;
    const Value& v = eval_child(*base_, row, errors, s1);
    if (!v.is_array()) return Value();
    const Value& i = eval_child(*index_, row, errors, s2);
    if (i.is_null()) return Value();
    const Array& items = v.as_array();
    int64_t n = static_cast<int64_t>(items.size());
    int64_t k = as_i64(i);
    int64_t pos = k > 0 ? k - 1 : (k < 0 ? n + k : -1);
    return (pos >= 0 && pos < n) ? items[pos] : Value();
  }

 private:
  NodePtr base_, index_;
};

class MapLookupNode final : public Node {
 public:
  MapLookupNode(SqlType type, NodePtr base, NodePtr key) : Node(std::move(type)), base_(std::move(base)), key_(std::move(key)) {}
  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value s1, s2;
    const Value& v = eval_child(*base_, row, errors, s1);
    if (!v.is_map()) return Value();
    const Value& key = eval_child(*key_, row, errors, s2);
    if (key.is_null()) return Value();
    for (const auto& [k, val] : v.as_map()) {
      if (!k.is_null() && values_equal(k, key)) return val;
    }
    return Value();
  }

 private:
  NodePtr base_, key_;
};

bool iequals(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace

Result<NodePtr> bind_dereference(const Expr& e, BindContext& ctx) {
  auto base = bind_node(*e.args[0], ctx);
  if (!base.ok()) return base.status();
  const SqlType t = base.value()->type();
  if (t.kind != TypeKind::struct_) {
    return bind_error("Can't dereference " + to_sql(e) + ": " + base.value()->sql + " is " + type_to_string(t) +
                      ", not a STRUCT");
  }
  std::optional<std::size_t> index;
  for (std::size_t i = 0; i < t.fields.size() && !index; ++i) {
    if (t.fields[i] == e.text) index = i;
  }
  for (std::size_t i = 0; i < t.fields.size() && !index; ++i) {
    if (iequals(t.fields[i], e.text)) index = i;
  }
  if (!index) return bind_error("Could not find field '" + e.text + "' in '" + base.value()->sql + "'.");
  bool constant = base.value()->is_constant();
  return fold_if_constant(std::make_unique<FieldNode>(t.params[*index], std::move(base.value()), *index), constant);
}

Result<NodePtr> bind_subscript(const Expr& e, BindContext& ctx) {
  auto base = bind_node(*e.args[0], ctx);
  if (!base.ok()) return base.status();
  auto index = bind_node(*e.args[1], ctx);
  if (!index.ok()) return index.status();
  const SqlType t = base.value()->type();
  bool constant = base.value()->is_constant() && index.value()->is_constant();
  if (t.kind == TypeKind::array) {
    NodePtr i = std::move(index.value());
    if (i->is_null_literal()) i = make_constant(Value(), make_type(TypeKind::int_), "null");
    if (!is_integral(i->type())) {
      return bind_error("Array index must be INTEGER or BIGINT, got " + i->sql + " (" + type_to_string(i->type()) + ")");
    }
    return fold_if_constant(std::make_unique<ArrayIndexNode>(t.params[0], std::move(base.value()), std::move(i)), constant);
  }
  if (t.kind == TypeKind::map) {
    NodePtr key = std::move(index.value());
    if (!type_equals(key->type(), t.params[0])) {
      if (!key->is_null_literal() && !(key->is_constant() && can_cast(key->type(), t.params[0])) &&
          !(is_numeric(key->type()) && is_numeric(t.params[0]))) {
        return bind_error("Map key " + key->sql + " (" + type_to_string(key->type()) + ") does not match the key type of " +
                          base.value()->sql + " (" + type_to_string(t) + ")");
      }
      if (key->is_constant()) {
        auto k = coerce_to(std::move(key), t.params[0]);
        if (!k.ok()) return k.status();
        key = std::move(k.value());
      }
    }
    return fold_if_constant(std::make_unique<MapLookupNode>(t.params[1], std::move(base.value()), std::move(key)), constant);
  }
  return bind_error("Can't subscript " + base.value()->sql + " of type " + type_to_string(t) + ": not an ARRAY or MAP");
}

}  // namespace tributary::sql::expr
