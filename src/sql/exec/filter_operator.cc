#include "sql/exec/filter_operator.h"

namespace tributary::sql {

bool FilterOperator::matches(const std::vector<Value>& cols, QueryContext& ctx) const {
  EvalErrors errors;
  Value v = predicate_->eval(cols, errors);
  report_eval_errors(errors, ctx, "WHERE");
  return v.is<bool>() && v.as<bool>();
}

void FilterOperator::process(const Row& row, QueryContext& ctx) const {
  if (!is_table_) {
    if (row.deleted || !matches(row.cols, ctx)) return;
    next_->process(row, ctx);
    return;
  }
  bool new_matches = !row.deleted && matches(row.cols, ctx);
  bool old_matches = row.old && matches(*row.old, ctx);
  if (new_matches) {
    if (old_matches) {
      next_->process(row, ctx);
    } else {
      Row out = row;
      out.old.reset();
      next_->process(out, ctx);
    }
    return;
  }
  if (!old_matches) return;
  Row out = row;
  out.deleted = true;
  next_->process(out, ctx);
}

}  // namespace tributary::sql
