// RegexRouter, TimestampRouter, InsertHeader, DropHeaders, HeaderFrom, Filter and the predicates.
#include "connect/transforms/test_util.h"

namespace tributary::connect::transforms {
namespace {

using namespace testing;
const std::string P = "org.apache.kafka.connect.transforms.";

TEST(RegexRouter, RenamesMatchingTopicsOnly) {
  auto t = make(P + "RegexRouter", {{"regex", "(.*)-raw"}, {"replacement", "$1-clean"}});
  ConnectRecord r = map_record(1, "orders-raw");
  ASSERT_TRUE(*t->apply(r, {}));
  EXPECT_EQ(r.topic, "orders-clean");
  ConnectRecord other = map_record(1, "orders-raw-2");
  ASSERT_TRUE(*t->apply(other, {}));
  EXPECT_EQ(other.topic, "orders-raw-2");  // the whole topic must match
  EXPECT_FALSE(find_transform("RegexRouter")->config_def().errors({{"regex", "(unclosed"}, {"replacement", "x"}}).empty());
}

TEST(TimestampRouter, AppendsTheFormattedTimestamp) {
  auto t = make(P + "TimestampRouter", {});
  ConnectRecord r = map_record(1);
  ASSERT_TRUE(*t->apply(r, {}));
  EXPECT_EQ(r.topic, "orders-20231114");
  auto hourly = make(P + "TimestampRouter", {{"topic.format", "${timestamp}.${topic}"}, {"timestamp.format", "yyyyMMddHH"}});
  ConnectRecord h = map_record(1);
  ASSERT_TRUE(*hourly->apply(h, {}));
  EXPECT_EQ(h.topic, "2023111422.orders");
  ConnectRecord no_ts = map_record(1);
  no_ts.timestamp_ms = 0;
  EXPECT_FALSE(t->apply(no_ts, {}).ok());
}

TEST(Headers, InsertDropAndHeaderFrom) {
  ConnectRecord r = map_record({{"id", 7}, {"who", "ann"}});
  r.headers = {{"old", "1"}, {"keep", "2"}};
  ASSERT_TRUE(*make(P + "InsertHeader", {{"header", "source"}, {"value.literal", "web"}})->apply(r, {}));
  ASSERT_TRUE(*make(P + "DropHeaders", {{"headers", "old"}})->apply(r, {}));
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.headers[0].key, "keep");
  EXPECT_EQ(r.headers[1].key, "source");
  EXPECT_EQ(r.headers[1].value, "web");

  ASSERT_TRUE(*make(P + "HeaderFrom$Value", {{"fields", "id,who"}, {"headers", "h_id,h_who"}, {"operation", "move"}})
                   ->apply(r, {}));
  EXPECT_EQ(r.value.value, nlohmann::json::object());
  EXPECT_EQ(r.headers[2].key, "h_id");
  EXPECT_EQ(r.headers[2].value, "7");
  EXPECT_EQ(r.headers[3].value, "ann");

  ConnectRecord s = struct_record();
  ASSERT_TRUE(*make(P + "HeaderFrom$Value", {{"fields", "name"}, {"headers", "n"}, {"operation", "copy"}})->apply(s, {}));
  EXPECT_EQ(s.value.value["name"], "ann");
  EXPECT_EQ(s.headers.back().value, "ann");

  const TransformPlugin* p = find_transform(P + "HeaderFrom$Key");
  auto problems = p->create()->configure(ParsedConfig(p->config_def(), {{"fields", "a,b"}, {"headers", "x"}, {"operation", "copy"}}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].key, "headers");
}

TEST(Filter, DropsEveryRecord) {
  ConnectRecord r = map_record(1);
  EXPECT_FALSE(*make(P + "Filter", {})->apply(r, {}));
}

std::unique_ptr<Predicate> predicate(const std::string& cls, const Config& config) {
  const PredicatePlugin* p = find_predicate(cls);
  EXPECT_NE(p, nullptr);
  auto pred = p->create();
  EXPECT_TRUE(pred->configure(ParsedConfig(p->config_def(), config)).empty());
  return pred;
}

TEST(Predicates, TopicHeaderAndTombstone) {
  auto topic = predicate("org.apache.kafka.connect.transforms.predicates.TopicNameMatches", {{"pattern", "ord.*"}});
  EXPECT_TRUE(topic->test(map_record(1, "orders")));
  EXPECT_FALSE(topic->test(map_record(1, "my-orders")));
  auto header = predicate("HasHeaderKey", {{"name", "trace"}});
  ConnectRecord r = map_record(1);
  EXPECT_FALSE(header->test(r));
  r.headers.push_back({"trace", std::nullopt});
  EXPECT_TRUE(header->test(r));
  auto tomb = predicate("RecordIsTombstone", {});
  EXPECT_TRUE(tomb->test(map_record(nullptr)));
  EXPECT_FALSE(tomb->test(map_record(1)));
  EXPECT_FALSE(find_predicate("TopicNameMatches")->config_def().errors({{"pattern", "["}}).empty());
}

}  // namespace
}  // namespace tributary::connect::transforms
