// The classic consumer group protocol and committed offsets, as Kafka's group coordinator runs
// them: JoinGroup / SyncGroup / Heartbeat / LeaveGroup drive each group through
// Empty -> PreparingRebalance -> CompletingRebalance -> Stable (and back), while OffsetCommit and
// OffsetFetch store and read positions. The broker only relays protocols and the leader's
// assignments, so every client-side assignor works.
//
// Single-threaded by design: GroupCoordinator calls every method on its own thread. Time comes from
// an injected clock and deadlines are processed by advance(), so tests drive it without threads.
// Durable state goes to a Journal (the __consumer_offsets topic in the broker, a fake in tests).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "broker/group/group.h"
#include "broker/group/offsets_records.h"
#include "common/status.h"
#include "protocol/record_batch.h"

namespace tributary::broker::group {

struct GroupSettings {
  int32_t min_session_timeout_ms = 6000;
  int32_t max_session_timeout_ms = 1800000;
  int32_t initial_rebalance_delay_ms = 0;
  int32_t max_group_size = INT32_MAX;
  int64_t offsets_retention_ms = 7LL * 24 * 3600 * 1000;
  size_t max_metadata_bytes = 4096;  // Kafka's offset.metadata.max.bytes default
};

struct GroupClock {
  std::function<int64_t()> steady;  // timeouts
  std::function<int64_t()> wall;    // commit timestamps and offset retention
};

// Where the manager's durable records go. `done` must run on the manager's thread.
class Journal {
 public:
  virtual ~Journal() = default;
  virtual void write(const std::string& group, std::vector<protocol::Record> records,
                     std::function<void(Status)> done) = 0;
};

class GroupManager {
 public:
  using PartitionExists = std::function<bool(const TopicPartition&)>;

  GroupManager(GroupSettings settings, GroupClock clock, Journal& journal, PartitionExists partition_exists);

  // Membership (group_join.cc, group_sync.cc, group_leave.cc). Callbacks may run before return.
  void join(JoinRequest request, JoinCallback done);
  void sync(SyncRequest request, SyncCallback done);
  GroupError heartbeat(const HeartbeatRequest& request);
  LeaveResult leave(const std::string& group_id, const std::vector<MemberIdentity>& members);

  // Offsets (group_offsets.cc).
  void commit(CommitRequest request, CommitCallback done);
  FetchOffsetsResult fetch(const std::string& group_id, const std::optional<std::vector<TopicPartition>>& partitions) const;
  // Both answer once the tombstones are durable.
  void delete_offsets(const std::string& group_id, const std::vector<TopicPartition>& partitions,
                      std::function<void(DeleteOffsetsResult)> done);
  void delete_groups(const std::vector<std::string>& group_ids,
                     std::function<void(std::vector<std::pair<std::string, GroupError>>)> done);
  // Drops offsets of Empty groups older than offsets.retention, and then such groups themselves.
  void expire_offsets();

  // Introspection (group_offsets.cc).
  std::vector<GroupListing> list() const;
  GroupDescription describe(const std::string& group_id) const;
  std::map<TopicPartition, CommittedOffset> committed(const std::string& group_id) const;

  // Deadlines: session expiry, rebalance and sync timeouts, pending members (group_leave.cc).
  void advance();
  int64_t next_deadline() const;  // steady ms; INT64_MAX when nothing is scheduled

  // Replay of the journal at start (group_offsets.cc): later records win, tombstones delete.
  void restore(const RecordKey& key, const std::optional<std::span<const uint8_t>>& value);
  size_t group_count() const { return groups_.size(); }
  const Group* find(const std::string& group_id) const;

 private:
  Group& get_or_create(const std::string& group_id);
  // Join steps.
  void join_new_member(Group& group, JoinRequest& request, JoinCallback& done);
  void join_existing_member(Group& group, JoinRequest& request, JoinCallback& done);
  void replace_static_member(Group& group, const std::string& old_id, JoinRequest& request, JoinCallback& done);
  void add_member_and_rebalance(Group& group, JoinRequest& request, const std::string& member_id, JoinCallback done);
  void update_member_and_rebalance(Group& group, Member& member, JoinRequest& request, JoinCallback done);
  JoinResult current_join_result(const Group& group, const std::string& member_id) const;
  void prepare_rebalance(Group& group, const std::string& reason);
  void maybe_complete_join(Group& group);
  void complete_join(Group& group);
  // Sync and leave steps.
  void complete_sync(Group& group, const std::vector<std::pair<std::string, Bytes>>& assignments);
  void remove_member(Group& group, const std::string& member_id, const std::string& reason);
  void reset_session(Member& member);
  void fail_pending(Member& member, GroupError error);
  void persist_group(const Group& group);
  void maybe_drop_empty_group(const std::string& group_id);
  Group* find_mutable(const std::string& group_id);
  std::string new_member_id(const std::string& client_id);

  GroupSettings settings_;
  GroupClock clock_;
  Journal& journal_;
  PartitionExists partition_exists_;
  std::map<std::string, std::unique_ptr<Group>> groups_;
};

const char* error_name(GroupError error);

}  // namespace tributary::broker::group
