// A consumer of chosen partitions without group membership: the reader decides where each partition
// starts (as Kafka Connect's mirror does with its own source offsets) and nothing is ever committed.
// Records keep their headers.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "client/consumer.h"
#include "client/kafka_handle.h"

namespace tributary::client {

class PartitionReader {
 public:
  static constexpr int64_t kBeginning = -2;  // librdkafka's RD_KAFKA_OFFSET_BEGINNING
  static constexpr int64_t kEnd = -1;        // RD_KAFKA_OFFSET_END

  static Result<std::unique_ptr<PartitionReader>> create(const std::string& bootstrap_servers,
                                                         const Properties& extra = {});
  ~PartitionReader();
  // Replaces the assignment: each partition starts at its offset (or kBeginning / kEnd).
  Status assign(const std::map<TopicPartition, int64_t>& start_offsets);
  // Up to max_records, waiting at most timeout_ms for the first; partition EOF is not a record.
  Result<std::vector<ConsumedRecord>> poll(int timeout_ms, std::size_t max_records = 1000);
  rd_kafka_t* handle() const { return handle_->get(); }

 private:
  explicit PartitionReader(std::unique_ptr<KafkaHandle> handle) : handle_(std::move(handle)) {}
  std::unique_ptr<KafkaHandle> handle_;
};

// Every record of `topic` from each partition's start to the end it had when the read began, with
// headers, partitions one after another in log order. Fails when nothing arrives for `timeout_ms`.
Result<std::vector<ConsumedRecord>> read_topic_to_end(const std::string& bootstrap_servers, const std::string& topic,
                                                      int timeout_ms = 30000, const Properties& extra = {});
constexpr int32_t kAllPartitions = -1;
// The same handed to `each` as they arrive (log order per partition), without keeping them: a
// read of any size in bounded memory. Fails when no record arrives for `idle_timeout_ms`, or with
// the first error `each` returns. With `partition`, that partition's records only.
Status for_each_record_to_end(const std::string& bootstrap_servers, const std::string& topic,
                              const std::function<Status(ConsumedRecord&&)>& each, int idle_timeout_ms = 30000,
                              int32_t partition = kAllPartitions);
// The same as read_topic_to_end from each partition's last `records_per_partition` offsets (fewer records where the
// log was compacted there).
Result<std::vector<ConsumedRecord>> read_topic_tail(const std::string& bootstrap_servers, const std::string& topic,
                                                    int64_t records_per_partition, int timeout_ms = 30000,
                                                    int32_t partition = kAllPartitions);

}  // namespace tributary::client
