#include <gtest/gtest.h>

#include "sql/serde/serde_test_util.h"

namespace tributary::sql {
namespace {

using testing::col;
using testing::T;

TEST(Format, ParsesNamesCaseInsensitively) {
  EXPECT_EQ(*parse_format("json"), Format::json);
  EXPECT_EQ(*parse_format("KafkA"), Format::kafka);
  EXPECT_EQ(*parse_format("Delimited"), Format::delimited);
  EXPECT_EQ(*parse_format("NONE"), Format::none);
  auto bad = parse_format("AVROX");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("AVROX"), std::string::npos);
  EXPECT_STREQ(format_name(Format::delimited), "DELIMITED");
}

TEST(MakeSerde, JsonRejectsNonStringMapKeysAnywhere) {
  auto r = make_serde(Format::json, {col("M", make_array(make_map(T(TypeKind::int_), T(TypeKind::double_))))}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "JSON only supports MAP types with STRING keys");
  EXPECT_TRUE(make_serde(Format::json, {col("M", make_map(T(TypeKind::string), T(TypeKind::int_)))}, {}).ok());
}

TEST(MakeSerde, NoneCarriesNothing) {
  auto r = make_serde(Format::none, {}, {});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE((*r)->serialize({})->has_value());
  EXPECT_TRUE((*r)->deserialize(std::string_view("x"))->empty());
  EXPECT_FALSE(make_serde(Format::none, {col("K", T(TypeKind::int_))}, {}).ok());
}

TEST(WindowedKey, TimeWindowAppendsStart) {
  WindowBounds w{WindowBounds::Type::time, 1000, 0};
  std::string key = append_window("k", w);
  EXPECT_EQ(key, std::string("k") + std::string("\0\0\0\0\0\0\x03\xe8", 8));
  auto split = split_window(key, WindowBounds::Type::time, 500);
  ASSERT_TRUE(split.ok());
  EXPECT_EQ(split->first, "k");
  EXPECT_EQ(split->second.start, 1000);
  EXPECT_EQ(split->second.end, 1500);
}

TEST(WindowedKey, SessionWindowAppendsEndThenStart) {
  WindowBounds w{WindowBounds::Type::session, 12, 465};
  std::string key = append_window("abc", w);
  ASSERT_EQ(key.size(), 19u);
  EXPECT_EQ(key.substr(3, 8), std::string("\0\0\0\0\0\0\x01\xd1", 8));
  auto split = split_window(key, WindowBounds::Type::session, 0);
  ASSERT_TRUE(split.ok());
  EXPECT_EQ(split->first, "abc");
  EXPECT_EQ(split->second.start, 12);
  EXPECT_EQ(split->second.end, 465);
  EXPECT_EQ(split->second.type, WindowBounds::Type::session);
}

TEST(WindowedKey, ShortKeysAreErrors) {
  EXPECT_FALSE(split_window("short", WindowBounds::Type::time, 10).ok());
  EXPECT_FALSE(split_window(std::string(15, 'x'), WindowBounds::Type::session, 10).ok());
  auto none = split_window("raw", WindowBounds::Type::none, 0);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->first, "raw");
}

}  // namespace
}  // namespace tributary::sql
