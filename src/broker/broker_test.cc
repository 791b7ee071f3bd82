#include <gtest/gtest.h>

#include <filesystem>

#include "broker/broker.h"
#include "broker/broker_config.h"
#include "broker/topic_manager.h"

namespace tributary::broker {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("tributary-broker-test-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(BrokerConfig, TopicKeysFallBackToBrokerSynonyms) {
  BrokerConfig config;
  EXPECT_EQ(config.topic_default("retention.ms"), "604800000");  // log.retention.hours=168
  ASSERT_TRUE(config.values().set("log.retention.hours", "1").ok());
  EXPECT_EQ(config.topic_default("retention.ms"), "3600000");
  ASSERT_TRUE(config.values().set("log.retention.minutes", "2").ok());
  EXPECT_EQ(config.topic_default("retention.ms"), "120000");
  ASSERT_TRUE(config.values().set("log.retention.ms", "5").ok());
  EXPECT_EQ(config.topic_default("retention.ms"), "5");
  ASSERT_TRUE(config.values().set("log.cleanup.policy", "compact").ok());
  EXPECT_EQ(config.topic_synonym("cleanup.policy"), "log.cleanup.policy");

  ConfigValues overrides(&topic_config_table());
  ASSERT_TRUE(overrides.set("segment.bytes", "2048").ok());
  storage::LogConfig log = make_log_config(config, overrides);
  EXPECT_EQ(log.segment_bytes, 2048);
  EXPECT_EQ(log.retention_ms, 5);
  EXPECT_TRUE(log.cleanup_compact);
  EXPECT_FALSE(log.cleanup_delete);
}

TEST(BrokerConfig, DocsNameEveryKey) {
  std::string md = config_markdown();
  for (const auto& k : broker_config_table().keys()) EXPECT_NE(md.find("`" + k.name + "`"), std::string::npos);
  for (const auto& k : topic_config_table().keys()) EXPECT_NE(md.find("`" + k.name + "`"), std::string::npos);
}

TEST(Broker, SplitHostPort) {
  std::string host;
  uint16_t port = 0;
  ASSERT_TRUE(split_host_port("127.0.0.1:9092", &host, &port));
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 9092);
  ASSERT_TRUE(split_host_port("[::1]:0", &host, &port));
  EXPECT_EQ(host, "::1");
  EXPECT_FALSE(split_host_port("nohost", &host, &port));
  EXPECT_FALSE(split_host_port("h:99999", &host, &port));
}

TEST(Broker, RefusesADataDirInUse) {
  fs::path dir = fresh_dir("lock");
  Broker first(BrokerConfig{}, dir);
  ASSERT_TRUE(first.start("127.0.0.1:0").ok());
  Broker second(BrokerConfig{}, dir);
  Status s = second.start("127.0.0.1:0");
  EXPECT_EQ(s.code(), Errc::already_exists) << s.to_string();
  EXPECT_NE(s.message().find("in use"), std::string::npos);
  second.stop();
  first.stop();
  Broker again(BrokerConfig{}, dir);  // released on stop
  EXPECT_TRUE(again.start("127.0.0.1:0").ok());
  again.stop();
  fs::remove_all(dir);
}

TEST(TopicManager, ValidatesNames) {
  EXPECT_TRUE(TopicManager::validate_topic_name("payments-kinesis.v1_x").ok());
  EXPECT_FALSE(TopicManager::validate_topic_name("").ok());
  EXPECT_FALSE(TopicManager::validate_topic_name("..").ok());
  EXPECT_FALSE(TopicManager::validate_topic_name("a b").ok());
  EXPECT_FALSE(TopicManager::validate_topic_name(std::string(250, 'a')).ok());
}

TEST(TopicManager, CatalogueSurvivesRestartAndDeletionCleansUp) {
  fs::path dir = fresh_dir("catalogue");
  BrokerConfig config;
  TopicId id;
  {
    TopicManager topics(config, dir);
    ASSERT_TRUE(topics.load().ok());
    auto created = topics.create("orders", 3, {{"retention.ms", "1000"}}, false);
    ASSERT_TRUE(created.ok()) << created.status().to_string();
    id = created->id;
    EXPECT_EQ(topics.create("orders", 1, {}, false).status().code(), Errc::already_exists);
    EXPECT_FALSE(topics.create("bad", 1, {{"retention.ms", "soon"}}, false).ok());
    EXPECT_FALSE(topics.create("bad", 1, {{"no.such.key", "1"}}, false).ok());
    EXPECT_FALSE(topics.find("bad"));
    ASSERT_TRUE(topics.create("doomed", 1, {}, false).ok());
    ASSERT_TRUE(topics.add_partitions("orders", 4, false).ok());
    EXPECT_FALSE(topics.add_partitions("orders", 2, false).ok());
    ASSERT_TRUE(topics.alter_configs("orders", {{"cleanup.policy", AlterOp::append, "compact"}}, false).ok());
    ASSERT_TRUE(topics.remove("doomed").ok());
    topics.close_all();
  }
  EXPECT_FALSE(fs::exists(dir / "doomed-0"));
  fs::create_directories(dir / "ghost-0");  // a deletion cut short by a crash
  TopicManager topics(config, dir);
  ASSERT_TRUE(topics.load().ok());
  auto orders = topics.find("orders");
  ASSERT_TRUE(orders);
  EXPECT_EQ(orders->id, id);
  EXPECT_EQ(orders->partitions.size(), 4u);
  EXPECT_EQ(orders->overrides.at("retention.ms"), "1000");
  EXPECT_EQ(orders->overrides.at("cleanup.policy"), "delete,compact");
  EXPECT_FALSE(topics.find("doomed"));
  EXPECT_FALSE(fs::exists(dir / "ghost-0"));
  topics.close_all();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tributary::broker
