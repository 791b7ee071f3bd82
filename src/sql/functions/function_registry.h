// Scalar and aggregate functions, looked up by upper-case name. Binding picks an implementation
// for the argument types once (at plan time), so evaluation never re-checks types.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/status.h"
#include "sql/types/sql_type.h"
#include "sql/types/value.h"

namespace tributary::sql {

// Collects evaluation errors of one record (a bad cast, a function that fails): the engine sends
// them to the processing log and the expression's value becomes NULL.
struct EvalErrors {
  std::vector<std::string> messages;
  void add(std::string message) { messages.push_back(std::move(message)); }
};

using ScalarImpl = std::function<Value(std::span<const Value> args, EvalErrors& errors)>;

struct BoundScalar {
  SqlType result_type;
  ScalarImpl impl;
  // When true the caller returns NULL without calling impl if any argument is NULL (most
  // functions); functions such as COALESCE, IFNULL, CONCAT and ARRAY ctors set it false.
  bool null_if_any_null_arg = true;
};

// One function name with every overload: `bind` gets the argument types (and, for functions whose
// result type depends on a literal argument, the literal values where the argument is a literal,
// NULL Value otherwise) and returns the chosen implementation or an error such as
// "Function 'SUBSTRING' does not accept parameters (INTEGER)".
struct ScalarFunction {
  std::string name;
  std::string description;
  std::function<Result<BoundScalar>(const std::vector<SqlType>& arg_types,
                                    const std::vector<Value>& literal_args)> bind;
};

// An aggregate bound to its argument types. State is a Value (so that state stores serialize it
// generically); `add`/`undo` return the new state.
class BoundAggregate {
 public:
  virtual ~BoundAggregate() = default;
  virtual SqlType result_type() const = 0;
  virtual Value init() const = 0;
  virtual Value add(const Value& state, std::span<const Value> args) const = 0;
  // add, updating the state where it is (aggregations keep their states between records).
  virtual void add_to(Value& state, std::span<const Value> args) const { state = add(state, args); }
  // Table aggregations retract the old row's contribution; false when the function cannot
  // (then ksqlDB rejects the query on a table source).
  virtual bool supports_undo() const { return false; }
  virtual Value undo(const Value& state, std::span<const Value> args) const { (void)args; return state; }
  // SESSION windows merge the states of sessions a record bridges.
  virtual Value merge(const Value& a, const Value& b) const = 0;
  virtual Value result(const Value& state) const = 0;
};

struct AggregateFunction {
  std::string name;
  std::string description;
  // arg_types and literal_args cover every argument of the call in order (literal_args: the
  // literal's value, NULL Value where the argument is not a literal, e.g. TOPK(v, 3) -> [NULL, 3]);
  // add/undo then receive every argument's value in the same positions. COUNT(*) has no arguments.
  // Engine settings such as ksql.functions.collect_list.limit: bind_aggregate_with_properties
  // in aggregate_options.h.
  std::function<Result<std::unique_ptr<BoundAggregate>>(const std::vector<SqlType>& arg_types,
                                                         const std::vector<Value>& literal_args)> bind;
};

class FunctionRegistry {
 public:
  // Every built-in function, registered once.
  static const FunctionRegistry& builtin();

  const ScalarFunction* scalar(const std::string& upper_name) const;
  const AggregateFunction* aggregate(const std::string& upper_name) const;
  bool is_aggregate(const std::string& upper_name) const { return aggregate(upper_name) != nullptr; }

  void add(ScalarFunction f);
  void add(AggregateFunction f);
  const std::map<std::string, ScalarFunction>& scalars() const { return scalars_; }
  const std::map<std::string, AggregateFunction>& aggregates() const { return aggregates_; }

 private:
  std::map<std::string, ScalarFunction> scalars_;
  std::map<std::string, AggregateFunction> aggregates_;
};

// Registration entry points, one per family file (scalar_string.cc, aggregate_basic.cc, ...).
void register_string_functions(FunctionRegistry& r);
void register_math_functions(FunctionRegistry& r);
void register_datetime_functions(FunctionRegistry& r);
void register_json_functions(FunctionRegistry& r);
void register_collection_functions(FunctionRegistry& r);  // arrays and maps (not the lambda ones)
void register_misc_functions(FunctionRegistry& r);        // COALESCE, IFNULL, NULLIF, UUID, ...
void register_aggregate_functions(FunctionRegistry& r);

}  // namespace tributary::sql
