#include "sql/exec/operator.h"

namespace tributary::sql {

bool report_eval_errors(const EvalErrors& errors, QueryContext& ctx, const char* step) {
  if (errors.messages.empty()) return false;
  for (const auto& m : errors.messages) ctx.log_error(std::string("Error computing expression in ") + step + ": " + m, nullptr);
  return true;
}

}  // namespace tributary::sql
