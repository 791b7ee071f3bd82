// Registers every built-in aggregate family and binds aggregates with query properties.
#include <cstdlib>
#include <set>

#include "sql/functions/aggregate_options.h"
#include "sql/functions/aggregate_util.h"

namespace tributary::sql {

void register_aggregate_functions(FunctionRegistry& r) {
  agg::register_basic_aggregates(r);
  agg::register_collect_aggregates(r);
  agg::register_offset_aggregates(r);
  agg::register_topk_aggregates(r);
  agg::register_statistics_aggregates(r);
  agg::register_attr_aggregate(r);
}

namespace {

// The property's integer value, or `fallback` when absent or not an integer.
int64_t int_property(const std::map<std::string, std::string>& properties, const std::string& key,
                     int64_t fallback) {
  auto it = properties.find(key);
  if (it == properties.end()) return fallback;
  char* end = nullptr;
  long long v = std::strtoll(it->second.c_str(), &end, 10);
  return (end == it->second.c_str() || *end != '\0') ? fallback : static_cast<int64_t>(v);
}

}  // namespace

Result<std::unique_ptr<BoundAggregate>> bind_aggregate_with_properties(
    const std::string& upper_name, const std::vector<SqlType>& arg_types,
    const std::vector<Value>& literal_args, const std::map<std::string, std::string>& properties) {
  if (upper_name == "COLLECT_LIST")
    return agg::bind_collect_list(
        arg_types,
        int_property(properties, "ksql.functions.collect_list.limit", agg::kDefaultCollectLimit));
  if (upper_name == "COLLECT_SET")
    return agg::bind_collect_set(
        arg_types,
        int_property(properties, "ksql.functions.collect_set.limit", agg::kDefaultCollectLimit));
  const AggregateFunction* f = FunctionRegistry::builtin().aggregate(upper_name);
  if (f == nullptr)
    return Status::error(Errc::not_found, "Unknown aggregate function: " + upper_name);
  return f->bind(arg_types, literal_args);
}

bool aggregate_has_structured_state(const std::string& upper_name) {
  static const std::set<std::string> kPrimitiveState = {"COUNT", "SUM", "SUM_LIST", "MIN", "MAX"};
  return FunctionRegistry::builtin().aggregate(upper_name) != nullptr &&
         !kPrimitiveState.contains(upper_name);
}

}  // namespace tributary::sql
