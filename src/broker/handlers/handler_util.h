// Small helpers shared by the handlers.
#pragma once

#include <mutex>
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

// A response assembled from several asynchronous parts (partition syncs, groups read by the
// coordinator): each part fills its piece under the lock, and the last one sends the response.
template <class Response>
class PendingResponse {
 public:
  explicit PendingResponse(const RequestContext& ctx) : ctx_(ctx) {}

  Response& response() { return response_; }  // only before the parts start completing
  void expect_parts(size_t parts) { remaining_ = parts; }

  template <class Fill>
  void complete_part(Fill&& fill) {
    std::lock_guard lock(mutex_);
    fill(response_);
    if (--remaining_ == 0) ctx_.respond(response_);
  }

 private:
  RequestContext ctx_;
  Response response_;
  std::mutex mutex_;
  size_t remaining_ = 0;
};

// The topics -> partitions walk of requests shaped {name, partitions[{partition_index, ...}]}
// (ListOffsets, DeleteRecords): makes the matching response entry, answers an unknown partition
// with UNKNOWN_TOPIC_OR_PARTITION and hands known ones to `fn(partition, wanted, response_entry)`.
template <class RequestTopics, class ResponseTopics, class Fn>
void for_each_partition(RequestContext& ctx, const RequestTopics& topics, ResponseTopics& out, Fn fn) {
  for (const auto& topic : topics) {
    auto& topic_response = out.emplace_back();
    topic_response.name = topic.name;
    for (const auto& wanted : topic.partitions) {
      auto& r = topic_response.partitions.emplace_back();
      r.partition_index = wanted.partition_index;
      auto partition = ctx.broker.topics().partition(topic.name, wanted.partition_index);
      if (!partition) {
        r.error_code = code(KafkaError::unknown_topic_or_partition);
        continue;
      }
      fn(*partition, wanted, r);
    }
  }
}

}  // namespace tributary::broker
