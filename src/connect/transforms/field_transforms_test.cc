// InsertField, ReplaceField, MaskField, ValueToKey, ExtractField, HoistField: schemaless maps and
// structs with schemas, key and value variants.
#include "connect/transforms/record_data.h"
#include "connect/transforms/test_util.h"

namespace tributary::connect::transforms {
namespace {

using namespace testing;
const std::string P = "org.apache.kafka.connect.transforms.";

TEST(InsertField, AddsMetadataAndStaticFieldsToAMap) {
  auto t = make(P + "InsertField$Value", {{"topic.field", "t"}, {"partition.field", "p"}, {"offset.field", "o!"},
                                         {"timestamp.field", "ts"}, {"static.field", "src"}, {"static.value", "web"}});
  ConnectRecord r = map_record({{"a", 1}});
  ASSERT_TRUE(*t->apply(r, RecordContext{42}));
  EXPECT_EQ(r.value.value, (nlohmann::json{{"a", 1}, {"t", "orders"}, {"p", 2}, {"o", 42}, {"ts", 1700000000123},
                                          {"src", "web"}}));
}

TEST(InsertField, ExtendsTheStructSchema) {
  auto t = make(P + "InsertField$Value", {{"static.field", "src"}, {"static.value", "web"}, {"topic.field", "t!"}});
  ConnectRecord r = struct_record();
  ASSERT_TRUE(*t->apply(r, {}));
  EXPECT_EQ(field_names(r.value.schema), (std::vector<std::string>{"id", "name", "t", "src"}));
  EXPECT_EQ(r.value.schema["fields"][2]["optional"], false);
  EXPECT_EQ(r.value.schema["fields"][3]["optional"], true);
  EXPECT_EQ(r.value.value["src"], "web");
}

TEST(InsertField, OffsetOnSourceRecordFailsAndTombstonesPass) {
  auto t = make(P + "InsertField$Value", {{"offset.field", "o"}});
  ConnectRecord r = map_record({{"a", 1}});
  EXPECT_FALSE(t->apply(r, {}).ok());
  ConnectRecord tomb = map_record(nullptr);
  EXPECT_TRUE(*t->apply(tomb, {}));
  EXPECT_TRUE(tomb.value.value.is_null());
  ConnectRecord text = map_record("plain");
  auto result = t->apply(text, RecordContext{1});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("Only Map objects supported"), std::string::npos);
}

TEST(InsertField, KeyVariantWorksOnTheKey) {
  auto t = make(P + "InsertField$Key", {{"topic.field", "t"}});
  ConnectRecord r = map_record({{"a", 1}});
  r.key = {nullptr, {{"k", 1}}};
  ASSERT_TRUE(*t->apply(r, {}));
  EXPECT_EQ(r.key.value, (nlohmann::json{{"k", 1}, {"t", "orders"}}));
  EXPECT_EQ(r.value.value, (nlohmann::json{{"a", 1}}));
}

TEST(ReplaceField, IncludesExcludesAndRenames) {
  auto t = make(P + "ReplaceField$Value", {{"exclude", "c"}, {"renames", "a:alpha,b:beta"}});
  ConnectRecord r = map_record({{"a", 1}, {"b", 2}, {"c", 3}});
  ASSERT_TRUE(*t->apply(r, {}));
  EXPECT_EQ(r.value.value, (nlohmann::json{{"alpha", 1}, {"beta", 2}}));

  auto keep = make(P + "ReplaceField$Value", {{"include", "name"}, {"renames", "name:who"}});
  ConnectRecord s = struct_record();
  ASSERT_TRUE(*keep->apply(s, {}));
  EXPECT_EQ(s.value.value, (nlohmann::json{{"who", "ann"}}));
  EXPECT_EQ(field_names(s.value.schema), std::vector<std::string>{"who"});
  EXPECT_EQ(s.value.schema["name"], "order");
}

TEST(ReplaceField, RejectsABadRenameMapping) {
  EXPECT_FALSE(find_transform(P + "ReplaceField$Value")->config_def().errors({{"renames", "a-b"}}).empty());
}

TEST(MaskField, UsesEmptyValuesOrTheReplacement) {
  auto t = make(P + "MaskField$Value", {{"fields", "n,s,b,f"}});
  ConnectRecord r = map_record({{"n", 12}, {"s", "secret"}, {"b", true}, {"f", 1.5}, {"keep", "x"}});
  ASSERT_TRUE(*t->apply(r, {}));
  EXPECT_EQ(r.value.value, (nlohmann::json{{"n", 0}, {"s", ""}, {"b", false}, {"f", 0.0}, {"keep", "x"}}));

  auto masked = make(P + "MaskField$Value", {{"fields", "name"}, {"replacement", "****"}});
  ConnectRecord s = struct_record();
  ASSERT_TRUE(*masked->apply(s, {}));
  EXPECT_EQ(s.value.value["name"], "****");
  EXPECT_EQ(s.value.value["id"], 7);
}

TEST(ValueToKey, BuildsTheKeyFromValueFields) {
  auto t = make(P + "ValueToKey", {{"fields", "id"}});
  ConnectRecord s = struct_record();
  ASSERT_TRUE(*t->apply(s, {}));
  EXPECT_EQ(s.key.value, (nlohmann::json{{"id", 7}}));
  EXPECT_EQ(field_names(s.key.schema), std::vector<std::string>{"id"});

  ConnectRecord m = map_record({{"user", "u1"}, {"n", 1}});
  ASSERT_TRUE(*make(P + "ValueToKey", {{"fields", "user"}})->apply(m, {}));
  EXPECT_EQ(m.key.value, (nlohmann::json{{"user", "u1"}}));
  EXPECT_TRUE(m.key.schema.is_null());
  EXPECT_FALSE(make(P + "ValueToKey", {{"fields", "nope"}})->apply(s, {}).ok());
}

TEST(ExtractField, ReplacesValueWithOneField) {
  auto t = make(P + "ExtractField$Value", {{"field", "name"}});
  ConnectRecord s = struct_record();
  ASSERT_TRUE(*t->apply(s, {}));
  EXPECT_EQ(s.value.value, "ann");
  EXPECT_EQ(s.value.schema["type"], "string");
  EXPECT_FALSE(s.value.schema.contains("field"));

  auto k = make(P + "ExtractField$Key", {{"field", "id"}});
  ConnectRecord m = map_record({{"a", 1}});
  m.key = {nullptr, {{"id", "x1"}}};
  ASSERT_TRUE(*k->apply(m, {}));
  EXPECT_EQ(m.key.value, "x1");
}

TEST(HoistField, WrapsTheValue) {
  auto t = make(P + "HoistField$Value", {{"field", "line"}});
  ConnectRecord r = map_record("hello");
  ASSERT_TRUE(*t->apply(r, {}));
  EXPECT_EQ(r.value.value, (nlohmann::json{{"line", "hello"}}));
  EXPECT_TRUE(r.value.schema.is_null());

  ConnectRecord s = map_record("hello");
  s.value.schema = schema::primitive("string", true);
  ASSERT_TRUE(*t->apply(s, {}));
  EXPECT_EQ(s.value.schema["type"], "struct");
  EXPECT_EQ(field_names(s.value.schema), std::vector<std::string>{"line"});
  EXPECT_EQ(s.value.schema["fields"][0]["type"], "string");
}

}  // namespace
}  // namespace tributary::connect::transforms
