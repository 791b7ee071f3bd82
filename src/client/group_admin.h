// Consumer-group administration over the Kafka protocol (librdkafka's admin API): what
// `tributary groups` and, later, the console use against the embedded broker or any Kafka cluster.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "client/kafka_handle.h"

namespace tributary::client {

struct GroupListing {
  std::string group_id;
  std::string state;
  bool simple = false;  // offsets only, no members ever joined
};

struct PartitionOffset {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = -1;  // -1: none committed
};

struct GroupMember {
  std::string member_id;
  std::string client_id;
  std::string host;
  std::string instance_id;
  std::vector<PartitionOffset> assignment;  // offsets unused
};

struct GroupDescription {
  std::string group_id;
  std::string state;
  std::string assignor;
  int32_t coordinator = -1;
  std::vector<GroupMember> members;
};

class GroupAdmin {
 public:
  explicit GroupAdmin(KafkaHandle& handle, int timeout_ms = 10000) : handle_(handle), timeout_ms_(timeout_ms) {}

  Result<std::vector<GroupListing>> list();
  Result<GroupDescription> describe(const std::string& group);
  Result<std::vector<PartitionOffset>> committed(const std::string& group);
  Status alter(const std::string& group, const std::vector<PartitionOffset>& offsets);
  Status remove(const std::string& group);

  // Log start and end offsets of one partition.
  Result<std::pair<int64_t, int64_t>> watermarks(const std::string& topic, int32_t partition);
  // First offset at or after `timestamp_ms` per partition (the end offset when none is that late).
  Result<std::vector<PartitionOffset>> offsets_for_time(const std::string& topic, const std::vector<int32_t>& partitions,
                                                        int64_t timestamp_ms);
  Result<std::vector<int32_t>> partitions(const std::string& topic);

 private:
  KafkaHandle& handle_;
  int timeout_ms_;
};

}  // namespace tributary::client
