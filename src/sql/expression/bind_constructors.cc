// ARRAY[...], MAP(k := v, ...) and STRUCT(name := v, ...) constructors.
#include <set>

#include "sql/expression/internal.h"

namespace tributary::sql::expr {
namespace {

class ArrayNode final : public Node {
 public:
  ArrayNode(SqlType type, std::vector<NodePtr> items) : Node(std::move(type)), items_(std::move(items)) {}
  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Array out;
    out.reserve(items_.size());
    for (const auto& item : items_) out.push_back(item->eval(row, errors));
    return Value::array(std::move(out));
  }

 private:
  std::vector<NodePtr> items_;
};

class MapNode final : public Node {
 public:
  MapNode(SqlType type, std::vector<NodePtr> keys, std::vector<NodePtr> values)
      : Node(std::move(type)), keys_(std::move(keys)), values_(std::move(values)) {}
  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    MapEntries out;
    out.reserve(keys_.size());
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      Value k = keys_[i]->eval(row, errors);
      Value v = values_[i]->eval(row, errors);
      bool replaced = false;
      for (auto& entry : out) {
        if (entry.first == k) {
          entry.second = std::move(v);
          replaced = true;
          break;
        }
      }
      if (!replaced) out.emplace_back(std::move(k), std::move(v));
    }
    return Value::map(std::move(out));
  }

 private:
  std::vector<NodePtr> keys_, values_;
};

class StructNode final : public Node {
 public:
  StructNode(SqlType type, std::vector<NodePtr> fields) : Node(std::move(type)), fields_(std::move(fields)) {}
  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    StructFields out;
    out.reserve(fields_.size());
    for (const auto& f : fields_) out.push_back(f->eval(row, errors));
    return Value::struct_(std::move(out));
  }

 private:
  std::vector<NodePtr> fields_;
};

// Binds `exprs`, finds their common type and converts each to it.
Result<std::optional<SqlType>> bind_uniform(const std::vector<const Expr*>& exprs, BindContext& ctx,
                                            std::vector<NodePtr>& out, bool& constant) {
  std::vector<const Node*> raw;
  for (const Expr* e : exprs) {
    auto n = bind_node(*e, ctx);
    if (!n.ok()) return n.status();
    raw.push_back(n.value().get());
    out.push_back(std::move(n.value()));
  }
  auto common = common_type(raw, exprs, false);
  if (!common.ok() || !common.value()) return common;
  for (auto& n : out) {
    auto c = coerce_to(std::move(n), *common.value());
    if (!c.ok()) return c.status();
    n = std::move(c.value());
    constant = constant && n->is_constant();
  }
  return common;
}

}  // namespace

Result<NodePtr> bind_array_ctor(const Expr& e, BindContext& ctx) {
  if (e.args.empty()) {
    return bind_error("Array constructor cannot be empty. Please supply at least one element "
                      "(see https://github.com/confluentinc/ksql/issues/4239).");
  }
  std::vector<const Expr*> exprs;
  for (const auto& a : e.args) exprs.push_back(a.get());
  std::vector<NodePtr> items;
  bool constant = true;
  auto common = bind_uniform(exprs, ctx, items, constant);
  if (!common.ok()) return common.status();
  if (!common.value()) {
    return bind_error("Cannot construct an array with all NULL elements "
                      "(see https://github.com/confluentinc/ksql/issues/4239). As a workaround, you may cast a NULL "
                      "value to the desired type.");
  }
  return fold_if_constant(std::make_unique<ArrayNode>(make_array(*common.value()), std::move(items)), constant);
}

Result<NodePtr> bind_map_ctor(const Expr& e, BindContext& ctx) {
  std::vector<const Expr*> key_exprs, value_exprs;
  for (std::size_t i = 0; i + 1 < e.args.size(); i += 2) {
    key_exprs.push_back(e.args[i].get());
    value_exprs.push_back(e.args[i + 1].get());
  }
  if (key_exprs.empty()) return bind_error("Map constructor cannot be empty. Please supply at least one key value pair.");
  std::vector<NodePtr> keys, values;
  bool constant = true;
  auto key_type = bind_uniform(key_exprs, ctx, keys, constant);
  if (!key_type.ok()) return key_type.status();
  if (!key_type.value()) return bind_error("Cannot construct a map with all NULL keys");
  auto value_type = bind_uniform(value_exprs, ctx, values, constant);
  if (!value_type.ok()) return value_type.status();
  if (!value_type.value()) return bind_error("Cannot construct a map with all NULL values");
  return fold_if_constant(
      std::make_unique<MapNode>(make_map(*key_type.value(), *value_type.value()), std::move(keys), std::move(values)),
      constant);
}

Result<NodePtr> bind_struct_ctor(const Expr& e, BindContext& ctx) {
  std::set<std::string> seen;
  std::vector<std::pair<std::string, SqlType>> fields;
  std::vector<NodePtr> values;
  bool constant = true;
  for (std::size_t i = 0; i < e.names.size(); ++i) {
    if (!seen.insert(e.names[i]).second) return bind_error("Duplicate field names found in STRUCT");
    auto n = bind_node(*e.args[i], ctx);
    if (!n.ok()) return n.status();
    constant = constant && n.value()->is_constant();
    fields.emplace_back(e.names[i], n.value()->type());
    values.push_back(std::move(n.value()));
  }
  return fold_if_constant(std::make_unique<StructNode>(make_struct(std::move(fields)), std::move(values)), constant);
}

}  // namespace tributary::sql::expr
