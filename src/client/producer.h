// A librdkafka producer for connect and sql: idempotent, acks=all, with delivery errors collected
// so callers can tell whether everything they sent was acknowledged.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "client/kafka_handle.h"

namespace tributary::client {

struct OutboundRecord {
  std::string topic;
  int32_t partition = -1;  // -1: librdkafka's default partitioner (murmur2 of the key, as Java's)
  std::optional<std::string> key;
  std::optional<std::string> value;
  int64_t timestamp_ms = 0;  // 0: now
  std::vector<std::pair<std::string, std::optional<std::string>>> headers;
};

// One rd_kafka_producev call for `r` (copying its bytes); `opaque` reaches the delivery report.
rd_kafka_resp_err_t produce_record(rd_kafka_t* handle, const OutboundRecord& r, void* opaque);
// The same through a topic handle (librdkafka then skips looking the topic up by name).
rd_kafka_resp_err_t produce_record(rd_kafka_t* handle, rd_kafka_topic_t* topic, const OutboundRecord& r, void* opaque);

class Producer {
 public:
  static Result<std::unique_ptr<Producer>> create(const std::string& bootstrap_servers, const Properties& extra = {});
  ~Producer();

  // Queues a record (blocks while librdkafka's queue is full).
  Status send(const OutboundRecord& record);
  // Waits until every queued record is acknowledged; the first delivery error since the last flush.
  Status flush(int timeout_ms = 30000);
  // Fetches a topic's metadata now (e.g. right after creating it), so that the first record sent
  // to it does not wait for librdkafka to discover it.
  Status learn_topic(const std::string& topic, int timeout_ms = 5000);
  rd_kafka_t* handle() const { return handle_->get(); }

 private:
  explicit Producer(std::unique_ptr<KafkaHandle> handle) : handle_(std::move(handle)) {}
  static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque);
  // The topic's librdkafka handle, made once and kept until the producer goes.
  rd_kafka_topic_t* topic(const std::string& name);

  std::unique_ptr<KafkaHandle> handle_;
  std::mutex mu_;
  Status first_error_;
  std::mutex topics_mu_;
  std::unordered_map<std::string, rd_kafka_topic_t*> topics_;
  std::atomic<uint64_t> sends_{0};
};

}  // namespace tributary::client
