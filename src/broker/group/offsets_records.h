// Record keys and values of the __consumer_offsets topic, in Kafka's documented layouts, so the
// topic reads the same as Kafka's (classic big-endian encoding, a version int16 first):
//   offset commit key   v1  {group string, topic string, partition int32}
//   offset commit value v3  {offset int64, leader_epoch int32, metadata string, commit_timestamp int64}
//   group metadata key  v2  {group string}
//   group metadata value v3 {protocol_type, generation, protocol?, leader?, current_state_timestamp,
//                            members [{member_id, group_instance_id?, client_id, client_host,
//                                      rebalance_timeout, session_timeout, subscription, assignment}]}
// A null value (tombstone) deletes the key. Older value versions are read too.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "broker/group/group_types.h"
#include "common/status.h"

namespace tributary::broker::group {

struct OffsetRecordKey {
  std::string group;
  TopicPartition partition;
};
struct GroupRecordKey {
  std::string group;
};
using RecordKey = std::variant<OffsetRecordKey, GroupRecordKey>;

struct StoredMember {
  std::string member_id;
  std::optional<std::string> instance_id;
  std::string client_id;
  std::string client_host;
  int32_t rebalance_timeout_ms = 0;
  int32_t session_timeout_ms = 0;
  Bytes subscription;
  Bytes assignment;
  bool operator==(const StoredMember&) const = default;
};

struct StoredGroup {
  std::string protocol_type;
  int32_t generation = 0;
  std::optional<std::string> protocol_name;
  std::optional<std::string> leader;
  int64_t state_timestamp = -1;
  std::vector<StoredMember> members;
  bool operator==(const StoredGroup&) const = default;
};

Bytes encode_offset_key(const std::string& group, const TopicPartition& tp);
Bytes encode_offset_value(const CommittedOffset& offset);
Bytes encode_group_key(const std::string& group);
Bytes encode_group_value(const StoredGroup& group);

// Errc::corrupt for truncated input, Errc::unsupported for a version we do not know.
Result<RecordKey> decode_record_key(std::span<const uint8_t> key);
Result<CommittedOffset> decode_offset_value(std::span<const uint8_t> value);
Result<StoredGroup> decode_group_value(std::span<const uint8_t> value);

// Which partition of __consumer_offsets holds a group: Java's String.hashCode of the id, made
// non-negative, modulo the partition count, as Kafka places groups.
int32_t offsets_partition_for(const std::string& group, int32_t partitions);

}  // namespace tributary::broker::group
