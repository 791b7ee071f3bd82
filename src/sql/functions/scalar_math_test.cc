#include <cmath>

#include "sql/functions/scalar_test_util.h"

namespace tributary::sql::test {
namespace {

TEST(ScalarMath, BindErrorsNameTheTypes) {
  auto b = bind("SUBSTRING", {kInt});
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(), "Function 'SUBSTRING' does not accept parameters (INTEGER).");
  auto c = bind("COALESCE", {});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("Function 'COALESCE' does not accept parameters ()"), std::string::npos);
}

TEST(ScalarMath, AbsKeepsType) {
  auto b = bind("ABS", {kInt});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->result_type.kind, TypeKind::int_);
  EXPECT_EQ(call_bound(*b, {Value(int32_t{-3})}).as<int32_t>(), 3);
  EXPECT_EQ(call("ABS", {kDouble}, {Value(-2.5)}).as<double>(), 2.5);
  EXPECT_TRUE(call("ABS", {kBigint}, {Value()}).is_null());
  Value d = call("ABS", {make_decimal(4, 2)}, {Value(Decimal{-1234, 2})});
  EXPECT_EQ(decimal_to_string(d.as<Decimal>()), "12.34");
}

TEST(ScalarMath, RoundLikeKsql) {
  auto r0 = bind("ROUND", {kDouble});
  ASSERT_TRUE(r0.ok());
  EXPECT_EQ(r0->result_type.kind, TypeKind::bigint);
  EXPECT_EQ(call_bound(*r0, {Value(1.5)}).as<int64_t>(), 2);
  EXPECT_EQ(call_bound(*r0, {Value(-1.5)}).as<int64_t>(), -1);  // ties toward +infinity
  EXPECT_EQ(call_bound(*r0, {Value(1.2)}).as<int64_t>(), 1);
  EXPECT_DOUBLE_EQ(call("ROUND", {kDouble, kInt}, {Value(1.25), Value(int32_t{1})}).as<double>(), 1.3);
  EXPECT_DOUBLE_EQ(call("ROUND", {kDouble, kInt}, {Value(1.2), Value(int32_t{-1})}).as<double>(), 0.0);
  EXPECT_DOUBLE_EQ(call("ROUND", {kDouble, kInt}, {Value(0.1234567890123456), Value(int32_t{13})}).as<double>(),
                   0.1234567890123);
  EXPECT_EQ(call("ROUND", {kInt}, {Value(int32_t{3})}).as<int32_t>(), 3);
  Value d = call("ROUND", {make_decimal(5, 3)}, {Value(Decimal{12500, 3})});
  EXPECT_EQ(decimal_to_string(d.as<Decimal>()), "13");
  Value d2 = call("ROUND", {make_decimal(5, 3), kInt}, {Value(Decimal{12345, 3}), Value(int32_t{2})});
  EXPECT_EQ(decimal_to_string(d2.as<Decimal>()), "12.350");
}

TEST(ScalarMath, TruncCeilFloor) {
  EXPECT_EQ(call("TRUNC", {kDouble}, {Value(1.7)}).as<int64_t>(), 1);
  EXPECT_DOUBLE_EQ(call("TRUNC", {kDouble, kInt}, {Value(1.79), Value(int32_t{1})}).as<double>(), 1.7);
  EXPECT_DOUBLE_EQ(call("CEIL", {kDouble}, {Value(1.2)}).as<double>(), 2.0);
  EXPECT_DOUBLE_EQ(call("FLOOR", {kDouble}, {Value(-1.2)}).as<double>(), -2.0);
  EXPECT_EQ(call("FLOOR", {kBigint}, {Value(int64_t{5})}).as<int64_t>(), 5);
}

TEST(ScalarMath, WidensIntegersToDouble) {
  auto b = bind("SQRT", {kInt});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->result_type.kind, TypeKind::double_);
  EXPECT_DOUBLE_EQ(call_bound(*b, {Value(int32_t{4})}).as<double>(), 2.0);
  EXPECT_TRUE(std::isnan(call("SQRT", {kBigint}, {Value(int64_t{-1})}).as<double>()));
  EXPECT_DOUBLE_EQ(call("EXP", {kInt}, {Value(int32_t{1})}).as<double>(), 2.718281828459045);
  EXPECT_DOUBLE_EQ(call("LOG", {kInt, kInt}, {Value(int32_t{15}), Value(int32_t{13})}).as<double>(), 0.9471572411831843);
  EXPECT_DOUBLE_EQ(call("LOG", {kInt}, {Value(int32_t{13})}).as<double>(), 2.5649493574615367);  // natural
  EXPECT_TRUE(std::isnan(call("LOG", {kInt, kInt}, {Value(int32_t{1}), Value(int32_t{13})}).as<double>()));
  EXPECT_TRUE(std::isnan(call("LOG", {kInt, kInt}, {Value(int32_t{0}), Value(int32_t{13})}).as<double>()));
  EXPECT_DOUBLE_EQ(call("POWER", {kInt, kInt}, {Value(int32_t{15}), Value(int32_t{-1})}).as<double>(), 1.0 / 15);
  EXPECT_TRUE(std::isinf(call("COT", {kInt}, {Value(int32_t{0})}).as<double>()));
  EXPECT_EQ(call("SIGN", {kDouble}, {Value(-3.0)}).as<int32_t>(), -1);
  EXPECT_DOUBLE_EQ(call("PI", {}, {}).as<double>(), M_PI);
}

TEST(ScalarMath, GreatestLeastAndSeries) {
  auto g = bind("GREATEST", {kInt, kDouble, kInt});
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->result_type.kind, TypeKind::double_);
  EXPECT_DOUBLE_EQ(call_bound(*g, {Value(int32_t{3}), Value(2.5), Value()}).as<double>(), 3.0);
  EXPECT_EQ(call("LEAST", {kString, kString}, {Value("b"), Value("a")}).as<std::string>(), "a");
  Value s = call("GENERATE_SERIES", {kInt, kInt}, {Value(int32_t{4}), Value(int32_t{0})});
  ASSERT_EQ(s.as_array().size(), 5u);
  EXPECT_EQ(s.as_array()[4].as<int32_t>(), 0);
  Value s2 = call("GENERATE_SERIES", {kInt, kInt, kInt}, {Value(int32_t{-2}), Value(int32_t{1}), Value(int32_t{2})});
  ASSERT_EQ(s2.as_array().size(), 2u);
  EXPECT_EQ(s2.as_array()[1].as<int32_t>(), 0);
}

}  // namespace
}  // namespace tributary::sql::test
