#include <gtest/gtest.h>

#include "sql/serde/serde_test_util.h"

namespace tributary::sql {
namespace {

using testing::col;
using testing::serde;
using testing::T;

TEST(DelimitedSerde, ReadsAndWritesRecords) {
  auto s = serde(Format::delimited, {col("ID", T(TypeKind::bigint)), col("NAME", T(TypeKind::string)),
                                     col("VALUE", T(TypeKind::int_))});
  auto row = s->deserialize(std::string_view("0,zero,0"));
  ASSERT_TRUE(row.ok()) << row.status().message();
  EXPECT_EQ((*row)[0], Value(int64_t{0}));
  EXPECT_EQ((*row)[1], Value("zero"));
  EXPECT_EQ((*row)[2], Value(int32_t{0}));
  EXPECT_EQ(**s->serialize(*row), "0,zero,0");
}

TEST(DelimitedSerde, CustomDelimiterAndQuoting) {
  SerdeOptions opts;
  opts.delimiter = '|';
  auto s = serde(Format::delimited, {col("A", T(TypeKind::string)), col("B", T(TypeKind::string))}, opts);
  auto row = s->deserialize(std::string_view("\"x|\"\"y\"\"\"|plain"));
  ASSERT_TRUE(row.ok()) << row.status().message();
  EXPECT_EQ((*row)[0], Value("x|\"y\""));
  EXPECT_EQ((*row)[1], Value("plain"));
  EXPECT_EQ(**s->serialize(*row), "\"x|\"\"y\"\"\"|plain");
  EXPECT_EQ(**s->serialize({Value("a,b"), Value(" lead")}), "a,b|\" lead\"");
  opts.delimiter = '\t';
  auto tab = serde(Format::delimited, {col("A", T(TypeKind::int_)), col("B", T(TypeKind::string))}, opts);
  EXPECT_EQ((*tab->deserialize(std::string_view("100\tzero")))[1], Value("zero"));
}

TEST(DelimitedSerde, QuotesLikeCommonsCsv) {
  auto one = serde(Format::delimited, {col("D", T(TypeKind::date))});
  EXPECT_EQ(**one->serialize({Value(Date{-10})}), "\"-10\"");
  EXPECT_EQ((*one->deserialize(std::string_view("\"-10\"")))[0], Value(Date{-10}));
  auto two = serde(Format::delimited, {col("A", T(TypeKind::int_)), col("B", T(TypeKind::int_))});
  EXPECT_EQ(**two->serialize({Value(int32_t{101}), Value(int32_t{-101})}), "101,-101");
  EXPECT_EQ(**two->serialize({Value(), Value(int32_t{1})}), ",1");
  auto strs = serde(Format::delimited, {col("A", T(TypeKind::string)), col("B", T(TypeKind::string)),
                                        col("C", T(TypeKind::string)), col("D", T(TypeKind::string))});
  EXPECT_EQ(**strs->serialize({Value(" \t x \t"), Value("plain"), Value("\t y"), Value("")}),
            "\" \t x \t\",plain,\"\t y\",");
}

TEST(DelimitedSerde, EmptyFieldsAreNullAndNullsWriteEmpty) {
  auto s = serde(Format::delimited, {col("A", T(TypeKind::int_)), col("B", T(TypeKind::string)),
                                     col("C", T(TypeKind::double_))});
  auto row = s->deserialize(std::string_view(",,"));
  ASSERT_TRUE(row.ok());
  for (const Value& v : *row) EXPECT_TRUE(v.is_null());
  EXPECT_EQ(**s->serialize({Value(int32_t{1}), Value(), Value(2.0)}), "1,,2.0");
}

TEST(DelimitedSerde, QuotedKeyValuesAndDecimalScale) {
  auto b = serde(Format::delimited, {col("K", T(TypeKind::boolean), Column::Role::key)});
  EXPECT_EQ((*b->deserialize(std::string_view("\"true\"")))[0], Value(true));
  EXPECT_EQ((*b->deserialize(std::string_view("no")))[0], Value(false));
  auto d = serde(Format::delimited, {col("K", make_decimal(6, 4), Column::Role::key)});
  auto row = d->deserialize(std::string_view("\"12.0\""));
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(**d->serialize(*row), "12.0000");
  auto dbl = serde(Format::delimited, {col("K", T(TypeKind::double_))});
  EXPECT_EQ((*dbl->deserialize(std::string_view("\"123.456\"")))[0], Value(123.456));
}

TEST(DelimitedSerde, Errors) {
  auto s = serde(Format::delimited, {col("A", T(TypeKind::int_)), col("B", T(TypeKind::int_))});
  auto r = s->deserialize(std::string_view("1,2,3"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("expected: 2, got: 3"), std::string::npos) << r.status().message();
  r = s->deserialize(std::string_view("1,x"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("column: `B`"), std::string::npos) << r.status().message();
  auto bad = make_serde(Format::delimited, {col("K", make_array(T(TypeKind::double_)), Column::Role::key)}, {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "The 'DELIMITED' format does not support type 'ARRAY', column: `K`");
  bad = make_serde(Format::delimited, {col("FOO", make_struct({{"F1", T(TypeKind::double_)}}))}, {});
  EXPECT_NE(bad.status().message().find("The 'DELIMITED' format does not support type 'STRUCT'"), std::string::npos);
}

}  // namespace
}  // namespace tributary::sql
