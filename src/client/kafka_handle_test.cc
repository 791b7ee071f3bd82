#include "client/kafka_handle.h"

#include <gtest/gtest.h>

namespace tributary::client {
namespace {

// A property of a handle's configuration as librdkafka holds it (no broker is contacted).
std::string conf_value(const KafkaHandle& handle, const char* key) {
  char value[64] = {};
  size_t size = sizeof(value);
  if (rd_kafka_conf_get(rd_kafka_conf(handle.get()), key, value, &size) != RD_KAFKA_CONF_OK) return "?";
  return value;
}

const char* wakeup_key() {
  return rd_kafka_version() >= 0x02010000 ? "fetch.queue.backoff.ms" : "topic.metadata.refresh.interval.ms";
}

TEST(KafkaHandle, ConsumersAreWokenToRefetchAFullQueue) {
  auto consumer = KafkaHandle::create("127.0.0.1:1", {{"group.id", "g"}}, RD_KAFKA_CONSUMER, {});
  ASSERT_TRUE(consumer.ok()) << consumer.status().message();
  std::string expected = rd_kafka_version() >= 0x02010000 ? "20" : "100";
  EXPECT_EQ(conf_value(**consumer, wakeup_key()), expected);

  auto chosen = KafkaHandle::create("127.0.0.1:1", {{"group.id", "g"}, {wakeup_key(), "250"}}, RD_KAFKA_CONSUMER, {});
  ASSERT_TRUE(chosen.ok()) << chosen.status().message();
  EXPECT_EQ(conf_value(**chosen, wakeup_key()), "250");  // the caller's value stands

  auto producer = KafkaHandle::create("127.0.0.1:1");
  ASSERT_TRUE(producer.ok()) << producer.status().message();
  EXPECT_NE(conf_value(**producer, wakeup_key()), expected);  // producers keep librdkafka's default
}

}  // namespace
}  // namespace tributary::client
