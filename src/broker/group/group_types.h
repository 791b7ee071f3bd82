// The vocabulary of the group coordinator: states, errors, and the requests and results that the
// Kafka handlers translate to and from the wire. Nothing here knows about protocol versions.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/bytes.h"

namespace tributary::broker::group {

enum class GroupState { empty, preparing_rebalance, completing_rebalance, stable, dead };

// Kafka's names, as ListGroups and DescribeGroups report them.
const char* state_name(GroupState state);
std::optional<GroupState> parse_state(const std::string& name);

// Why a group operation failed; the handlers map each to its Kafka error code.
enum class GroupError {
  none,
  unknown_member_id,
  illegal_generation,
  rebalance_in_progress,
  inconsistent_group_protocol,
  invalid_session_timeout,
  group_id_not_found,
  non_empty_group,
  invalid_group_id,
  group_max_size_reached,
  member_id_required,
  fenced_instance_id,
  coordinator_load_in_progress,
  coordinator_not_available,
  unknown_topic_or_partition,
  offset_metadata_too_large,
  group_subscribed_to_topic,
  storage_error,
};

struct TopicPartition {
  std::string topic;
  int32_t partition = 0;
  auto operator<=>(const TopicPartition&) const = default;
};

struct CommittedOffset {
  int64_t offset = -1;
  int32_t leader_epoch = -1;
  std::string metadata;
  int64_t commit_timestamp = -1;  // wall-clock ms
  bool operator==(const CommittedOffset&) const = default;
};

struct ProtocolMetadata {
  std::string name;
  Bytes metadata;
};

struct JoinRequest {
  std::string group_id;
  std::string member_id;  // empty: a new member
  std::optional<std::string> instance_id;
  std::string client_id;
  std::string client_host;
  std::string protocol_type;
  int32_t session_timeout_ms = 0;
  int32_t rebalance_timeout_ms = 0;
  std::vector<ProtocolMetadata> protocols;
  bool require_known_member_id = false;  // JoinGroup v4+: answer MEMBER_ID_REQUIRED first
};

struct JoinResult {
  struct MemberInfo {
    std::string member_id;
    std::optional<std::string> instance_id;
    Bytes metadata;
  };
  GroupError error = GroupError::none;
  int32_t generation = -1;
  std::string protocol_type;
  std::optional<std::string> protocol_name;
  std::string leader;
  std::string member_id;
  bool skip_assignment = false;  // a static leader rejoined without a rebalance (KIP-814)
  std::vector<MemberInfo> members;  // only for the leader
};
using JoinCallback = std::function<void(JoinResult)>;

struct SyncRequest {
  std::string group_id;
  int32_t generation = -1;
  std::string member_id;
  std::optional<std::string> instance_id;
  std::optional<std::string> protocol_type;
  std::optional<std::string> protocol_name;
  std::vector<std::pair<std::string, Bytes>> assignments;  // member id -> assignment (leader only)
};

struct SyncResult {
  GroupError error = GroupError::none;
  std::string protocol_type;
  std::optional<std::string> protocol_name;
  Bytes assignment;
};
using SyncCallback = std::function<void(SyncResult)>;

struct HeartbeatRequest {
  std::string group_id;
  int32_t generation = -1;
  std::string member_id;
  std::optional<std::string> instance_id;
};

struct MemberIdentity {
  std::string member_id;
  std::optional<std::string> instance_id;
};

struct LeaveResult {
  GroupError error = GroupError::none;  // the whole request
  std::vector<std::pair<MemberIdentity, GroupError>> members;
};

struct CommitRequest {
  std::string group_id;
  int32_t generation = -1;
  std::string member_id;
  std::optional<std::string> instance_id;
  std::vector<std::pair<TopicPartition, CommittedOffset>> offsets;
};

struct CommitResult {
  std::vector<std::pair<TopicPartition, GroupError>> partitions;
};
using CommitCallback = std::function<void(CommitResult)>;

struct FetchOffsetsResult {
  GroupError error = GroupError::none;
  std::vector<std::pair<TopicPartition, std::optional<CommittedOffset>>> offsets;
};

struct DeleteOffsetsResult {
  GroupError error = GroupError::none;
  std::vector<std::pair<TopicPartition, GroupError>> partitions;
};

struct GroupListing {
  std::string group_id;
  std::string protocol_type;
  GroupState state = GroupState::empty;
};

struct MemberDescription {
  std::string member_id;
  std::optional<std::string> instance_id;
  std::string client_id;
  std::string client_host;
  Bytes metadata;  // of the selected protocol
  Bytes assignment;
};

struct GroupDescription {
  GroupError error = GroupError::none;
  std::string group_id;
  GroupState state = GroupState::dead;
  std::string protocol_type;
  std::string protocol_name;
  int32_t generation = -1;
  std::vector<MemberDescription> members;
};

struct PartitionLag {
  std::string topic;
  int32_t partition = 0;
  int64_t committed_offset = -1;
  int64_t log_end_offset = -1;
  int64_t lag = -1;  // -1 when nothing is committed or the partition is gone
};

}  // namespace tributary::broker::group
