#include "sql/exec/project_operator.h"

namespace tributary::sql {

std::vector<Value> ProjectOperator::project(const std::vector<Value>& cols, QueryContext* ctx) const {
  std::vector<Value> out;
  out.reserve(exprs_.size());
  EvalErrors errors;
  for (const auto& e : exprs_) out.push_back(e->eval(cols, errors));
  if (ctx) report_eval_errors(errors, *ctx, "SELECT");
  return out;
}

void ProjectOperator::process(const Row& row, QueryContext& ctx) const {
  Row out;
  out.timestamp = row.timestamp;
  out.partition = row.partition;
  out.offset = row.offset;
  out.window = row.window;
  out.headers = row.headers;
  out.deleted = row.deleted;
  out.null_key = row.null_key;
  // A row without value still has its key: project it, ignoring failures on the NULL values.
  out.cols = project(row.cols, row.deleted ? nullptr : &ctx);
  if (row.old) out.old = project(*row.old, nullptr);
  next_->process(out, ctx);
}

void RekeyOperator::process(const Row& row, QueryContext& ctx) const {
  Row out = row;
  EvalErrors errors;
  std::vector<Value> cols;
  cols.reserve(exprs_.size() + row.cols.size());
  // Tombstones keep their key columns, so keys computed from keys alone survive them.
  for (std::size_t i = 0; i < exprs_.size(); ++i) {
    bool computable = !row.deleted || (i < reads_only_keys_.size() && reads_only_keys_[i]);
    cols.push_back(computable ? exprs_[i]->eval(row.cols, errors) : Value());
  }
  report_eval_errors(errors, ctx, "PARTITION BY");
  cols.insert(cols.end(), row.cols.begin(), row.cols.end());
  out.cols = std::move(cols);
  out.old.reset();
  out.null_key = false;
  next_->process(out, ctx);
}

}  // namespace tributary::sql
