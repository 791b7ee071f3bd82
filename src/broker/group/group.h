// One consumer group as the coordinator holds it: members, generation, the selected protocol,
// committed offsets and the deadlines that drive its state machine (see group_manager.h).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "broker/group/group_types.h"

namespace tributary::broker::group {

struct Member {
  std::string id;
  std::optional<std::string> instance_id;
  std::string client_id;
  std::string client_host;
  std::string protocol_type;
  int32_t session_timeout_ms = 0;
  int32_t rebalance_timeout_ms = 0;
  std::vector<ProtocolMetadata> protocols;  // in the member's order of preference
  Bytes assignment;
  JoinCallback awaiting_join;  // set while its JoinGroup waits for the rebalance
  SyncCallback awaiting_sync;  // set while its SyncGroup waits for the leader
  int64_t session_deadline = 0;  // steady ms; expires the member unless it is in a rebalance step
  uint64_t join_order = 0;       // who joined first becomes leader when the old one is gone
  bool synced = false;           // sent SyncGroup in this generation (else dropped at the sync deadline)

  const Bytes* metadata_for(const std::string& protocol) const;
  bool same_protocols(const std::vector<ProtocolMetadata>& other) const;
};

class Group {
 public:
  explicit Group(std::string id) : id_(std::move(id)) {}

  const std::string& id() const { return id_; }
  GroupState state() const { return state_; }
  void transition(GroupState to, int64_t wall_now);
  int64_t state_since() const { return state_since_; }  // wall ms: drives offset expiry of Empty groups
  void set_state_since(int64_t wall) { state_since_ = wall; }

  int32_t generation = 0;
  std::string protocol_type;
  std::optional<std::string> protocol_name;
  std::optional<std::string> leader;
  std::map<std::string, Member> members;                 // by member id
  std::map<std::string, int64_t> pending_members;        // told MEMBER_ID_REQUIRED -> steady expiry
  std::map<std::string, std::string> static_members;     // group.instance.id -> member id
  std::map<TopicPartition, CommittedOffset> offsets;

  // Rebalance timing (steady ms): when PreparingRebalance completes anyway, and when members that
  // have not sent SyncGroup in CompletingRebalance are dropped.
  int64_t join_deadline = 0;
  int64_t sync_deadline = 0;
  bool initial_delay = false;       // a new group waits group.initial.rebalance.delay.ms for more members
  int64_t initial_delay_limit = 0;  // ... but never past its rebalance timeout

  bool has_member(const std::string& member_id) const { return members.count(member_id) > 0; }
  Member* member(const std::string& member_id);
  bool is_leader(const std::string& member_id) const { return leader && *leader == member_id; }
  // The static member id currently bound to `instance_id`, if any.
  std::optional<std::string> static_member_id(const std::string& instance_id) const;

  bool all_members_joined() const;
  int32_t max_rebalance_timeout_ms() const;
  // Would a member with these protocols fit (same protocol type and at least one protocol that
  // every other member supports too)? `ignoring` is the member being updated.
  bool supports(const std::string& type, const std::vector<ProtocolMetadata>& protocols,
                const std::string& ignoring) const;
  // Kafka's choice: among the protocols every member supports, the one most members prefer.
  std::optional<std::string> select_protocol() const;
  // Topics the members subscribe to, when the protocol type is "consumer" and the metadata parses.
  std::set<std::string> subscribed_topics() const;
  uint64_t next_join_order() { return ++join_counter_; }

 private:
  std::string id_;
  GroupState state_ = GroupState::empty;
  int64_t state_since_ = 0;
  uint64_t join_counter_ = 0;
};

}  // namespace tributary::broker::group
