// Cast, Flatten, TimestampConverter, and the date patterns they and TimestampRouter use.
#include "connect/transforms/date_format.h"
#include "connect/transforms/test_util.h"

namespace tributary::connect::transforms {
namespace {

using namespace testing;
const std::string P = "org.apache.kafka.connect.transforms.";

TEST(Cast, CastsFieldsOfAMap) {
  auto t = make(P + "Cast$Value", {{"spec", "a:int32,b:string,c:float64,d:boolean,e:int8"}});
  ConnectRecord r = map_record({{"a", "42"}, {"b", 3.5}, {"c", 2}, {"d", "true"}, {"e", 300}});
  ASSERT_TRUE(*t->apply(r, {}));
  EXPECT_EQ(r.value.value, (nlohmann::json{{"a", 42}, {"b", "3.5"}, {"c", 2.0}, {"d", true}, {"e", 44}}));
}

TEST(Cast, CastsTheWholeValueAndUpdatesSchemas) {
  auto whole = make(P + "Cast$Key", {{"spec", "int64"}});
  ConnectRecord r = map_record({{"a", 1}});
  r.key = {schema::primitive("string"), "123"};
  ASSERT_TRUE(*whole->apply(r, {}));
  EXPECT_EQ(r.key.value, 123);
  EXPECT_EQ(r.key.schema["type"], "int64");

  auto field = make(P + "Cast$Value", {{"spec", "id:string"}});
  ConnectRecord s = struct_record();
  ASSERT_TRUE(*field->apply(s, {}));
  EXPECT_EQ(s.value.value["id"], "7");
  EXPECT_EQ(s.value.schema["fields"][0]["type"], "string");
}

TEST(Cast, RejectsBadSpecsAndBadValues) {
  const ConfigDef& def = find_transform(P + "Cast$Value")->config_def();
  auto errors = def.errors({{"spec", "a:decimal"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("spec"), std::string::npos);
  EXPECT_FALSE(def.errors({{"spec", "int32,a:string"}}).empty());
  ConnectRecord r = map_record({{"a", "not a number"}});
  EXPECT_FALSE(make(P + "Cast$Value", {{"spec", "a:int32"}})->apply(r, {}).ok());
}

TEST(Flatten, FlattensNestedMapsAndStructs) {
  auto t = make(P + "Flatten$Value", {{"delimiter", "_"}});
  ConnectRecord r = map_record({{"id", 1}, {"addr", {{"city", "Oslo"}, {"geo", {{"lat", 59.9}}}}}});
  ASSERT_TRUE(*t->apply(r, {}));
  EXPECT_EQ(r.value.value, (nlohmann::json{{"id", 1}, {"addr_city", "Oslo"}, {"addr_geo_lat", 59.9}}));

  ConnectRecord s = map_record({{"id", 1}, {"addr", {{"city", "Oslo"}}}});
  s.value.schema = schema::structure(
      "v", {schema::field("id", schema::primitive("int32")),
            schema::field("addr", schema::structure("a", {schema::field("city", schema::primitive("string"))}, true))});
  ASSERT_TRUE(*make(P + "Flatten$Value", {})->apply(s, {}));
  EXPECT_EQ(s.value.value, (nlohmann::json{{"id", 1}, {"addr.city", "Oslo"}}));
  EXPECT_EQ(field_names(s.value.schema), (std::vector<std::string>{"id", "addr.city"}));
  EXPECT_EQ(s.value.schema["fields"][1]["optional"], true);  // its parent was optional
}

TEST(DateFormat, FormatsAndParsesInUtc) {
  EXPECT_EQ(format_date("yyyyMMdd", 1700000000123), "20231114");
  EXPECT_EQ(format_date("yyyy-MM-dd'T'HH:mm:ss.SSS", 1700000000123), "2023-11-14T22:13:20.123");
  EXPECT_EQ(parse_date("yyyy-MM-dd HH:mm:ss", "2023-11-14 22:13:20"), 1700000000000);
  EXPECT_EQ(parse_date("yyyyMMdd", "20231114"), 1699920000000);
  EXPECT_FALSE(parse_date("yyyy-MM-dd", "14/11/2023"));
  EXPECT_TRUE(check_date_pattern("yyyy-MM-dd Z").has_value());
}

TEST(TimestampConverter, ConvertsBetweenStringUnixAndLogicalTypes) {
  auto to_string = make(P + "TimestampConverter$Value",
                        {{"field", "ts"}, {"target.type", "string"}, {"format", "yyyy-MM-dd HH:mm:ss"}});
  ConnectRecord r = map_record({{"ts", 1700000000123}});
  ASSERT_TRUE(*to_string->apply(r, {}));
  EXPECT_EQ(r.value.value["ts"], "2023-11-14 22:13:20");

  auto to_unix = make(P + "TimestampConverter$Value", {{"field", "ts"}, {"target.type", "unix"},
                                                       {"format", "yyyy-MM-dd HH:mm:ss"}, {"unix.precision", "seconds"}});
  ASSERT_TRUE(*to_unix->apply(r, {}));
  EXPECT_EQ(r.value.value["ts"], 1700000000);

  auto to_ts = make(P + "TimestampConverter$Value", {{"field", "ts"}, {"target.type", "Timestamp"}});
  ConnectRecord s = map_record({{"ts", 1700000000123}});
  s.value.schema = schema::structure("v", {schema::field("ts", schema::primitive("int64"))});
  ASSERT_TRUE(*to_ts->apply(s, {}));
  EXPECT_EQ(s.value.schema["fields"][0]["name"], "org.apache.kafka.connect.data.Timestamp");
  EXPECT_EQ(s.value.value["ts"], 1700000000123);

  auto to_date = make(P + "TimestampConverter$Value", {{"field", "ts"}, {"target.type", "Date"}});
  ASSERT_TRUE(*to_date->apply(s, {}));
  EXPECT_EQ(s.value.value["ts"], 19675);  // days since the epoch
  EXPECT_EQ(s.value.schema["fields"][0]["type"], "int32");
}

TEST(TimestampConverter, WholeValueAndBadInput) {
  auto t = make(P + "TimestampConverter$Value", {{"target.type", "unix"}, {"format", "yyyyMMdd"}});
  ConnectRecord r = map_record("20231114");
  ASSERT_TRUE(*t->apply(r, {}));
  EXPECT_EQ(r.value.value, 1699920000000);
  ConnectRecord bad = map_record("Nov 14");
  EXPECT_FALSE(t->apply(bad, {}).ok());
  const TransformPlugin* p = find_transform(P + "TimestampConverter$Value");
  auto problems = p->create()->configure(ParsedConfig(p->config_def(), {{"target.type", "string"}}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].key, "format");
  EXPECT_FALSE(p->config_def().errors({{"target.type", "Instant"}}).empty());
}

}  // namespace
}  // namespace tributary::connect::transforms
