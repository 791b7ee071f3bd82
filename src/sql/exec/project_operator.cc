#include "sql/exec/project_operator.h"

namespace tributary::sql {

void ProjectOperator::project(const std::vector<Value>& cols, QueryContext* ctx, std::vector<Value>& out) const {
  out.clear();
  out.reserve(exprs_.size());
  EvalErrors errors;
  for (const auto& e : exprs_) out.push_back(e->eval(cols, errors));
  if (ctx) report_eval_errors(errors, *ctx, "SELECT");
}

void ProjectOperator::process(const Row& row, QueryContext& ctx) const {
  Row& out = out_;
  out.timestamp = row.timestamp;
  out.partition = row.partition;
  out.offset = row.offset;
  out.window = row.window;
  out.headers = row.headers;
  out.deleted = row.deleted;
  out.null_key = row.null_key;
  // A row without value still has its key: project it, ignoring failures on the NULL values.
  project(row.cols, row.deleted ? nullptr : &ctx, out.cols);
  if (row.old) {
    if (!out.old) out.old.emplace();
    project(*row.old, nullptr, *out.old);
  } else {
    out.old.reset();
  }
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
