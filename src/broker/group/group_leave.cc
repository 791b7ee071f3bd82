// Members leaving: LeaveGroup, session expiry, and the rebalance and sync deadlines that keep a
// broken client from holding the rest of its group.
#include <algorithm>
#include <climits>

#include "broker/group/group_manager.h"
#include "common/logging.h"

namespace tributary::broker::group {

LeaveResult GroupManager::leave(const std::string& group_id, const std::vector<MemberIdentity>& members) {
  LeaveResult result;
  if (group_id.empty()) {
    result.error = GroupError::invalid_group_id;
    return result;
  }
  Group* group = find_mutable(group_id);
  for (const auto& identity : members) {
    GroupError error = GroupError::none;
    std::string member_id = identity.member_id;
    if (!group) {
      error = GroupError::unknown_member_id;
    } else if (identity.instance_id) {
      // Static members may be removed by instance id alone (KIP-345 admin removal).
      auto bound = group->static_member_id(*identity.instance_id);
      if (!bound) error = GroupError::unknown_member_id;
      else if (!member_id.empty() && member_id != *bound) error = GroupError::fenced_instance_id;
      else member_id = *bound;
    }
    if (error == GroupError::none) {
      if (group->pending_members.erase(member_id)) maybe_complete_join(*group);
      else if (!group->has_member(member_id)) error = GroupError::unknown_member_id;
      else remove_member(*group, member_id, "left the group");
    }
    result.members.push_back({identity, error});
  }
  return result;
}

void GroupManager::remove_member(Group& group, const std::string& member_id, const std::string& reason) {
  Member* member = group.member(member_id);
  if (!member) return;
  fail_pending(*member, GroupError::unknown_member_id);
  if (member->instance_id) group.static_members.erase(*member->instance_id);
  group.members.erase(member_id);
  component_logger("groups")->info("member_removed group={} member={} reason=\"{}\"", group.id(), member_id, reason);
  if (group.is_leader(member_id)) {
    group.leader.reset();
    auto first = std::min_element(group.members.begin(), group.members.end(), [](const auto& a, const auto& b) {
      return a.second.join_order < b.second.join_order;
    });
    if (first != group.members.end()) group.leader = first->first;
  }
  switch (group.state()) {
    case GroupState::stable:
    case GroupState::completing_rebalance:
      return prepare_rebalance(group, "member " + member_id + " " + reason);
    case GroupState::preparing_rebalance:
      return maybe_complete_join(group);
    case GroupState::empty:
    case GroupState::dead:
      return;
  }
}

void GroupManager::advance() {
  int64_t now = clock_.steady();
  std::vector<std::string> ids;
  for (const auto& [id, g] : groups_) ids.push_back(id);
  for (const auto& id : ids) {
    Group* group = find_mutable(id);
    if (!group) continue;
    bool pending_expired = std::erase_if(group->pending_members, [&](const auto& p) { return p.second <= now; }) > 0;
    if (pending_expired) maybe_complete_join(*group);

    // Members awaiting a rebalance step are governed by the rebalance timeout, not their session.
    std::vector<std::string> expired;
    for (const auto& [member_id, m] : group->members)
      if (m.session_deadline <= now && !m.awaiting_join && !m.awaiting_sync) expired.push_back(member_id);
    for (const auto& member_id : expired) remove_member(*group, member_id, "session timeout");

    if (group->state() == GroupState::preparing_rebalance && now >= group->join_deadline) complete_join(*group);

    bool syncing = group->state() == GroupState::completing_rebalance || group->state() == GroupState::stable;
    if (syncing && group->sync_deadline > 0 && now >= group->sync_deadline) {
      group->sync_deadline = 0;
      std::vector<std::string> unsynced;
      for (const auto& [member_id, m] : group->members)
        if (!m.synced) unsynced.push_back(member_id);
      for (const auto& member_id : unsynced) remove_member(*group, member_id, "no SyncGroup within the rebalance timeout");
    }
  }
}

int64_t GroupManager::next_deadline() const {
  int64_t next = INT64_MAX;
  for (const auto& [id, group] : groups_) {
    for (const auto& [member_id, expiry] : group->pending_members) next = std::min(next, expiry);
    for (const auto& [member_id, m] : group->members)
      if (!m.awaiting_join && !m.awaiting_sync) next = std::min(next, m.session_deadline);
    if (group->state() == GroupState::preparing_rebalance) next = std::min(next, group->join_deadline);
    bool syncing = group->state() == GroupState::completing_rebalance || group->state() == GroupState::stable;
    if (syncing && group->sync_deadline > 0) next = std::min(next, group->sync_deadline);
  }
  return next;
}

void GroupManager::persist_group(const Group& group) {
  StoredGroup stored;
  stored.protocol_type = group.protocol_type;
  stored.generation = group.generation;
  stored.protocol_name = group.protocol_name;
  stored.leader = group.leader;
  stored.state_timestamp = group.state_since();
  for (const auto& [id, m] : group.members) {
    const Bytes* subscription = group.protocol_name ? m.metadata_for(*group.protocol_name) : nullptr;
    stored.members.push_back({id, m.instance_id, m.client_id, m.client_host, m.rebalance_timeout_ms,
                              m.session_timeout_ms, subscription ? *subscription : Bytes{}, m.assignment});
  }
  std::vector<protocol::Record> records(1);
  records[0].key = encode_group_key(group.id());
  records[0].value = encode_group_value(stored);
  // Group metadata only restores generations after a restart, so nothing waits for it to be durable.
  journal_.write(group.id(), std::move(records), [id = group.id()](Status s) {
    if (!s.ok()) component_logger("groups")->error("group_metadata_write_failed group={} error=\"{}\"", id, s.to_string());
  });
}

}  // namespace tributary::broker::group
