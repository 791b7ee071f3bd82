// The broker's configuration keys and the topic-level keys that override them, each in one table
// that parses, validates and documents it. Names follow Kafka's wherever Kafka has the setting.
#pragma once

#include <map>
#include <string>

#include "common/config_table.h"
#include "storage/partition_log.h"

namespace tributary::broker {

const ConfigTable& broker_config_table();
const ConfigTable& topic_config_table();

// The broker's settings: explicit values over the table's defaults.
class BrokerConfig {
 public:
  BrokerConfig() : values_(&broker_config_table()) {}

  ConfigValues& values() { return values_; }
  const ConfigValues& values() const { return values_; }

  int32_t node_id() const { return values_.get_int("node.id"); }
  int32_t num_partitions() const { return values_.get_int("num.partitions"); }
  bool auto_create_topics() const { return values_.get_bool("auto.create.topics.enable"); }
  bool delete_topic_enable() const { return values_.get_bool("delete.topic.enable"); }
  int32_t message_max_bytes() const { return values_.get_int("message.max.bytes"); }
  int32_t socket_request_max_bytes() const { return values_.get_int("socket.request.max.bytes"); }
  int32_t queued_max_requests() const { return values_.get_int("queued.max.requests"); }
  int32_t network_threads() const;
  int64_t retention_check_interval_ms() const { return values_.get_long("log.retention.check.interval.ms"); }
  int64_t flush_interval_ms() const { return values_.get_long("log.flush.interval.ms"); }

  // The broker-level value that a topic key falls back to (e.g. retention.ms <- log.retention.hours).
  std::string topic_default(const std::string& topic_key) const;
  // The broker key that backs a topic key, for DescribeConfigs synonyms ("" if none).
  std::string topic_synonym(const std::string& topic_key) const;

 private:
  ConfigValues values_;
};

// A topic's explicit overrides resolved against the broker's defaults.
std::string effective_topic_value(const BrokerConfig& broker, const ConfigValues& overrides, const std::string& key);
storage::LogConfig make_log_config(const BrokerConfig& broker, const ConfigValues& overrides);

// All of config.md: every table, generated so that the docs cannot drift from the code.
std::string config_markdown();

}  // namespace tributary::broker
