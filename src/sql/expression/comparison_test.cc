#include "sql/expression/test_util.h"

namespace tributary::sql::testing {
namespace {

TEST(ExpressionComparison, NumbersCompareAcrossWidths) {
  ExprFixture f;
  EXPECT_TRUE(f.eval("I = 5").as<bool>());
  EXPECT_TRUE(f.eval("L > I").as<bool>());
  EXPECT_TRUE(f.eval("D < 2.6").as<bool>());
  EXPECT_TRUE(f.eval("DEC = 1.250").as<bool>());
  EXPECT_TRUE(f.eval("DEC <= 1.25").as<bool>());
  EXPECT_TRUE(f.eval("DEC <> 1.2").as<bool>());
  EXPECT_TRUE(f.eval("10 + 4 > 11 - 2").as<bool>());
}

TEST(ExpressionComparison, NullComparisonsAreFalseNotNull) {
  ExprFixture f;
  Value v = f.eval("N = 1");
  ASSERT_FALSE(v.is_null());
  EXPECT_FALSE(v.as<bool>());
  EXPECT_FALSE(f.eval("N <> 1").as<bool>());
  EXPECT_TRUE(f.eval("NOT (N = 1)").as<bool>());
  EXPECT_FALSE(f.eval("I = NULL").as<bool>());
}

TEST(ExpressionComparison, StringsBooleansAndContainers) {
  ExprFixture f;
  EXPECT_TRUE(f.eval("S = 'hello'").as<bool>());
  EXPECT_TRUE(f.eval("S > 'Hello'").as<bool>());
  EXPECT_TRUE(f.eval("B = true").as<bool>());
  EXPECT_TRUE(f.eval("A = ARRAY[1, 2, 3]").as<bool>());
  EXPECT_TRUE(f.eval("M = MAP('b' := 2, 'a' := 1)").as<bool>());  // order does not matter
  EXPECT_FALSE(f.eval("M = MAP('a' := 1)").as<bool>());
  EXPECT_TRUE(f.eval("ST = STRUCT(X := 1, Y := 'y')").as<bool>());
}

TEST(ExpressionComparison, TemporalComparesWithStrings) {
  ExprFixture f;
  EXPECT_TRUE(f.eval("TS = '1970-01-01T00:00:01'").as<bool>());
  EXPECT_TRUE(f.eval("TS < '1970-01-01T00:00:01.001Z'").as<bool>());
  EXPECT_TRUE(f.eval("DT = '1970-01-02'").as<bool>());
  EXPECT_TRUE(f.eval("TS < DT").as<bool>());
}

TEST(ExpressionComparison, IncompatibleTypesNameExpressions) {
  ExprFixture f;
  EXPECT_EQ(f.bind_error("I > S"), "Cannot compare I (INTEGER) to S (STRING) with GREATER_THAN.");
  EXPECT_EQ(f.bind_error("L > '100'"), "Cannot compare L (BIGINT) to '100' (STRING) with GREATER_THAN.");
  EXPECT_EQ(f.bind_error("A < A"), "Cannot compare A (ARRAY<INTEGER>) to A (ARRAY<INTEGER>) with LESS_THAN.");
  EXPECT_EQ(f.bind_error("M = 1"), "Cannot compare M (MAP<STRING, INTEGER>) to 1 (INTEGER) with EQUAL.");
}

TEST(ExpressionComparison, DistinctFromTreatsNullsAsValues) {
  ExprFixture f;
  EXPECT_FALSE(f.eval("N IS DISTINCT FROM NULL").as<bool>());
  EXPECT_TRUE(f.eval("N IS DISTINCT FROM 1").as<bool>());
  EXPECT_TRUE(f.eval("N IS NOT DISTINCT FROM N").as<bool>());
  EXPECT_FALSE(f.eval("I IS DISTINCT FROM 5").as<bool>());
  EXPECT_TRUE(f.eval("A IS NOT DISTINCT FROM ARRAY[1, 2, 3]").as<bool>());
}

TEST(ExpressionComparison, Between) {
  ExprFixture f;
  EXPECT_TRUE(f.eval("I BETWEEN 5 AND 6").as<bool>());
  EXPECT_FALSE(f.eval("I BETWEEN 6 AND 7").as<bool>());
  EXPECT_TRUE(f.eval("I NOT BETWEEN 6 AND 7").as<bool>());
  EXPECT_TRUE(f.eval("S BETWEEN 'a' AND 'i'").as<bool>());
  EXPECT_TRUE(f.eval("DEC BETWEEN 1.19 AND 1.25").as<bool>());
  EXPECT_FALSE(f.eval("N BETWEEN 0 AND 10").as<bool>());
  EXPECT_FALSE(f.eval("I BETWEEN N AND 10").as<bool>());
  EXPECT_TRUE(f.eval("1 BETWEEN 0 AND 2 AND 'b' BETWEEN 'a' AND 'c'").as<bool>());
}

TEST(ExpressionLogical, ThreeValuedLogic) {
  ExprFixture f;
  EXPECT_TRUE(f.eval("NB AND B").is_null());
  EXPECT_FALSE(f.eval("NB AND false").as<bool>());
  EXPECT_TRUE(f.eval("NB OR B").as<bool>());
  EXPECT_TRUE(f.eval("NB OR false").is_null());
  EXPECT_TRUE(f.eval("NOT NB").is_null());
  EXPECT_TRUE(f.eval("true OR false AND true").as<bool>());
  EXPECT_TRUE(f.eval("NOT 4 > 11").as<bool>());
  EXPECT_TRUE(f.eval("N IS NULL").as<bool>());
  EXPECT_FALSE(f.eval("I IS NULL").as<bool>());
  EXPECT_TRUE(f.eval("I IS NOT NULL").as<bool>());
  EXPECT_TRUE(f.eval("NULL IS NULL").as<bool>());
  EXPECT_EQ(f.bind_error("S AND B"),
            "Type error in AND expression: Should evaluate to boolean but is S (STRING) instead.");
}

}  // namespace
}  // namespace tributary::sql::testing
