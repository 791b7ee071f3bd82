#include "sql/functions/function_registry.h"

namespace tributary::sql {

const FunctionRegistry& FunctionRegistry::builtin() {
  static const FunctionRegistry registry = [] {
    FunctionRegistry r;
    register_string_functions(r);
    register_math_functions(r);
    register_datetime_functions(r);
    register_json_functions(r);
    register_collection_functions(r);
    register_misc_functions(r);
    register_aggregate_functions(r);
    return r;
  }();
  return registry;
}

const ScalarFunction* FunctionRegistry::scalar(const std::string& upper_name) const {
  auto it = scalars_.find(upper_name);
  return it == scalars_.end() ? nullptr : &it->second;
}

const AggregateFunction* FunctionRegistry::aggregate(const std::string& upper_name) const {
  auto it = aggregates_.find(upper_name);
  return it == aggregates_.end() ? nullptr : &it->second;
}

void FunctionRegistry::add(ScalarFunction f) { auto name = f.name; scalars_[name] = std::move(f); }
void FunctionRegistry::add(AggregateFunction f) { auto name = f.name; aggregates_[name] = std::move(f); }

}  // namespace tributary::sql
