// Column references (through the BindScope) and lambda parameter references.
#include "sql/expression/internal.h"

namespace tributary::sql::expr {
namespace {

class ColumnNode final : public Node {
 public:
  ColumnNode(std::size_t index, SqlType type) : Node(std::move(type)), index_(index) {}
  Value eval(std::span<const Value> row, EvalErrors&) const override {
    return index_ < row.size() ? row[index_] : Value();
  }
  const Value& eval_ref(std::span<const Value> row, EvalErrors&, Value& scratch) const override {
    if (index_ < row.size()) return row[index_];
    scratch = Value();
    return scratch;
  }

 private:
  std::size_t index_;
};

// Lambda arguments sit after the row; counted from the end because the row width is not known
// while binding (the lambda node appends exactly `from_end` values per nesting level).
class LambdaParamNode final : public Node {
 public:
  LambdaParamNode(std::size_t from_end, SqlType type) : Node(std::move(type)), from_end_(from_end) {}
  Value eval(std::span<const Value> row, EvalErrors&) const override { return row[row.size() - from_end_]; }
  const Value& eval_ref(std::span<const Value> row, EvalErrors&, Value&) const override {
    return row[row.size() - from_end_];
  }

 private:
  std::size_t from_end_;
};

}  // namespace

Result<NodePtr> bind_column(const Expr& e, BindContext& ctx) {
  if (e.qualifier.empty()) {
    const auto& params = ctx.lambda_params;
    for (std::size_t i = params.size(); i-- > 0;) {
      if (params[i].name == e.text) {
        return NodePtr(std::make_unique<LambdaParamNode>(params.size() - i, params[i].type));
      }
    }
  }
  auto resolved = ctx.scope->resolve(e.qualifier, e.text);
  if (!resolved.ok()) return resolved.status();
  return NodePtr(std::make_unique<ColumnNode>(resolved->index, resolved->type));
}

}  // namespace tributary::sql::expr
