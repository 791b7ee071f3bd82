// Test helpers: bind a built-in scalar function to argument types and call it like the
// expression evaluator does (NULL short-circuit included).
#pragma once

#include <gtest/gtest.h>

#include "sql/functions/function_registry.h"

namespace tributary::sql::test {

inline SqlType T(TypeKind k) { return make_type(k); }
inline const SqlType kInt = make_type(TypeKind::int_);
inline const SqlType kBigint = make_type(TypeKind::bigint);
inline const SqlType kDouble = make_type(TypeKind::double_);
inline const SqlType kString = make_type(TypeKind::string);
inline const SqlType kBool = make_type(TypeKind::boolean);
inline const SqlType kBytes = make_type(TypeKind::bytes);
inline const SqlType kTimestamp = make_type(TypeKind::timestamp);
inline const SqlType kDate = make_type(TypeKind::date);
inline const SqlType kTime = make_type(TypeKind::time);

inline Result<BoundScalar> bind(const std::string& name, const std::vector<SqlType>& types,
                                const std::vector<Value>& literals = {}) {
  const ScalarFunction* f = FunctionRegistry::builtin().scalar(name);
  if (!f) return Status::error(Errc::not_found, "no function " + name);
  std::vector<Value> lits = literals;
  lits.resize(types.size());
  return f->bind(types, lits);
}

inline Value call_bound(const BoundScalar& b, const std::vector<Value>& args, EvalErrors* errors = nullptr) {
  if (b.null_if_any_null_arg)
    for (const Value& a : args)
      if (a.is_null()) return {};
  EvalErrors local;
  return b.impl(args, errors ? *errors : local);
}

// Binds and calls; fails the test when binding fails.
inline Value call(const std::string& name, const std::vector<SqlType>& types, const std::vector<Value>& args,
                  EvalErrors* errors = nullptr) {
  auto b = bind(name, types);
  EXPECT_TRUE(b.ok()) << name << ": " << b.status().message();
  if (!b.ok()) return {};
  return call_bound(*b, args, errors);
}

inline std::vector<std::string> strings(const Value& v) {
  std::vector<std::string> out;
  for (const Value& e : v.as_array()) out.push_back(e.is_null() ? "<null>" : e.as<std::string>());
  return out;
}

}  // namespace tributary::sql::test
