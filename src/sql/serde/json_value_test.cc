#include <gtest/gtest.h>

#include "common/text_encoding.h"
#include "sql/serde/json_text.h"
#include "sql/serde/serde_test_util.h"

namespace tributary::sql {
namespace {

using testing::T;

TEST(JsonValue, ToJsonForms) {
  EXPECT_EQ(value_to_json(Value(int32_t{5}), T(TypeKind::int_)), nlohmann::json(5));
  EXPECT_EQ(value_to_json(Value(Decimal{1010, 2}), make_decimal(4, 2)).get<double>(), 10.1);
  EXPECT_EQ(value_to_json(Value(Timestamp{42}), T(TypeKind::timestamp)), nlohmann::json(42));
  EXPECT_EQ(value_to_json(Value(Bytes{"hi"}), T(TypeKind::bytes)), nlohmann::json("aGk="));
  SqlType st = make_struct({{"A", T(TypeKind::int_)}, {"B", T(TypeKind::string)}});
  EXPECT_EQ(value_to_json(Value::struct_({Value(int32_t{1}), Value()}), st),
            nlohmann::json::parse(R"({"A":1,"B":null})"));
  SqlType mt = make_map(T(TypeKind::string), make_array(T(TypeKind::bigint)));
  EXPECT_EQ(value_to_json(Value::map({{Value("k"), Value::array({Value(int64_t{1})})}}), mt),
            nlohmann::json::parse(R"({"k":[1]})"));
  EXPECT_TRUE(value_to_json(Value(), T(TypeKind::int_)).is_null());
}

TEST(JsonValue, FromJsonCoercesAndReportsPath) {
  auto r = value_from_json(nlohmann::json("12"), T(TypeKind::bigint), "$.V");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, Value(int64_t{12}));
  r = value_from_json(nlohmann::json(1.5), T(TypeKind::string), "$.V");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, Value("1.5"));
  r = value_from_json(nlohmann::json::parse(R"({"f": 45.67})"), make_struct({{"F", T(TypeKind::double_)}}), "K");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->as_struct()[0], Value(45.67));
  r = value_from_json(nlohmann::json::parse("[1, \"x\"]"), make_array(T(TypeKind::int_)), "$.A");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "Can't coerce string to type. targetType: INTEGER, path: $.A[1]");
  r = value_from_json(nlohmann::json::parse(R"({"a": {}})"), make_map(T(TypeKind::string), T(TypeKind::int_)), "$.M");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "Can't convert type. sourceType: ObjectNode, requiredType: INTEGER, path: $.M.a.value");
  r = value_from_json(nlohmann::json(123.456), make_decimal(4, 2), "$.D");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("Numeric field overflow"), std::string::npos);
  r = value_from_json(nlohmann::json(5000000000LL), T(TypeKind::boolean), "$.B");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("sourceType: LongNode, requiredType: BOOLEAN"), std::string::npos);
}

TEST(JsonValue, RoundTripsThroughJson) {
  SqlType t = make_struct({{"D", make_decimal(6, 4)}, {"L", make_array(T(TypeKind::date))}, {"BY", T(TypeKind::bytes)}});
  Value v = Value::struct_({Value(Decimal{123650, 4}), Value::array({Value(Date{1}), Value()}), Value(Bytes{"\x01\x02"})});
  auto back = value_from_json(value_to_json(v, t), t, "$");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, v);
}

TEST(JsonText, JavaDoubleFormatting) {
  EXPECT_EQ(java_double_string(10.0), "10.0");
  EXPECT_EQ(java_double_string(1234.589), "1234.589");
  EXPECT_EQ(java_double_string(0.001), "0.001");
  EXPECT_EQ(java_double_string(0.0001), "1.0E-4");
  EXPECT_EQ(java_double_string(1e7), "1.0E7");
  EXPECT_EQ(java_double_string(9999999.5), "9999999.5");
  EXPECT_EQ(java_double_string(-1.5e-10), "-1.5E-10");
  EXPECT_EQ(java_double_string(123456789.123), "1.23456789123E8");
  EXPECT_EQ(java_double_string(0.0), "0.0");
}

TEST(JsonText, Base64) {
  for (std::string s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
    std::string back;
    ASSERT_TRUE(base64_decode(base64_encode(s), &back));
    EXPECT_EQ(back, s);
  }
  std::string out;
  EXPECT_FALSE(base64_decode("a$b=", &out));
}

}  // namespace
}  // namespace tributary::sql
