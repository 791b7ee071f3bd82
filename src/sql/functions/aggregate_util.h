// Helpers shared by the built-in aggregate families (aggregate_<family>.cc).
//
// Calling convention (as the planner binds an aggregate call): `arg_types` and `literal_args` run
// parallel over every argument of the call, literal or not (NULL Value where the argument is not a
// literal); `add`/`undo` receive every argument's value in the same positions. COUNT(*) and
// COUNT() bind with no arguments at all.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sql/functions/function_registry.h"

namespace tributary::sql::agg {

using BindResult = Result<std::unique_ptr<BoundAggregate>>;
using Args = std::span<const Value>;

// "Function 'SUM' does not accept parameters (STRING)."
Status unsupported_args(const std::string& name, const std::vector<SqlType>& types);

// The integer value of a literal argument (INT or BIGINT literal), or an error naming the
// parameter when the argument is not an integer literal.
Result<int64_t> literal_int(const std::string& name, const std::string& param,
                            const std::vector<SqlType>& types, const std::vector<Value>& literals,
                            std::size_t index);
// Same for a BOOLEAN literal.
Result<bool> literal_bool(const std::string& name, const std::string& param,
                          const std::vector<SqlType>& types, const std::vector<Value>& literals,
                          std::size_t index);

bool is_int_bigint_double(const SqlType& t);
double numeric_as_double(const Value& v);  // any numeric alternative; 0 for NULL

// Java-like wrapping arithmetic: ksqlDB's INT and BIGINT sums overflow by wrapping.
int32_t wrap_add(int32_t a, int32_t b);
int64_t wrap_add(int64_t a, int64_t b);

// Monotonic arrival numbers for the *_BY_OFFSET states: records reach an aggregate in offset
// order, so a number taken at `add` time orders values the same way across merged session
// states. Seeded from the wall clock so numbers keep growing across restarts.
int64_t next_arrival_sequence();

// Positional struct state helpers.
inline const Value& field(const Value& state, std::size_t i) { return state.as_struct().at(i); }

// The default cap of COLLECT_LIST / COLLECT_SET / HISTOGRAM entries.
inline constexpr int64_t kDefaultCollectLimit = 1000;

// Per-family binders used by the registry and by bind_aggregate_with_properties.
BindResult bind_collect_list(const std::vector<SqlType>& types, int64_t limit);
BindResult bind_collect_set(const std::vector<SqlType>& types, int64_t limit);

// Family registration, called from register_aggregate_functions.
// COUNT, SUM, SUM_LIST, AVG, MIN, MAX
void register_basic_aggregates(FunctionRegistry& r);
// COLLECT_LIST, COLLECT_SET, HISTOGRAM, COUNT_DISTINCT
void register_collect_aggregates(FunctionRegistry& r);
// LATEST_BY_OFFSET, EARLIEST_BY_OFFSET
void register_offset_aggregates(FunctionRegistry& r);
// TOPK, TOPKDISTINCT
void register_topk_aggregates(FunctionRegistry& r);
// STDDEV_SAMPLE, STDDEV_SAMP, CORRELATION
void register_statistics_aggregates(FunctionRegistry& r);
// ATTR
void register_attr_aggregate(FunctionRegistry& r);

}  // namespace tributary::sql::agg
