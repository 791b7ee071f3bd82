#include <cmath>

#include "sql/expression/test_util.h"

namespace tributary::sql::testing {
namespace {

TEST(ExpressionLiterals, IntegerLiteralTypeDependsOnSize) {
  ExprFixture f;
  EXPECT_EQ(type_str(f.type_of("2147483647")), "INTEGER");
  EXPECT_EQ(type_str(f.type_of("2147483648")), "BIGINT");
  EXPECT_EQ(f.eval("-2147483647").as<int32_t>(), -2147483647);
  EXPECT_EQ(type_str(f.type_of("1.50")), "DECIMAL(3, 2)");
  EXPECT_EQ(type_str(f.type_of("0.05")), "DECIMAL(2, 2)");
  EXPECT_EQ(type_str(f.type_of("1.5E3")), "DOUBLE");
  EXPECT_EQ(f.eval("1.5E3").as<double>(), 1500.0);
  EXPECT_EQ(f.eval("'it''s'").as<std::string>(), "it's");
  EXPECT_TRUE(f.eval("NULL").is_null());
}

TEST(ExpressionArithmetic, WidensAcrossNumericTypes) {
  ExprFixture f;
  EXPECT_EQ(type_str(f.type_of("I + I")), "INTEGER");
  EXPECT_EQ(type_str(f.type_of("I + L")), "BIGINT");
  EXPECT_EQ(type_str(f.type_of("L * D")), "DOUBLE");
  EXPECT_EQ(f.eval("I + L").as<int64_t>(), 15);
  EXPECT_DOUBLE_EQ(f.eval("D * 2").as<double>(), 5.0);
  EXPECT_EQ(f.eval("12 * 4 + 2").as<int32_t>(), 50);
  EXPECT_EQ(f.eval("6 % 4 / 2 * 6").as<int32_t>(), 6);
  EXPECT_EQ(f.eval("10 - 2 + 5").as<int32_t>(), 13);
}

TEST(ExpressionArithmetic, IntegerSemanticsFollowJava) {
  ExprFixture f;
  EXPECT_EQ(f.eval("7 / 2").as<int32_t>(), 3);
  EXPECT_EQ(f.eval("-7 / 2").as<int32_t>(), -3);
  EXPECT_EQ(f.eval("-7 % 3").as<int32_t>(), -1);
  EXPECT_EQ(f.eval("2147483647 + I").as<int32_t>(), -2147483644);  // wraps
  EvalErrors errors;
  EXPECT_TRUE(f.eval("I / 0", &errors).is_null());
  ASSERT_EQ(errors.messages.size(), 1u);
  EXPECT_EQ(errors.messages[0], "/ by zero");
  EXPECT_TRUE(std::isinf(f.eval("D / 0").as<double>()));
}

TEST(ExpressionArithmetic, NullOperandGivesNull) {
  ExprFixture f;
  EXPECT_TRUE(f.eval("I + N").is_null());
  EXPECT_TRUE(f.eval("NULL + I").is_null());
  EXPECT_EQ(type_str(f.type_of("NULL + L")), "BIGINT");
  EXPECT_TRUE(f.eval("-N").is_null());
}

TEST(ExpressionArithmetic, DecimalPrecisionAndScale) {
  ExprFixture f;
  // DEC is DECIMAL(4,2) = 1.25
  EXPECT_EQ(type_str(f.type_of("DEC + DEC")), "DECIMAL(5, 2)");
  EXPECT_EQ(type_str(f.type_of("DEC * DEC")), "DECIMAL(9, 4)");
  EXPECT_EQ(type_str(f.type_of("DEC / DEC")), "DECIMAL(11, 7)");
  EXPECT_EQ(type_str(f.type_of("DEC + I")), "DECIMAL(13, 2)");
  EXPECT_EQ(type_str(f.type_of("DEC + D")), "DOUBLE");
  EXPECT_EQ(decimal_to_string(f.eval("DEC + DEC").as<Decimal>()), "2.50");
  EXPECT_EQ(decimal_to_string(f.eval("DEC * DEC").as<Decimal>()), "1.5625");
  EXPECT_EQ(decimal_to_string(f.eval("DEC / 3").as<Decimal>()), "0.4166666666667");
  EXPECT_EQ(decimal_to_string(f.eval("DEC - 2").as<Decimal>()), "-0.75");
  EXPECT_EQ(decimal_to_string(f.eval("DEC % 1").as<Decimal>()), "0.25");
  EXPECT_EQ(decimal_to_string(f.eval("-DEC").as<Decimal>()), "-1.25");
  EXPECT_DOUBLE_EQ(f.eval("DEC + D").as<double>(), 3.75);
  EvalErrors errors;
  EXPECT_TRUE(f.eval("DEC / 0", &errors).is_null());
  EXPECT_EQ(errors.messages.size(), 1u);
}

TEST(ExpressionArithmetic, StringConcatenation) {
  ExprFixture f;
  EXPECT_EQ(f.eval("S || ' world'").as<std::string>(), "hello world");
  EXPECT_EQ(f.eval("S + '!'").as<std::string>(), "hello!");
  EXPECT_TRUE(f.eval("S || NS").is_null());
}

TEST(ExpressionArithmetic, TypeErrorsAreBindErrors) {
  ExprFixture f;
  EXPECT_NE(f.bind_error("S + I").find("Unsupported arithmetic types"), std::string::npos);
  EXPECT_NE(f.bind_error("-S").find("unary minus"), std::string::npos);
  EXPECT_NE(f.bind_error("B * 2").find("BOOLEAN"), std::string::npos);
}

}  // namespace
}  // namespace tributary::sql::testing
