// Compact declaration of scalar functions: a name plus overloads (parameter patterns -> result
// type, implementation). Binding picks the overload needing the least numeric widening
// (INT -> BIGINT -> DECIMAL -> DOUBLE, as ksqlDB allows) and converts the arguments before the
// implementation sees them, so implementations can rely on the declared parameter types.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sql/functions/function_registry.h"

namespace tributary::sql::fn {

using Args = std::span<const Value>;

// What a parameter accepts. The numeric ones accept narrower numbers too (widened on the way in);
// `any`, `array`, `map` accept any type of that shape (generic functions check element types in
// their result callback).
enum class Param { boolean, int_, bigint, double_, decimal, string, bytes, timestamp, date, time,
                   any, array, map, struct_ };

// Computes the result type from the (widened) argument types and literal arguments; nullopt
// means "these types do not fit this overload" (reported as "does not accept parameters").
using ResultFn = std::function<std::optional<SqlType>(const std::vector<SqlType>& types,
                                                      const std::vector<Value>& literals)>;

struct Overload {
  std::vector<Param> params;
  ResultFn result;
  ScalarImpl impl;
  bool variadic = false;              // the last parameter repeats zero or more times
  bool null_if_any_null_arg = true;
  // When set, builds the implementation from the bound (widened) argument types instead of using
  // `impl` (for functions whose evaluation depends on the types, e.g. TO_JSON_STRING).
  std::function<ScalarImpl(const std::vector<SqlType>& types, const SqlType& result)> make_impl;
};

// The type of a bare NULL literal, when the caller knows an argument is one: it matches any
// scalar parameter (taking that parameter's type) and `any`, but not array/map/struct shapes.
// Binders that pass ordinary types are unaffected.
SqlType null_type();
bool is_null_type(const SqlType& t);

// Result-type helpers.
ResultFn returns(TypeKind kind);
ResultFn returns(SqlType type);
ResultFn returns_arg(std::size_t index);  // the type of argument `index` (after widening)

// Builds the ScalarFunction whose bind tries every overload.
ScalarFunction make_function(std::string name, std::string description, std::vector<Overload> overloads);
void add_function(FunctionRegistry& r, std::string name, std::vector<Overload> overloads,
                  std::string description = "");

// "Function 'NAME' does not accept parameters (INTEGER, STRING)."
Status no_overload_error(const std::string& name, const std::vector<SqlType>& types);

// Value helpers shared by the families.
double to_double(const Value& v);      // any numeric alternative
int64_t to_int64(const Value& v);      // integral alternatives (and truncated others)
Value convert_numeric(const Value& v, Param to);  // widening used by binding
// Converts a numeric value of type `from` to the numeric type `to` (a widening), e.g. for generic
// functions whose arguments share a common type.
Value widen_value(const Value& v, const SqlType& to);
// The common type of `types` for generic functions: equal types, or numbers widened together.
std::optional<SqlType> common_type(const std::vector<SqlType>& types);
bool is_number(const Value& v);
// A DOUBLE as Java's Double.toString prints it: "1.0", "0.001", "1.0E7", "NaN", "Infinity".
std::string java_double_string(double d);
// Equality where numbers of different alternatives compare by value (INT 1 equals BIGINT 1).
bool values_equal(const Value& a, const Value& b);
std::string type_list(const std::vector<SqlType>& types);

}  // namespace tributary::sql::fn
