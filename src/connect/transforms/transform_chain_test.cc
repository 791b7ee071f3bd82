// The chain as a connector configures it: order, predicates with negate, and validation that names
// every bad key (also through the connector-level validation the REST API uses).
#include "connect/transforms/transform_chain.h"

#include "connect/connectors/builtin_connectors.h"
#include "connect/runtime/connector_config.h"
#include "connect/transforms/test_util.h"

namespace tributary::connect::transforms {
namespace {

using namespace testing;

Config chain_config() {
  return {{"transforms", "hoist,stamp,dropTest,route"},
          {"transforms.hoist.type", "org.apache.kafka.connect.transforms.HoistField$Value"},
          {"transforms.hoist.field", "line"},
          {"transforms.stamp.type", "org.apache.kafka.connect.transforms.InsertField$Value"},
          {"transforms.stamp.static.field", "origin"},
          {"transforms.stamp.static.value", "file"},
          {"transforms.dropTest.type", "org.apache.kafka.connect.transforms.Filter"},
          {"transforms.dropTest.predicate", "isTest"},
          {"transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter"},
          {"transforms.route.regex", "(.*)"},
          {"transforms.route.replacement", "$1-out"},
          {"predicates", "isTest"},
          {"predicates.isTest.type", "org.apache.kafka.connect.transforms.predicates.HasHeaderKey"},
          {"predicates.isTest.name", "test"}};
}

TEST(TransformChain, AppliesTransformsInOrder) {
  auto chain = TransformChain::create(chain_config());
  ASSERT_TRUE(chain.ok()) << chain.status().message();
  ConnectRecord r = map_record("hello", "lines");
  ASSERT_TRUE(*(*chain)->apply(r, {}));
  EXPECT_EQ(r.value.value, (nlohmann::json{{"line", "hello"}, {"origin", "file"}}));
  EXPECT_EQ(r.topic, "lines-out");

  ConnectRecord test = map_record("hello", "lines");
  test.headers.push_back({"test", "1"});
  EXPECT_FALSE(*(*chain)->apply(test, {}));  // the filter's predicate matched
}

TEST(TransformChain, NegateInvertsThePredicate) {
  Config c = chain_config();
  c["transforms.dropTest.negate"] = "true";
  auto chain = TransformChain::create(c);
  ASSERT_TRUE(chain.ok());
  ConnectRecord plain = map_record("x", "lines");
  EXPECT_FALSE(*(*chain)->apply(plain, {}));
  ConnectRecord test = map_record("x", "lines");
  test.headers.push_back({"test", "1"});
  EXPECT_TRUE(*(*chain)->apply(test, {}));
}

TEST(TransformChain, EmptyConfigIsAnEmptyChain) {
  auto chain = TransformChain::create({});
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE((*chain)->empty());
}

TEST(TransformChain, FailureNamesTheTransform) {
  auto chain = TransformChain::create({{"transforms", "ins"},
                                       {"transforms.ins.type", "InsertField$Value"},
                                       {"transforms.ins.topic.field", "t"}});
  ASSERT_TRUE(chain.ok()) << chain.status().message();
  ConnectRecord r = map_record("not a map");
  auto result = (*chain)->apply(r, {});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("ins"), std::string::npos);
  EXPECT_NE(result.status().message().find("InsertField$Value"), std::string::npos);
}

std::vector<std::string> errors_of(const ChainValidation& v, const std::string& key) {
  for (size_t i = 0; i < v.values.size(); ++i)
    if (v.values[i].name == key) return v.values[i].errors;
  std::vector<std::string> out;
  for (const auto& [k, m] : v.other_errors)
    if (k == key) out.push_back(m);
  return out;
}

TEST(TransformValidation, NamesEveryBadKey) {
  Config c = {{"transforms", "a,b,c,d,d"},
              {"transforms.b.type", "org.apache.kafka.connect.transforms.NoSuchThing"},
              {"transforms.c.type", "org.apache.kafka.connect.transforms.RegexRouter"},
              {"transforms.c.regex", "(bad"},
              {"transforms.d.type", "Filter"},
              {"transforms.d.predicate", "missing"},
              {"predicates", "p"},
              {"predicates.p.type", "TopicNameMatches"}};
  auto v = validate_transform_config(c);
  EXPECT_EQ(errors_of(v, "transforms.a.type").size(), 1u);
  ASSERT_EQ(errors_of(v, "transforms.b.type").size(), 1u);
  EXPECT_NE(errors_of(v, "transforms.b.type")[0].find("NoSuchThing could not be found"), std::string::npos);
  EXPECT_EQ(errors_of(v, "transforms.c.regex").size(), 1u);
  EXPECT_EQ(errors_of(v, "transforms.c.replacement").size(), 1u);  // required, missing
  EXPECT_FALSE(errors_of(v, "transforms.d.predicate").empty());
  EXPECT_FALSE(errors_of(v, "transforms").empty());  // d is listed twice
  ASSERT_EQ(errors_of(v, "predicates.p.pattern").size(), 1u);
  EXPECT_NE(errors_of(v, "predicates.p.pattern")[0].find("predicates.p.pattern"), std::string::npos);
  EXPECT_FALSE(TransformChain::create(c).ok());
}

TEST(TransformValidation, ConnectorValidationReportsTransformKeys) {
  PluginRegistry plugins = builtin_connectors();
  const ConnectorPlugin& plugin = *plugins.find("FileStreamSource");
  Config c = {{"name", "x"}, {"connector.class", "FileStreamSource"}, {"file", "/tmp/in.txt"}, {"topic", "t"},
              {"transforms", "r"},
              {"transforms.r.type", "org.apache.kafka.connect.transforms.RegexRouter"},
              {"transforms.r.replacement", "y"}};
  ConfigInfos infos = validate_connector_config(plugin, c);
  ASSERT_EQ(infos.error_count, 1);
  EXPECT_NE(infos.messages()[0].find("transforms.r.regex"), std::string::npos);
  EXPECT_EQ(infos.definitions.size(), infos.values.size());
  bool listed = false;
  for (const auto& d : infos.definitions) listed = listed || d.name == "transforms.r.replacement";
  EXPECT_TRUE(listed);

  c["transforms.r.regex"] = "(.*)";
  EXPECT_EQ(validate_connector_config(plugin, c).error_count, 0);
}

}  // namespace
}  // namespace tributary::connect::transforms
