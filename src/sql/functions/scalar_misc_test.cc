#include "sql/functions/function_util.h"
#include "sql/functions/scalar_test_util.h"

namespace tributary::sql::test {
namespace {

TEST(ScalarNullLiteral, NullTypeMatchesScalarParameters) {
  auto b = bind("SUBSTRING", {kString, fn::null_type()});
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->result_type.kind, TypeKind::string);
  EXPECT_TRUE(call_bound(*b, {Value("abc"), Value()}).is_null());
  auto c = bind("COALESCE", {fn::null_type(), kInt});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->result_type.kind, TypeKind::int_);
  EXPECT_EQ(call_bound(*c, {Value(), Value(int32_t{3})}).as<int32_t>(), 3);
  EXPECT_TRUE(bind("ARRAY_CONTAINS", {make_array(kInt), fn::null_type()}).ok());
  auto bad = bind("ARRAY_LENGTH", {fn::null_type(), kInt});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "Function 'ARRAY_LENGTH' does not accept parameters (null, INTEGER).");
}

TEST(ScalarUtil, JavaDoubleText) {
  EXPECT_EQ(fn::java_double_string(1.0), "1.0");
  EXPECT_EQ(fn::java_double_string(0.001), "0.001");
  EXPECT_EQ(fn::java_double_string(1e7), "1.0E7");
  EXPECT_EQ(fn::java_double_string(-1.2345e-5), "-1.2345E-5");
  EXPECT_EQ(fn::java_double_string(123.456), "123.456");
}

}  // namespace
}  // namespace tributary::sql::test

namespace tributary::sql::test {
namespace {

// A sample value of each type used by the robustness sweep below.
Value sample(const SqlType& t) {
  switch (t.kind) {
    case TypeKind::boolean: return Value(true);
    case TypeKind::int_: return Value(int32_t{2});
    case TypeKind::bigint: return Value(int64_t{3});
    case TypeKind::double_: return Value(1.5);
    case TypeKind::decimal: return Value(Decimal{125, 2});
    case TypeKind::string: return Value("a,b");
    case TypeKind::bytes: return Value(Bytes{"ab"});
    case TypeKind::timestamp: return Value(Timestamp{1000});
    case TypeKind::date: return Value(Date{3});
    case TypeKind::time: return Value(Time{1000});
    case TypeKind::array: return Value::array({sample(t.params[0]), Value()});
    case TypeKind::map: return Value::map({{sample(t.params[0]), sample(t.params[1])}});
    default: return {};
  }
}

// Every function bound to every small combination of types either refuses with the ksqlDB
// message or evaluates sample and NULL arguments without crashing.
TEST(ScalarSweep, EveryBindingEvaluates) {
  std::vector<SqlType> types = {kBool, kInt, kBigint, kDouble, make_decimal(4, 2), kString, kBytes, kTimestamp,
                                kDate, kTime, make_array(kInt), make_array(kString), make_map(kString, kInt)};
  int bound = 0;
  for (const auto& [name, f] : FunctionRegistry::builtin().scalars()) {
    std::vector<std::vector<SqlType>> combos = {{}};
    for (int arity = 1; arity <= 3; ++arity) {
      std::vector<std::vector<SqlType>> next;
      for (const auto& c : combos)
        if (c.size() == static_cast<std::size_t>(arity - 1))
          for (const auto& t : types) { auto d = c; d.push_back(t); next.push_back(d); }
      combos.insert(combos.end(), next.begin(), next.end());
    }
    for (const auto& c : combos) {
      auto b = bind(name, c);
      if (!b.ok()) {
        EXPECT_NE(b.status().message().find("does not accept parameters"), std::string::npos) << name;
        continue;
      }
      ++bound;
      std::vector<Value> args, nulls(c.size());
      for (const auto& t : c) args.push_back(sample(t));
      EvalErrors errors;
      try {
        b->impl(args, errors);
        if (!b->null_if_any_null_arg) b->impl(nulls, errors);  // else the caller short-circuits NULLs
      } catch (const std::exception& e) {
        ADD_FAILURE() << name << "(" << c.size() << " args, first " << (c.empty() ? "" : type_to_string(c[0]))
                      << "): " << e.what();
      }
    }
  }
  EXPECT_GT(bound, 300);
}

}  // namespace
}  // namespace tributary::sql::test
