// A librdkafka group consumer for connect and sql: one consumer group per query or connector, so
// the group protocol spreads partitions over workers. Offsets are committed explicitly, after the
// caller has made its own effects durable.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "client/kafka_handle.h"

namespace tributary::client {

enum class TimestampType { none, create_time, log_append_time };

struct ConsumedRecord {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  int64_t timestamp_ms = 0;
  TimestampType timestamp_type = TimestampType::create_time;
  std::optional<std::string> key;
  std::optional<std::string> value;
  std::vector<std::pair<std::string, std::optional<std::string>>> headers;
};

using TopicPartition = std::pair<std::string, int32_t>;

// A fetched librdkafka message (without error) as a ConsumedRecord.
ConsumedRecord to_consumed_record(const rd_kafka_message_t* message);

// Up to max_records from a consumer handle, waiting at most timeout_ms for the first. Per-message
// errors (partition EOF, a topic not there yet, a broken connection) are skipped, as librdkafka
// retries them; a fatal consumer error is returned.
Result<std::vector<ConsumedRecord>> poll_records(rd_kafka_t* consumer, int timeout_ms, std::size_t max_records);

class GroupConsumer {
 public:
  // Called on the polling thread when partitions are assigned: the caller may return the offset to
  // start from per partition (e.g. one kept with its own state); absent ones start at the
  // committed offset, or at auto.offset.reset.
  using OnAssign = std::function<std::map<TopicPartition, int64_t>(const std::vector<TopicPartition>&)>;
  using OnRevoke = std::function<void(const std::vector<TopicPartition>&)>;

  static Result<std::unique_ptr<GroupConsumer>> create(const std::string& bootstrap_servers, const std::string& group_id,
                                                       const Properties& extra = {});
  ~GroupConsumer();

  void on_assign(OnAssign f) { on_assign_ = std::move(f); }
  void on_revoke(OnRevoke f) { on_revoke_ = std::move(f); }
  Status subscribe(const std::vector<std::string>& topics);
  // Up to max_records, waiting at most timeout_ms for the first; partition EOF and transient
  // errors are not records. A fatal consumer error is returned as a Status.
  Result<std::vector<ConsumedRecord>> poll(int timeout_ms, std::size_t max_records = 1000);
  // Commits next-offsets (last processed + 1) synchronously.
  Status commit(const std::map<TopicPartition, int64_t>& next_offsets);
  void close();

 private:
  explicit GroupConsumer(std::unique_ptr<KafkaHandle> handle) : handle_(std::move(handle)) {}
  static void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts, void* opaque);

  std::unique_ptr<KafkaHandle> handle_;
  OnAssign on_assign_;
  OnRevoke on_revoke_;
  bool closed_ = false;
};

}  // namespace tributary::client
