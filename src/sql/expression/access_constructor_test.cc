#include "sql/expression/test_util.h"

namespace tributary::sql::testing {
namespace {

TEST(ExpressionAccess, StructMapArray) {
  ExprFixture f;
  EXPECT_EQ(f.eval("ST->X").as<int32_t>(), 1);
  EXPECT_EQ(f.eval("ST->Y").as<std::string>(), "y");
  EXPECT_EQ(f.eval("M['b']").as<int32_t>(), 2);
  EXPECT_TRUE(f.eval("M['zz']").is_null());
  EXPECT_EQ(f.eval("A[1]").as<int32_t>(), 1);
  EXPECT_EQ(f.eval("A[-1]").as<int32_t>(), 3);
  EXPECT_TRUE(f.eval("A[4]").is_null());
  EXPECT_TRUE(f.eval("A[0]").is_null());
  EXPECT_TRUE(f.eval("A[-4]").is_null());
  EXPECT_EQ(f.eval("ARRAY[ARRAY[0, 1], ARRAY[2]][1][2]").as<int32_t>(), 1);
  EXPECT_EQ(f.eval("STRUCT(P := STRUCT(NAME := 'G'))->P->NAME").as<std::string>(), "G");
  EXPECT_TRUE(f.eval("CAST(NULL AS STRUCT<X INT>)->X").is_null());
  EXPECT_FALSE(f.bind_error("ST->NOPE").empty());
  EXPECT_FALSE(f.bind_error("I->X").empty());
  EXPECT_FALSE(f.bind_error("A['x']").empty());
}

TEST(ExpressionConstructors, Array) {
  ExprFixture f;
  Value v = f.eval("ARRAY[I, N, 3]");
  ASSERT_TRUE(v.is_array());
  EXPECT_EQ(v.as_array().size(), 3u);
  EXPECT_TRUE(v.as_array()[1].is_null());
  EXPECT_EQ(type_str(f.type_of("ARRAY[NULL, 10, '2e1', I, L]")), "ARRAY<BIGINT>");
  Value widened = f.eval("ARRAY[NULL, 10, '2e1', I, L]");
  EXPECT_EQ(widened.as_array()[2].as<int64_t>(), 20);
  EXPECT_EQ(widened.as_array()[4].as<int64_t>(), 10);
  EXPECT_EQ(type_str(f.type_of("ARRAY[NULL, STRUCT(X := I, Y := L), STRUCT(Y := I, Z := L)]")),
            "ARRAY<STRUCT<`X` INTEGER, `Y` BIGINT, `Z` BIGINT>>");
  Value structs = f.eval("ARRAY[STRUCT(X := I, Y := L), STRUCT(Y := I, Z := L)]");
  EXPECT_TRUE(structs.as_array()[1].as_struct()[0].is_null());
  EXPECT_EQ(structs.as_array()[1].as_struct()[1].as<int64_t>(), 5);
  EXPECT_NE(f.bind_error("ARRAY[]").find("Array constructor cannot be empty"), std::string::npos);
  EXPECT_NE(f.bind_error("ARRAY[NULL]").find("Cannot construct an array with all NULL elements"), std::string::npos);
  EXPECT_NE(f.bind_error("ARRAY[1, 'not a number']").find("invalid input syntax for type INTEGER: \"not a number\""),
            std::string::npos);
}

TEST(ExpressionConstructors, MapAndStruct) {
  ExprFixture f;
  Value m = f.eval("MAP(S := I, 'k' := I * 2)");
  ASSERT_TRUE(m.is_map());
  EXPECT_EQ(m.as_map()[1].second.as<int32_t>(), 10);
  EXPECT_EQ(type_str(f.type_of("MAP(S := I, NULL := I)")), "MAP<STRING, INTEGER>");
  EXPECT_EQ(f.bind_error("MAP(S := I, 'x' := 'hello')"), "invalid input syntax for type INTEGER: \"hello\".");
  EXPECT_EQ(f.bind_error("MAP(S := NULL, 'x' := NULL)"), "Cannot construct a map with all NULL values");
  EXPECT_EQ(f.bind_error("MAP(NULL := I)"), "Cannot construct a map with all NULL keys");
  Value s = f.eval("STRUCT(F1 := S, `f1` := I)");
  EXPECT_EQ(type_str(f.type_of("STRUCT(F1 := S, `f1` := I)")), "STRUCT<`F1` STRING, `f1` INTEGER>");
  EXPECT_EQ(s.as_struct()[1].as<int32_t>(), 5);
  EXPECT_TRUE(f.eval("STRUCT()").is_struct());
  EXPECT_EQ(f.bind_error("STRUCT(A := 1, A := 2)"), "Duplicate field names found in STRUCT");
}

}  // namespace
}  // namespace tributary::sql::testing
