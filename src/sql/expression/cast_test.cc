#include "sql/expression/test_util.h"

namespace tributary::sql::testing {
namespace {

TEST(ExpressionCast, NumbersAndStrings) {
  ExprFixture f;
  EXPECT_EQ(f.eval("CAST(I AS STRING)").as<std::string>(), "5");
  EXPECT_EQ(f.eval("CAST(D AS STRING)").as<std::string>(), "2.5");
  EXPECT_EQ(f.eval("CAST(10.0E0 AS STRING)").as<std::string>(), "10.0");
  EXPECT_EQ(f.eval("CAST(1.0E10 AS STRING)").as<std::string>(), "1.0E10");
  EXPECT_EQ(f.eval("CAST(DEC AS STRING)").as<std::string>(), "1.25");
  EXPECT_EQ(f.eval("CAST('42' AS INT)").as<int32_t>(), 42);
  EXPECT_EQ(f.eval("CAST(' 42 ' AS BIGINT)").as<int64_t>(), 42);
  EXPECT_DOUBLE_EQ(f.eval("CAST('1.5' AS DOUBLE)").as<double>(), 1.5);
  EXPECT_EQ(f.eval("CAST(D AS INT)").as<int32_t>(), 2);
  EXPECT_EQ(f.eval("CAST(2147483648 AS INT)").as<int32_t>(), -2147483648);  // wraps like Java
  EXPECT_EQ(f.eval("CAST(B AS STRING)").as<std::string>(), "true");
  EXPECT_EQ(f.eval("CAST('TrUe' AS BOOLEAN)").as<bool>(), true);
}

TEST(ExpressionCast, Decimals) {
  ExprFixture f;
  EXPECT_EQ(type_str(f.type_of("CAST(DEC AS DECIMAL(5, 3))")), "DECIMAL(5, 3)");
  EXPECT_EQ(decimal_to_string(f.eval("CAST(DEC AS DECIMAL(5, 3))").as<Decimal>()), "1.250");
  EXPECT_EQ(decimal_to_string(f.eval("CAST(DEC AS DECIMAL(3, 1))").as<Decimal>()), "1.3");  // half up
  EXPECT_EQ(decimal_to_string(f.eval("CAST(D AS DECIMAL(4, 2))").as<Decimal>()), "2.50");
  EXPECT_EQ(decimal_to_string(f.eval("CAST('12.345' AS DECIMAL(5, 2))").as<Decimal>()), "12.35");
  EvalErrors errors;
  EXPECT_TRUE(f.eval("CAST(L * 100 AS DECIMAL(3, 1))", &errors).is_null());
  EXPECT_EQ(errors.messages.size(), 1u);
}

TEST(ExpressionCast, FailuresAtRuntimeGiveNullAndError) {
  ExprFixture f;
  EvalErrors errors;
  EXPECT_TRUE(f.eval("CAST(S AS INT)", &errors).is_null());
  ASSERT_EQ(errors.messages.size(), 1u);
  EXPECT_EQ(errors.messages[0], "invalid input syntax for type INTEGER: \"hello\".");
  EXPECT_TRUE(f.eval("CAST(NULL AS INT)").is_null());
  EXPECT_EQ(type_str(f.type_of("CAST(NULL AS ARRAY<INT>)")), "ARRAY<INTEGER>");
}

TEST(ExpressionCast, Temporal) {
  ExprFixture f;
  EXPECT_EQ(f.eval("CAST(TS AS STRING)").as<std::string>(), "1970-01-01T00:00:01.000");
  EXPECT_EQ(f.eval("CAST(DT AS STRING)").as<std::string>(), "1970-01-02");
  EXPECT_EQ(f.eval("CAST('2022-02-02' AS DATE)").as<Date>().days, 19025);
  EXPECT_EQ(f.eval("CAST('2022-02-02T10:00:00.500+01:00' AS TIMESTAMP)").as<Timestamp>().millis,
            19025LL * 86400000 + 9 * 3600000 + 500);
  EXPECT_EQ(f.eval("CAST('10:11:12' AS TIME)").as<Time>().millis, (10 * 3600 + 11 * 60 + 12) * 1000);
  EXPECT_EQ(f.eval("CAST(TS AS DATE)").as<Date>().days, 0);
}

TEST(ExpressionCast, Containers) {
  ExprFixture f;
  EXPECT_EQ(f.eval("CAST(A AS STRING)").as<std::string>(), "[1, 2, 3]");
  EXPECT_EQ(f.eval("CAST(M AS STRING)").as<std::string>(), "{a=1, b=2}");
  EXPECT_EQ(f.eval("CAST(ST AS STRING)").as<std::string>(), "Struct{X=1,Y=y}");
  Value strings = f.eval("CAST(A AS ARRAY<STRING>)");
  ASSERT_TRUE(strings.is_array());
  EXPECT_EQ(strings.as_array()[2].as<std::string>(), "3");
  Value s = f.eval("CAST(ST AS STRUCT<Y STRING, Z INT>)");
  ASSERT_TRUE(s.is_struct());
  EXPECT_EQ(s.as_struct()[0].as<std::string>(), "y");
  EXPECT_TRUE(s.as_struct()[1].is_null());
  Value m = f.eval("CAST(M AS MAP<STRING, BIGINT>)");
  EXPECT_EQ(m.as_map()[1].second.as<int64_t>(), 2);
}

TEST(ExpressionCast, UnsupportedCastsFailAtBind) {
  ExprFixture f;
  EXPECT_EQ(f.bind_error("CAST(S AS MAP<STRING, INT>)"), "Cast of STRING to MAP<STRING, INTEGER> is not supported");
  EXPECT_EQ(f.bind_error("CAST(S AS STRUCT<F0 STRING, F1 INT>)"),
            "Cast of STRING to STRUCT<`F0` STRING, `F1` INTEGER> is not supported");
  EXPECT_FALSE(can_cast(T(TypeKind::boolean), T(TypeKind::int_)));
  EXPECT_TRUE(can_cast(T(TypeKind::int_), make_decimal(5, 2)));
}

TEST(ExpressionCast, CastValueDirect) {
  EvalErrors errors;
  Value v = cast_value(Value("12"), T(TypeKind::string), T(TypeKind::bigint), errors);
  EXPECT_EQ(v.as<int64_t>(), 12);
  v = cast_value(Value(int32_t{7}), T(TypeKind::int_), make_decimal(4, 2), errors);
  EXPECT_EQ(decimal_to_string(v.as<Decimal>()), "7.00");
  EXPECT_TRUE(errors.messages.empty());
  v = cast_value(Value("x"), T(TypeKind::string), T(TypeKind::double_), errors);
  EXPECT_TRUE(v.is_null());
  EXPECT_EQ(errors.messages.size(), 1u);
}

}  // namespace
}  // namespace tributary::sql::testing
