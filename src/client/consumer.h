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
#include <string_view>
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

// A fetched librdkafka message (without error) read in place: valid only while the callback that
// receives it runs, so a caller that keeps nothing copies nothing.
class RecordView {
 public:
  explicit RecordView(const rd_kafka_message_t* m) : m_(m) {}
  std::string_view topic() const { return rd_kafka_topic_name(m_->rkt); }
  int32_t partition() const { return m_->partition; }
  int64_t offset() const { return m_->offset; }
  int64_t timestamp_ms(TimestampType* type = nullptr) const;
  std::optional<std::string_view> key() const {
    if (!m_->key) return std::nullopt;
    return std::string_view(static_cast<const char*>(m_->key), m_->key_len);
  }
  std::optional<std::string_view> value() const {
    if (!m_->payload) return std::nullopt;
    return std::string_view(static_cast<const char*>(m_->payload), m_->len);
  }
  // f(std::string_view name, std::optional<std::string_view> value) per header, in order.
  template <class F>
  void for_each_header(F&& f) const {
    rd_kafka_headers_t* headers = nullptr;
    // rd_kafka_message_headers parses lazily and caches in the message, hence the cast.
    if (rd_kafka_message_headers(const_cast<rd_kafka_message_t*>(m_), &headers) != RD_KAFKA_RESP_ERR_NO_ERROR) return;
    const char* name;
    const void* value;
    size_t size;
    for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
      f(std::string_view(name), value ? std::optional<std::string_view>(std::string_view(static_cast<const char*>(value), size))
                                      : std::nullopt);
    }
  }

 private:
  const rd_kafka_message_t* m_;
};

// A fetched librdkafka message (without error) as a ConsumedRecord.
ConsumedRecord to_consumed_record(const RecordView& view);
ConsumedRecord to_consumed_record(const rd_kafka_message_t* message);

// Up to max_records from a consumer handle, each handed to `f` in place, waiting at most
// timeout_ms for the first. Per-message errors (partition EOF, a topic not there yet, a broken
// connection) are skipped, as librdkafka retries them; a fatal consumer error is returned.
// Returns how many records `f` saw.
Result<std::size_t> poll_each(rd_kafka_t* consumer, int timeout_ms, std::size_t max_records,
                              const std::function<void(const RecordView&)>& f);
// The same, copied into ConsumedRecords.
Result<std::vector<ConsumedRecord>> poll_records(rd_kafka_t* consumer, int timeout_ms, std::size_t max_records);
// Replaces a consumer's assignment: each partition from its offset (or librdkafka's logical ones).
Status assign_partitions(rd_kafka_t* consumer, const std::map<TopicPartition, int64_t>& start_offsets);

class GroupConsumer {
 public:
  // Called on the polling thread when partitions are assigned: the caller may return the offset to
  // start from per partition (e.g. one kept with its own state); absent ones start at the
  // committed offset, or at auto.offset.reset.
  using OnAssign = std::function<std::map<TopicPartition, int64_t>(const std::vector<TopicPartition>&)>;
  using OnRevoke = std::function<void(const std::vector<TopicPartition>&)>;
  // Called instead of OnAssign: returns the partitions to consume in place of those the group
  // granted, each from its offset (kCommittedOffset: the group's committed one, else
  // auto.offset.reset). A group subscribed to a one-partition topic thus elects the member that
  // consumes everything. Needs the eager protocol (the default assignors).
  using OnAssignInstead = std::function<std::map<TopicPartition, int64_t>(const std::vector<TopicPartition>&)>;
  static constexpr int64_t kCommittedOffset = -1001;  // RD_KAFKA_OFFSET_INVALID

  static Result<std::unique_ptr<GroupConsumer>> create(const std::string& bootstrap_servers, const std::string& group_id,
                                                       const Properties& extra = {});
  ~GroupConsumer();

  void on_assign(OnAssign f) { on_assign_ = std::move(f); }
  void on_revoke(OnRevoke f) { on_revoke_ = std::move(f); }
  void on_assign_instead(OnAssignInstead f) { on_assign_instead_ = std::move(f); }
  Status subscribe(const std::vector<std::string>& topics);
  // Replaces the current assignment outside a rebalance (each partition from its offset, or
  // kCommittedOffset); for a member whose OnAssignInstead could not decide at the time.
  Status assign(const std::map<TopicPartition, int64_t>& partitions);
  // Up to max_records, waiting at most timeout_ms for the first; partition EOF and transient
  // errors are not records. A fatal consumer error is returned as a Status.
  Result<std::vector<ConsumedRecord>> poll(int timeout_ms, std::size_t max_records = 1000);
  // The same without copies (see poll_each).
  Result<std::size_t> poll_each(int timeout_ms, std::size_t max_records, const std::function<void(const RecordView&)>& f);
  // Commits next-offsets (last processed + 1) synchronously.
  Status commit(const std::map<TopicPartition, int64_t>& next_offsets);
  void close();

 private:
  explicit GroupConsumer(std::unique_ptr<KafkaHandle> handle) : handle_(std::move(handle)) {}
  static void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts, void* opaque);

  std::unique_ptr<KafkaHandle> handle_;
  OnAssign on_assign_;
  OnRevoke on_revoke_;
  OnAssignInstead on_assign_instead_;
  bool closed_ = false;
};

}  // namespace tributary::client
