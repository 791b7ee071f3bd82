// Small helpers shared by the handlers.
#pragma once

#include <optional>
#include <string>

#include "broker/kafka_errors.h"
#include "broker/request_context.h"

namespace tributary::broker {

// Some protocol strings are nullable only in later versions; these read and write either shape.
inline const std::string& str(const std::string& s) { return s; }
inline std::string str(const std::optional<std::string>& s) { return s.value_or(""); }

// Kafka's resource types in DescribeConfigs and AlterConfigs.
constexpr int8_t kResourceTopic = 2;
constexpr int8_t kResourceBroker = 4;
constexpr int8_t kResourceBrokerLogger = 8;

// Sentinel offsets and timestamps of ListOffsets.
constexpr int64_t kLatestTimestamp = -1;
constexpr int64_t kEarliestTimestamp = -2;
constexpr int64_t kMaxTimestamp = -3;

// A config error (bad key or value) reported the way Kafka's admin APIs do.
inline KafkaError config_error(const Status& s) {
  return s.code() == Errc::not_found ? KafkaError::unknown_topic_or_partition : KafkaError::invalid_config;
}

}  // namespace tributary::broker
