#include <gtest/gtest.h>

#include "sql/serde/serde_test_util.h"

namespace tributary::sql {
namespace {

using testing::col;
using testing::serde;
using testing::T;

std::vector<Value> read(const Serde& s, std::string_view bytes) {
  auto r = s.deserialize(bytes);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? r.value() : std::vector<Value>{};
}

std::string write(const Serde& s, const std::vector<Value>& row) {
  auto r = s.serialize(row);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() && r.value() ? *r.value() : "<null>";
}

TEST(JsonSerde, ReadsFieldsCaseInsensitivelyAndMissingAsNull) {
  auto s = serde(Format::json, {col("ID", T(TypeKind::bigint)), col("NAME", T(TypeKind::string)),
                                col("mixed", T(TypeKind::int_))});
  auto row = read(*s, R"({"id": 7, "Name": "bob", "MIXED": 3})");
  ASSERT_EQ(row.size(), 3u);
  EXPECT_EQ(row[0], Value(int64_t{7}));
  EXPECT_EQ(row[1], Value("bob"));
  EXPECT_TRUE(row[2].is_null());  // quoted lower-case column: only an exact match counts
  row = read(*s, R"({"mixed": 3})");
  EXPECT_TRUE(row[0].is_null());
  EXPECT_EQ(row[2], Value(int32_t{3}));
}

TEST(JsonSerde, ExactCaseWinsOverCaseInsensitive) {
  auto s = serde(Format::json, {col("A", T(TypeKind::int_))});
  EXPECT_EQ(read(*s, R"({"A": 1, "a": 2})")[0], Value(int32_t{1}));
  EXPECT_EQ(read(*s, R"({"a": 2, "A": 1})")[0], Value(int32_t{1}));
}

TEST(JsonSerde, WideRowsMatchNamesTheSameWay) {
  std::vector<Column> cols;
  for (int i = 0; i < 12; ++i) cols.push_back(col("C" + std::to_string(i), T(TypeKind::int_)));
  cols.push_back(col("quoted", T(TypeKind::int_)));
  auto s = serde(Format::json, cols);
  auto row = read(*s, R"({"c3": 3, "C11": 11, "QUOTED": 1, "C3": 33, "c3": 4, "unknown": 5})");
  ASSERT_EQ(row.size(), 13u);
  EXPECT_EQ(row[3], Value(int32_t{33}));  // the exact-case field wins whatever the order
  EXPECT_EQ(row[11], Value(int32_t{11}));
  EXPECT_TRUE(row[12].is_null());
  EXPECT_TRUE(row[0].is_null());
}

TEST(JsonSerde, NullRecordAndTombstoneReadAsAllNull) {
  auto s = serde(Format::json, {col("A", T(TypeKind::int_)), col("B", T(TypeKind::string))});
  for (auto bytes : {std::optional<std::string_view>(), std::optional<std::string_view>("null")}) {
    auto r = s->deserialize(bytes);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), 2u);
    EXPECT_TRUE((*r)[0].is_null());
    EXPECT_TRUE((*r)[1].is_null());
  }
}

TEST(JsonSerde, WritesWrappedObjectWithNulls) {
  auto s = serde(Format::json, {col("ID", T(TypeKind::bigint)), col("NAME", T(TypeKind::string)),
                                col("D", T(TypeKind::double_))});
  EXPECT_EQ(write(*s, {Value(int64_t{1}), Value(), Value(10.0)}), R"({"ID":1,"NAME":null,"D":10.0})");
}

TEST(JsonSerde, UnwrappedSingleValueBothWays) {
  SerdeOptions opts;
  opts.wrap_single = false;
  auto s = serde(Format::json, {col("V", T(TypeKind::int_))}, opts);
  EXPECT_EQ(read(*s, "10")[0], Value(int32_t{10}));
  EXPECT_EQ(write(*s, {Value(int32_t{123})}), "123");
  auto null_out = s->serialize({Value()});
  ASSERT_TRUE(null_out.ok());
  EXPECT_FALSE(null_out->has_value());  // a NULL single value is a null record

  auto arr = serde(Format::json, {col("FOO", make_array(T(TypeKind::string)))}, opts);
  auto row = read(*arr, R"(["a", "b", null])");
  ASSERT_TRUE(row[0].is_array());
  EXPECT_EQ(row[0].as_array().size(), 3u);
  EXPECT_TRUE(row[0].as_array()[2].is_null());
  EXPECT_EQ(write(*arr, row), R"(["a","b",null])");
}

TEST(JsonSerde, WrappedSingleValueRejectsBareScalar) {
  auto s = serde(Format::json, {col("V", T(TypeKind::int_))});
  auto r = s->deserialize(std::string_view("10"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("Can't convert type. sourceType: IntNode"), std::string::npos)
      << r.status().message();
}

TEST(JsonSerde, CoercesScalars) {
  auto s = serde(Format::json, {col("S", T(TypeKind::string)), col("I", T(TypeKind::int_)),
                                col("B", T(TypeKind::bigint)), col("D", T(TypeKind::double_)),
                                col("DEC", make_decimal(4, 2))});
  auto row = read(*s, R"({"S": 12, "I": "42", "B": "-9000000000", "D": 3, "DEC": 1.005})");
  EXPECT_EQ(row[0], Value("12"));
  EXPECT_EQ(row[1], Value(int32_t{42}));
  EXPECT_EQ(row[2], Value(int64_t{-9000000000}));
  ASSERT_TRUE(row[3].is<double>());
  EXPECT_EQ(row[3].as<double>(), 3.0);
  ASSERT_TRUE(row[4].is<Decimal>());
  EXPECT_EQ(decimal_to_string(row[4].as<Decimal>()), "1.01");  // rounded half up to the scale
  row = read(*s, R"({"S": 1.0, "D": 2.5e20})");
  EXPECT_EQ(row[0], Value("1.0"));
  row = read(*s, R"({"S": 1.5e20})");
  EXPECT_EQ(row[0], Value("1.5E+20"));
  row = read(*s, R"({"S": true, "DEC": "12.3"})");
  EXPECT_EQ(row[0], Value("true"));
  EXPECT_EQ(decimal_to_string(row[4].as<Decimal>()), "12.30");
}

TEST(JsonSerde, StringColumnTakesContainersAsText) {
  auto s = serde(Format::json, {col("OBJ", T(TypeKind::string)), col("ARR", T(TypeKind::string))});
  auto row = read(*s, R"({"OBJ": {"ITEMID": 6, "CATEGORY": {"ID": 2, "NAME": "Food"}, "NAME": "Item_6"},
                          "ARR": ["a", 1, null]})");
  EXPECT_EQ(row[0], Value(R"({"ITEMID":6,"CATEGORY":{"ID":2,"NAME":"Food"},"NAME":"Item_6"})"));
  EXPECT_EQ(row[1], Value("[a, 1, null]"));
}

TEST(JsonSerde, ErrorsNameSourceTypeRequiredTypeAndPath) {
  auto s = serde(Format::json, {col("V", T(TypeKind::int_)), col("S", make_struct({{"F", T(TypeKind::bigint)}}))});
  auto r = s->deserialize(std::string_view(R"({"V": "abc"})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "Can't coerce string to type. targetType: INTEGER, path: $.V");
  r = s->deserialize(std::string_view(R"({"V": true})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "Can't convert type. sourceType: BooleanNode, requiredType: INTEGER, path: $.V");
  r = s->deserialize(std::string_view(R"({"S": {"f": [1]}})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "Can't convert type. sourceType: ArrayNode, requiredType: BIGINT, path: $.S.F");
  r = s->deserialize(std::string_view(R"({"V": )"));
  EXPECT_FALSE(r.ok());
}

TEST(JsonSerde, NestedTypesRoundTrip) {
  SqlType type = make_struct({{"A", make_array(make_map(T(TypeKind::string), T(TypeKind::double_)))},
                              {"B", T(TypeKind::boolean)}});
  auto s = serde(Format::json, {col("X", type)});
  auto row = read(*s, R"({"x": {"a": [{"k": 1.5, "n": null}], "B": false}})");
  ASSERT_TRUE(row[0].is_struct());
  const StructFields& f = row[0].as_struct();
  ASSERT_TRUE(f[0].is_array());
  const MapEntries& m = f[0].as_array()[0].as_map();
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].first, Value("k"));
  EXPECT_EQ(m[0].second, Value(1.5));
  EXPECT_EQ(f[1], Value(false));
  EXPECT_EQ(write(*s, row), R"({"X":{"A":[{"k":1.5,"n":null}],"B":false}})");
}

TEST(JsonSerde, DuplicateMapKeysKeepTheLastValue) {
  SerdeOptions opts;
  opts.wrap_single = false;
  auto s = serde(Format::json, {col("M", make_map(T(TypeKind::string), T(TypeKind::int_)))}, opts);
  std::string text = "{";
  for (int i = 0; i < 20; ++i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",";
  text += R"("k1": 100, "k19": 190})";
  auto row = read(*s, text);
  const MapEntries& m = row[0].as_map();
  ASSERT_EQ(m.size(), 20u);
  EXPECT_EQ(m[1].second, Value(int32_t{100}));
  EXPECT_EQ(m[19].second, Value(int32_t{190}));
  auto small = read(*s, R"({"a": 1, "a": 2})");
  ASSERT_EQ(small[0].as_map().size(), 1u);
  EXPECT_EQ(small[0].as_map()[0].second, Value(int32_t{2}));
}

TEST(JsonSerde, WritesTemporalBytesAndDecimalForms) {
  auto s = serde(Format::json, {col("TS", T(TypeKind::timestamp)), col("DT", T(TypeKind::date)),
                                col("TM", T(TypeKind::time)), col("BY", T(TypeKind::bytes)),
                                col("DEC", make_decimal(6, 4)), col("BIG", T(TypeKind::double_))});
  std::vector<Value> row = {Value(Timestamp{1000}), Value(Date{3}), Value(Time{500}), Value(Bytes{"hi"}),
                            Value(Decimal{12365, 3}), Value(1e10)};
  std::string text = write(*s, row);
  EXPECT_EQ(text, R"({"TS":1000,"DT":3,"TM":500,"BY":"aGk=","DEC":12.3650,"BIG":1.0E10})");
  auto back = read(*s, text);
  EXPECT_EQ(back[0], Value(Timestamp{1000}));
  EXPECT_EQ(back[1], Value(Date{3}));
  EXPECT_EQ(back[2], Value(Time{500}));
  EXPECT_EQ(back[3].as<Bytes>().data, "hi");
  EXPECT_EQ(decimal_to_string(back[4].as<Decimal>()), "12.3650");
  EXPECT_EQ(back[5], Value(1e10));
}

TEST(JsonSerde, SingleKeyColumnIsNeverWrapped) {
  auto s = serde(Format::json, {col("K", make_struct({{"F", T(TypeKind::double_)}}), Column::Role::key)});
  auto row = read(*s, R"({"f": 45.67})");
  ASSERT_TRUE(row[0].is_struct());
  EXPECT_EQ(row[0].as_struct()[0], Value(45.67));
  EXPECT_EQ(write(*s, row), R"({"F":45.67})");
}

TEST(JsonSerde, MultiColumnKeyIsAnObject) {
  SerdeOptions key_opts;
  key_opts.wrap_single = false;
  auto s = serde(Format::json, {col("K1", T(TypeKind::string), Column::Role::key),
                                col("K2", T(TypeKind::string), Column::Role::key)}, key_opts);
  EXPECT_EQ(write(*s, {Value("foo,bar"), Value("baz")}), R"({"K1":"foo,bar","K2":"baz"})");
}

TEST(JsonSerde, EscapesStrings) {
  SerdeOptions opts;
  opts.wrap_single = false;
  auto s = serde(Format::json, {col("S", T(TypeKind::string))}, opts);
  std::string text = write(*s, {Value(std::string("a\"b\\c\n\x01 é"))});
  EXPECT_EQ(text, "\"a\\\"b\\\\c\\n\\u0001 é\"");
  EXPECT_EQ(read(*s, text)[0], Value(std::string("a\"b\\c\n\x01 é")));
}

}  // namespace
}  // namespace tributary::sql
