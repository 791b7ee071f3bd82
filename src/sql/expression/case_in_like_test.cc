#include "sql/expression/test_util.h"

namespace tributary::sql::testing {
namespace {

TEST(ExpressionCase, SearchedAndSimple) {
  ExprFixture f;
  EXPECT_EQ(f.eval("CASE WHEN D < 2.0 THEN 'small' WHEN D < 4.0 THEN 'medium' ELSE 'large' END").as<std::string>(),
            "medium");
  EXPECT_TRUE(f.eval("CASE WHEN D > 3.0 THEN L + 2 END").is_null());
  EXPECT_EQ(f.eval("CASE WHEN NB THEN 'x' ELSE 'default' END").as<std::string>(), "default");
  EXPECT_EQ(f.eval("CASE I WHEN 4 THEN 'four' WHEN 5 THEN 'five' END").as<std::string>(), "five");
  EXPECT_EQ(type_str(f.type_of("CASE WHEN B THEN 'small' ELSE NULL END")), "STRING");
  EXPECT_EQ(type_str(f.type_of("CASE WHEN B THEN I ELSE L END")), "BIGINT");
  EXPECT_EQ(f.eval("CASE WHEN B THEN I ELSE L END").as<int64_t>(), 5);
}

TEST(ExpressionCase, Errors) {
  ExprFixture f;
  EXPECT_EQ(f.bind_error("CASE WHEN B THEN NULL ELSE NULL END"),
            "Invalid Case expression. All case branches have NULL type");
  EXPECT_NE(f.bind_error("CASE WHEN I THEN 1 END").find("WHEN operand type should be boolean"), std::string::npos);
}

TEST(ExpressionIn, LiteralsAdoptTheValueType) {
  ExprFixture f;
  EXPECT_TRUE(f.eval("I IN (1, 2, 5)").as<bool>());
  EXPECT_FALSE(f.eval("I IN (1, 2)").as<bool>());
  EXPECT_TRUE(f.eval("I NOT IN (1, 2)").as<bool>());
  EXPECT_TRUE(f.eval("I IN ('5.000')").as<bool>());
  EXPECT_FALSE(f.eval("I IN (5.10)").as<bool>());
  EXPECT_TRUE(f.eval("I IN (L, D, 5.0)").as<bool>());
  EXPECT_TRUE(f.eval("B IN ('tr')").as<bool>());
  EXPECT_TRUE(f.eval("S IN (true, 10, 'hello')").as<bool>());
  EXPECT_TRUE(f.eval("'10.30' IN (10.30)").as<bool>());
  EXPECT_FALSE(f.eval("N IN (1, 2)").as<bool>());
  EXPECT_TRUE(f.eval("A IN (ARRAY[1, 2, 3])").as<bool>());
  EXPECT_TRUE(f.eval("M IN (MAP('a' := 1, 'b' := 2))").as<bool>());
}

TEST(ExpressionIn, Errors) {
  ExprFixture f;
  EXPECT_EQ(f.bind_error("B IN (true, 'Not a boolean')"),
            "Invalid Predicate: invalid input syntax for type BOOLEAN: \"Not a boolean\".");
  EXPECT_NE(f.bind_error("B IN (true, S)").find("Invalid Predicate: operator does not exist: BOOLEAN = STRING (S)"),
            std::string::npos);
  EXPECT_NE(f.bind_error("I IN (10, true)").find("Invalid Predicate: operator does not exist: INTEGER = BOOLEAN (true)"),
            std::string::npos);
  EXPECT_NE(f.bind_error("DEC IN (10, true)").find("operator does not exist: DECIMAL(12, 2) = BOOLEAN (true)"),
            std::string::npos);
  EXPECT_EQ(f.bind_error("DEC IN (10.0, '10.0 - not a number')"),
            "Invalid Predicate: invalid input syntax for type DECIMAL: \"10.0 - not a number\".");
  EXPECT_NE(f.bind_error("ST IN (STRUCT(X := 'not 10'))").find("invalid input syntax for type INTEGER: \"not 10\""),
            std::string::npos);
  EXPECT_NE(f.bind_error("A IN (ARRAY[B])").find("operator does not exist: ARRAY<INTEGER> = ARRAY<BOOLEAN> (ARRAY[B])"),
            std::string::npos);
}

TEST(ExpressionLike, WildcardsAndEscape) {
  ExprFixture f;
  EXPECT_TRUE(f.eval("S LIKE '%ell%'").as<bool>());
  EXPECT_TRUE(f.eval("S LIKE 'h_llo'").as<bool>());
  EXPECT_FALSE(f.eval("S LIKE 'h_lo'").as<bool>());
  EXPECT_FALSE(f.eval("S LIKE 'HELLO'").as<bool>());
  EXPECT_TRUE(f.eval("S NOT LIKE 'x%'").as<bool>());
  EXPECT_TRUE(f.eval("S LIKE P").as<bool>());  // P = '%l_o'
  EXPECT_TRUE(f.eval("'%' LIKE '!%' ESCAPE '!'").as<bool>());
  EXPECT_FALSE(f.eval("'x' LIKE '!%' ESCAPE '!'").as<bool>());
  EXPECT_TRUE(f.eval("'a_b' LIKE 'a\\_b' ESCAPE '\\'").as<bool>());
  EXPECT_TRUE(f.eval("'é' LIKE '_'").as<bool>());
  EXPECT_FALSE(f.eval("NS LIKE '%'").as<bool>());
  EXPECT_TRUE(f.eval("'this' LIKE '%hi%' AND true").as<bool>());
  EXPECT_FALSE(f.bind_error("I LIKE '1'").empty());
  EXPECT_TRUE(f.eval("'xaxxb' LIKE '%a%b'").as<bool>());
  EXPECT_FALSE(f.eval("'xaxxbc' LIKE '%a%b'").as<bool>());
  EXPECT_FALSE(f.eval("'ba' LIKE 'a%'").as<bool>());
  EXPECT_TRUE(f.eval("'' LIKE '%%'").as<bool>());
  EXPECT_TRUE(f.eval("'abcabd' LIKE '%abd'").as<bool>());
  EXPECT_TRUE(f.eval("'STATE_9' LIKE '%_9'").as<bool>());
}

}  // namespace
}  // namespace tributary::sql::testing
