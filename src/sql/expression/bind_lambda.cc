// TRANSFORM, FILTER and REDUCE over arrays and maps. Lambda parameters are appended after the
// row: the body is evaluated against row + parameters (see LambdaParamNode in bind_column.cc).
#include <cctype>

#include "sql/expression/internal.h"

namespace tributary::sql::expr {
namespace {

enum class LambdaFn { transform, filter, reduce };

class LambdaCallNode final : public Node {
 public:
  LambdaCallNode(SqlType type, LambdaFn fn, NodePtr container, NodePtr init, NodePtr body, NodePtr body2)
      : Node(std::move(type)), fn_(fn), container_(std::move(container)), init_(std::move(init)), body_(std::move(body)),
        body2_(std::move(body2)) {}

  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value scratch;
    const Value& c = eval_child(*container_, row, errors, scratch);
    if (c.is_null()) return Value();
    std::vector<Value> ext(row.begin(), row.end());
    const std::size_t base = ext.size();
    if (c.is_array()) return eval_array(c.as_array(), ext, base, row, errors);
    return eval_map(c.as_map(), ext, base, row, errors);
  }

 private:
  Value eval_array(const Array& items, std::vector<Value>& ext, std::size_t base, std::span<const Value> row,
                   EvalErrors& errors) const {
    switch (fn_) {
      case LambdaFn::transform: {
        ext.resize(base + 1);
        Array out;
        out.reserve(items.size());
        for (const Value& item : items) {
          ext[base] = item;
          out.push_back(body_->eval(ext, errors));
        }
        return Value::array(std::move(out));
      }
      case LambdaFn::filter: {
        ext.resize(base + 1);
        Array out;
        for (const Value& item : items) {
          ext[base] = item;
          Value keep = body_->eval(ext, errors);
          if (!keep.is_null() && keep.as<bool>()) out.push_back(item);
        }
        return Value::array(std::move(out));
      }
      case LambdaFn::reduce: {
        Value state = init_->eval(row, errors);
        ext.resize(base + 2);
        for (const Value& item : items) {
          ext[base] = std::move(state);
          ext[base + 1] = item;
          state = body_->eval(ext, errors);
        }
        return state;
      }
    }
    return Value();
  }

  Value eval_map(const MapEntries& entries, std::vector<Value>& ext, std::size_t base, std::span<const Value> row,
                 EvalErrors& errors) const {
    switch (fn_) {
      case LambdaFn::transform: {
        ext.resize(base + 2);
        MapEntries out;
        out.reserve(entries.size());
        for (const auto& [k, v] : entries) {
          ext[base] = k;
          ext[base + 1] = v;
          Value nk = body_->eval(ext, errors);
          Value nv = body2_->eval(ext, errors);
          bool replaced = false;
          for (auto& entry : out) {
            if (entry.first == nk) {
              entry.second = std::move(nv);
              replaced = true;
              break;
            }
          }
          if (!replaced) out.emplace_back(std::move(nk), std::move(nv));
        }
        return Value::map(std::move(out));
      }
      case LambdaFn::filter: {
        ext.resize(base + 2);
        MapEntries out;
        for (const auto& [k, v] : entries) {
          ext[base] = k;
          ext[base + 1] = v;
          Value keep = body_->eval(ext, errors);
          if (!keep.is_null() && keep.as<bool>()) out.emplace_back(k, v);
        }
        return Value::map(std::move(out));
      }
      case LambdaFn::reduce: {
        Value state = init_->eval(row, errors);
        ext.resize(base + 3);
        for (const auto& [k, v] : entries) {
          ext[base] = std::move(state);
          ext[base + 1] = k;
          ext[base + 2] = v;
          state = body_->eval(ext, errors);
        }
        return state;
      }
    }
    return Value();
  }

  LambdaFn fn_;
  NodePtr container_, init_, body_, body2_;
};

std::string upper(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Result<NodePtr> bind_body(const Expr& lambda, const std::vector<SqlType>& param_types, BindContext& ctx,
                          const std::string& fn) {
  if (lambda.kind != ExprKind::lambda) return bind_error("Function '" + fn + "' expects a lambda argument, got " + to_sql(lambda));
  if (lambda.names.size() != param_types.size()) {
    return bind_error("Was expecting " + std::to_string(param_types.size()) + " arguments to lambda function, got " +
                      std::to_string(lambda.names.size()) + ": " + to_sql(lambda));
  }
  for (std::size_t i = 0; i < param_types.size(); ++i) ctx.lambda_params.push_back({lambda.names[i], param_types[i]});
  auto body = bind_node(*lambda.args[0], ctx);
  ctx.lambda_params.resize(ctx.lambda_params.size() - param_types.size());
  return body;
}

Status bad_args(const std::string& fn, const std::vector<SqlType>& types) {
  std::string list;
  for (std::size_t i = 0; i < types.size(); ++i) list += (i ? ", " : "") + type_to_string(types[i]);
  return bind_error("Function '" + fn + "' does not accept parameters (" + list + ")");
}

}  // namespace

bool is_lambda_function(const std::string& name) {
  std::string u = upper(name);
  return u == "TRANSFORM" || u == "FILTER" || u == "REDUCE";
}

Result<NodePtr> bind_lambda_function(const Expr& e, BindContext& ctx) {
  const std::string name = upper(e.text);
  LambdaFn fn = name == "TRANSFORM" ? LambdaFn::transform : (name == "FILTER" ? LambdaFn::filter : LambdaFn::reduce);
  if (e.args.empty()) return bad_args(name, {});
  auto c = bind_node(*e.args[0], ctx);
  if (!c.ok()) return c.status();
  NodePtr container = std::move(c.value());
  const SqlType ct = container->type();
  if (ct.kind != TypeKind::array && ct.kind != TypeKind::map) return bad_args(name, {ct});
  const bool is_map = ct.kind == TypeKind::map;
  std::vector<SqlType> elem = is_map ? std::vector<SqlType>{ct.params[0], ct.params[1]} : std::vector<SqlType>{ct.params[0]};

  if (fn == LambdaFn::reduce) {
    if (e.args.size() != 3) return bad_args(name, {ct});
    auto init = bind_node(*e.args[1], ctx);
    if (!init.ok()) return init.status();
    NodePtr init_node = std::move(init.value());
    SqlType state = init_node->type();
    std::vector<SqlType> params{state};
    params.insert(params.end(), elem.begin(), elem.end());
    auto body = bind_body(*e.args[2], params, ctx, name);
    if (!body.ok()) return body.status();
    if (!type_equals(body.value()->type(), state)) {
      // The body widens the state (0 + BIGINT): bind again with the wider state type.
      if (!implicitly_convertible(state, body.value()->type())) {
        return bind_error("Function 'REDUCE' lambda returns " + type_to_string(body.value()->type()) +
                          " but the initial state is " + type_to_string(state));
      }
      state = body.value()->type();
      params[0] = state;
      body = bind_body(*e.args[2], params, ctx, name);
      if (!body.ok()) return body.status();
      auto widened = coerce_to(std::move(init_node), state);
      if (!widened.ok()) return widened.status();
      init_node = std::move(widened.value());
    }
    return NodePtr(std::make_unique<LambdaCallNode>(state, fn, std::move(container), std::move(init_node),
                                                    std::move(body.value()), nullptr));
  }

  const std::size_t expected = (fn == LambdaFn::transform && is_map) ? 3 : 2;
  if (e.args.size() != expected) return bad_args(name, {ct});
  auto body = bind_body(*e.args[1], elem, ctx, name);
  if (!body.ok()) return body.status();
  if (fn == LambdaFn::filter) {
    if (body.value()->type().kind != TypeKind::boolean) {
      return bind_error("Function 'FILTER' lambda must return BOOLEAN, got " + type_to_string(body.value()->type()));
    }
    return NodePtr(std::make_unique<LambdaCallNode>(ct, fn, std::move(container), nullptr, std::move(body.value()), nullptr));
  }
  if (!is_map) {
    SqlType type = make_array(body.value()->type());
    return NodePtr(std::make_unique<LambdaCallNode>(type, fn, std::move(container), nullptr, std::move(body.value()), nullptr));
  }
  auto body2 = bind_body(*e.args[2], elem, ctx, name);
  if (!body2.ok()) return body2.status();
  SqlType type = make_map(body.value()->type(), body2.value()->type());
  return NodePtr(std::make_unique<LambdaCallNode>(type, fn, std::move(container), nullptr, std::move(body.value()),
                                                  std::move(body2.value())));
}

}  // namespace tributary::sql::expr
