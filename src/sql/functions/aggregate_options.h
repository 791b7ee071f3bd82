// Aggregate binding that honours query properties, and facts the planner needs about aggregate
// states. FunctionRegistry::aggregate(name)->bind uses ksqlDB's defaults; the engine calls
// bind_aggregate_with_properties when a query may override them.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sql/functions/function_registry.h"

namespace tributary::sql {

// Binds `upper_name` like the registry does, applying these properties when present:
//   ksql.functions.collect_list.limit, ksql.functions.collect_set.limit
//   (maximum entries kept; a negative value means unlimited; default 1000).
// Unknown names give "Unknown aggregate function: NAME".
Result<std::unique_ptr<BoundAggregate>> bind_aggregate_with_properties(
    const std::string& upper_name, const std::vector<SqlType>& arg_types,
    const std::vector<Value>& literal_args, const std::map<std::string, std::string>& properties);

// True when ksqlDB keeps this aggregate's intermediate state as a STRUCT, ARRAY or MAP (AVG,
// TOPK, COLLECT_LIST, ...): a value format without such types (DELIMITED, KAFKA) then rejects the
// query with "One of the functions used in the statement has an intermediate type that the value
// format can not handle. Please remove the function or change the format."
bool aggregate_has_structured_state(const std::string& upper_name);

}  // namespace tributary::sql
