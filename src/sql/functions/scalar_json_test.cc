#include "sql/functions/scalar_test_util.h"

namespace tributary::sql::test {
namespace {

Value extract(const std::string& json, const std::string& path) {
  return call("EXTRACTJSONFIELD", {kString, kString}, {Value(json), Value(path)});
}

TEST(ScalarJson, ExtractJsonField) {
  EXPECT_EQ(extract(R"({"nested": "nest0"})", "$.nested").as<std::string>(), "nest0");
  EXPECT_EQ(extract(R"({"array": [1.23450]})", "$.array[0]").as<std::string>(), "1.23450");
  EXPECT_TRUE(extract(R"({"array": [1, 2]})", "$.array[-1]").is_null());
  EXPECT_TRUE(extract(R"({"array": [1, 2]})", "$.array[2]").is_null());
  EXPECT_EQ(extract(R"({"a": {"b": [ {"c" : 1 }, "x"]}})", "$.a.b[0]").as<std::string>(), R"({"c":1})");
  EXPECT_EQ(extract(R"({"a": {"b c": true}})", "$.a['b c']").as<std::string>(), "true");
  EXPECT_TRUE(extract(R"({"a": null})", "$.a").is_null());
  EXPECT_TRUE(extract("not json", "$.a").is_null());
  EXPECT_EQ(extract(R"({"s": "a\"b\u0041"})", "$.s").as<std::string>(), "a\"bA");
}

TEST(ScalarJson, JsonHelpers) {
  auto is_json = bind("IS_JSON_STRING", {kString});
  ASSERT_TRUE(is_json.ok());
  EXPECT_TRUE(call_bound(*is_json, {Value("[1,2]")}).as<bool>());
  EXPECT_FALSE(call_bound(*is_json, {Value("abc")}).as<bool>());
  EXPECT_FALSE(call_bound(*is_json, {Value()}).as<bool>());
  EXPECT_EQ(call("JSON_ARRAY_LENGTH", {kString}, {Value("[1, [2], 3]")}).as<int32_t>(), 3);
  EXPECT_TRUE(call("JSON_ARRAY_LENGTH", {kString}, {Value("{}")}).is_null());
  EXPECT_EQ(strings(call("JSON_KEYS", {kString}, {Value(R"({"a": 1, "b": 2})")})), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(call("JSON_CONCAT", {kString, kString}, {Value(R"({"a": 1})"), Value(R"({"b": 2})")}).as<std::string>(),
            R"({"a":1,"b":2})");
  EXPECT_EQ(call("JSON_CONCAT", {kString, kString}, {Value("[1]"), Value("2")}).as<std::string>(), "[1,2]");
  Value rec = call("JSON_RECORDS", {kString}, {Value(R"({"a": [1], "b": "x"})")});
  ASSERT_EQ(rec.as_map().size(), 2u);
  EXPECT_EQ(rec.as_map()[1].second.as<std::string>(), "\"x\"");
}

TEST(ScalarJson, ToJsonString) {
  SqlType t = make_struct({{"A", kInt}, {"B", make_array(kDouble)}, {"C", make_map(kString, kString)}});
  Value v = Value::struct_({Value(int32_t{1}), Value::array({Value(1.0), Value()}), Value::map({{Value("k"), Value("v\"")}})});
  EXPECT_EQ(call("TO_JSON_STRING", {t}, {v}).as<std::string>(), R"({"A":1,"B":[1.0,null],"C":{"k":"v\""}})");
  EXPECT_EQ(call("TO_JSON_STRING", {make_decimal(4, 2)}, {Value(Decimal{1230, 2})}).as<std::string>(), "12.30");
  EXPECT_EQ(call("TO_JSON_STRING", {kString}, {Value()}).as<std::string>(), "null");
}

}  // namespace
}  // namespace tributary::sql::test
