// Scalar function calls resolved once through the FunctionRegistry.
#include <array>
#include <cctype>

#include "sql/expression/internal.h"
#include "sql/functions/function_util.h"

namespace tributary::sql::expr {
namespace {

constexpr std::size_t kInlineArgs = 4;

class FunctionNode final : public Node {
 public:
  FunctionNode(BoundScalar fn, std::vector<NodePtr> args)
      : Node(fn.result_type), fn_(std::move(fn)), args_(std::move(args)) {}

  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    // Arguments live on the stack for the common small arities.
    if (args_.size() <= kInlineArgs) {
      std::array<Value, kInlineArgs> values;
      if (!fill(values.data(), row, errors)) return Value();
      return fn_.impl(std::span<const Value>(values.data(), args_.size()), errors);
    }
    std::vector<Value> values(args_.size());
    if (!fill(values.data(), row, errors)) return Value();
    return fn_.impl(values, errors);
  }

 private:
  bool fill(Value* out, std::span<const Value> row, EvalErrors& errors) const {
    for (std::size_t i = 0; i < args_.size(); ++i) {
      out[i] = args_[i]->eval(row, errors);
      if (fn_.null_if_any_null_arg && out[i].is_null()) return false;
    }
    return true;
  }

  BoundScalar fn_;
  std::vector<NodePtr> args_;
};

std::string upper(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// DATEADD(DAYS, 3, d): ksqlDB writes the unit as a bare word; the functions take it as a string.
bool takes_time_unit(const std::string& name) {
  return name == "DATEADD" || name == "DATESUB" || name == "TIMESTAMPADD" || name == "TIMESTAMPSUB" ||
         name == "TIMEADD" || name == "TIMESUB";
}

ExprPtr unit_as_string(const ExprPtr& arg) {
  if (arg->kind != ExprKind::column || !arg->qualifier.empty()) return arg;
  auto literal = std::make_shared<Expr>(*arg);
  literal->kind = ExprKind::string_literal;
  return literal;
}

}  // namespace

Result<NodePtr> bind_function(const Expr& e, BindContext& ctx) {
  const std::string name = upper(e.text);
  const ScalarFunction* fn = ctx.functions->scalar(name);
  if (!fn) {
    if (ctx.functions->is_aggregate(name)) {
      return bind_error("Aggregate function " + to_sql(e) + " is not allowed here: aggregate functions are only "
                        "allowed in the projection and HAVING of an aggregating query.");
    }
    return bind_error("Can't find any functions with the name '" + name + "'");
  }
  std::vector<NodePtr> args;
  std::vector<SqlType> types;
  std::vector<Value> literals;
  for (std::size_t i = 0; i < e.args.size(); ++i) {
    const ExprPtr arg = i == 0 && takes_time_unit(name) ? unit_as_string(e.args[0]) : e.args[i];
    if (arg->kind == ExprKind::lambda) return bind_error("Function '" + name + "' does not accept lambda arguments");
    auto n = bind_node(*arg, ctx);
    if (!n.ok()) return n.status();
    // A bare NULL matches any scalar parameter of the function and takes its type.
    types.push_back(n.value()->is_null_literal() ? fn::null_type() : n.value()->type());
    Value literal;
    if (n.value()->is_constant()) {
      EvalErrors errors;
      literal = n.value()->eval({}, errors);
    }
    literals.push_back(std::move(literal));
    args.push_back(std::move(n.value()));
  }
  auto bound = fn->bind(types, literals);
  if (!bound.ok()) {
    // A NULL literal's type is unknown (STRING stands in): retry with it typed like the first
    // typed argument, as IFNULL(x, NULL) or COALESCE(NULL, x) mean.
    std::optional<SqlType> typed;
    bool any_null = false;
    for (const auto& a : args) {
      if (a->is_null_literal()) any_null = true;
      else if (!typed) typed = a->type();
    }
    if (!any_null || !typed) return bound.status();
    std::vector<SqlType> retry = types;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i]->is_null_literal()) retry[i] = *typed;
    }
    auto second = fn->bind(retry, literals);
    if (!second.ok()) return bound.status();
    bound = std::move(second);
  }
  return NodePtr(std::make_unique<FunctionNode>(std::move(bound.value()), std::move(args)));
}

}  // namespace tributary::sql::expr
