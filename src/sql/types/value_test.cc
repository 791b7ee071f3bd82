#include "sql/types/value.h"

#include <gtest/gtest.h>

#include "sql/types/schema.h"
#include "sql/types/sql_type.h"

namespace tributary::sql {
namespace {

Decimal dec(std::string_view text) {
  Decimal d;
  EXPECT_TRUE(decimal_from_string(text, &d)) << text;
  return d;
}

TEST(ValueTest, EqualityIsDeepAndNullEqualsNull) {
  EXPECT_EQ(Value(), Value());
  EXPECT_EQ(Value::array({Value(int32_t{1}), Value("a")}), Value::array({Value(int32_t{1}), Value("a")}));
  EXPECT_FALSE(Value(int32_t{1}) == Value(int64_t{1}));  // different SQL types never group together
  EXPECT_EQ(hash_value(Value::struct_({Value("x")})), hash_value(Value::struct_({Value("x")})));
}

TEST(ValueTest, DecimalsCompareAcrossScales) {
  EXPECT_EQ(Value(dec("1.50")), Value(dec("1.5")));
  EXPECT_EQ(hash_value(Value(dec("1.50"))), hash_value(Value(dec("1.5"))));
  EXPECT_LT(compare_values(Value(dec("1.49")), Value(dec("1.5"))), 0);
}

TEST(ValueTest, NumbersCompareNumericallyAndNullSortsFirst) {
  EXPECT_LT(compare_values(Value(int32_t{2}), Value(2.5)), 0);
  EXPECT_GT(compare_values(Value(int64_t{3}), Value(int32_t{2})), 0);
  EXPECT_LT(compare_values(Value(), Value(int32_t{-100})), 0);
  EXPECT_LT(compare_values(Value("abc"), Value("abd")), 0);
}

TEST(ValueTest, DecimalTextRoundTripsAndRescalesHalfUp) {
  EXPECT_EQ(decimal_to_string(dec("12.340")), "12.340");
  EXPECT_EQ(decimal_to_string(dec("-0.05")), "-0.05");
  EXPECT_EQ(decimal_to_string(dec("1e3")), "1000");
  EXPECT_EQ(decimal_to_string(decimal_rescale(dec("2.345"), 2)), "2.35");
  EXPECT_EQ(decimal_to_string(decimal_rescale(dec("-2.345"), 2)), "-2.35");
  EXPECT_EQ(decimal_digits(dec("123.45")), 5);
  Decimal d;
  EXPECT_FALSE(decimal_from_string("12a", &d));
  EXPECT_FALSE(decimal_from_string("", &d));
}

TEST(SqlTypeTest, PrintsKsqlSpellingAndWidens) {
  SqlType s = make_struct({{"A", make_type(TypeKind::int_)}, {"b", make_array(make_decimal(4, 2))}});
  EXPECT_EQ(type_to_string(s), "STRUCT<`A` INTEGER, `b` ARRAY<DECIMAL(4, 2)>>");
  EXPECT_EQ(type_to_string(make_map(make_type(TypeKind::string), make_type(TypeKind::bigint))), "MAP<STRING, BIGINT>");
  EXPECT_EQ(widen_numeric(make_type(TypeKind::int_), make_type(TypeKind::bigint)).kind, TypeKind::bigint);
  EXPECT_EQ(widen_numeric(make_decimal(4, 2), make_type(TypeKind::double_)).kind, TypeKind::double_);
  SqlType w = widen_numeric(make_decimal(4, 2), make_type(TypeKind::int_));
  EXPECT_EQ(type_to_string(w), "DECIMAL(12, 2)");
}

TEST(SchemaTest, FindsColumnsByRoleAndPrints) {
  Schema schema{{{"ID", make_type(TypeKind::bigint), Column::Role::key, ""},
                 {"name", make_type(TypeKind::string), Column::Role::value, ""}}};
  EXPECT_EQ(schema.find("name"), 1u);
  EXPECT_FALSE(schema.find("NAME").has_value());
  EXPECT_EQ(schema.key_columns().size(), 1u);
  EXPECT_EQ(schema.to_string(), "ID BIGINT KEY, `name` STRING");
}

}  // namespace
}  // namespace tributary::sql
