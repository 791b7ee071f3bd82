// Null handling functions: COALESCE, IFNULL, NULLIF (and the identity AS_VALUE). Arguments share one type (numbers widen to
// a common type), and NULL arguments are passed through to the implementation.
#include "sql/functions/function_util.h"

namespace tributary::sql {
namespace {

using fn::Args;
using fn::Overload;
using fn::Param;

fn::ResultFn common_result() {
  return [](const std::vector<SqlType>& t, const std::vector<Value>&) { return fn::common_type(t); };
}

// Returns the first non-NULL argument (from `limit` arguments), widened to the result type.
Overload first_non_null(std::vector<Param> params, bool variadic) {
  Overload o{std::move(params), common_result(), nullptr, variadic, false};
  o.make_impl = [](const std::vector<SqlType>&, const SqlType& result) -> ScalarImpl {
    return [result](Args a, EvalErrors&) -> Value {
      for (const Value& v : a)
        if (!v.is_null()) return fn::widen_value(v, result);
      return {};
    };
  };
  return o;
}

}  // namespace

void register_misc_functions(FunctionRegistry& r) {
  fn::add_function(r, "COALESCE", {first_non_null({Param::any, Param::any}, true)});
  fn::add_function(r, "IFNULL", {first_non_null({Param::any, Param::any}, false)});
  // NULLIF(a, b): NULL when a equals b, else a.
  Overload nullif{{Param::any, Param::any}, nullptr, nullptr, false, false};
  nullif.result = [](const std::vector<SqlType>& t, const std::vector<Value>&) -> std::optional<SqlType> {
    if (!fn::common_type(t)) return std::nullopt;
    return t[0];
  };
  nullif.impl = [](Args a, EvalErrors&) -> Value {
    if (a[0].is_null() || a[1].is_null()) return a[0];
    if (fn::values_equal(a[0], a[1])) return {};
    return a[0];
  };
  fn::add_function(r, "NULLIF", {nullif});
  // AS_VALUE(key_column): copies a key column into the value; as a function it is the identity.
  fn::add_function(r, "AS_VALUE", {{{Param::any}, fn::returns_arg(0), [](Args a, EvalErrors&) { return a[0]; }, false, false}});
}

}  // namespace tributary::sql
