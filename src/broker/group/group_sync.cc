// SyncGroup (the leader's assignments reach every member) and Heartbeat (keeps a session alive and
// tells members when a rebalance needs them).
#include "broker/group/group_manager.h"
#include "common/logging.h"

namespace tributary::broker::group {
namespace {

SyncResult sync_error(GroupError error) {
  SyncResult r;
  r.error = error;
  return r;
}

}  // namespace

void GroupManager::sync(SyncRequest request, SyncCallback done) {
  if (request.group_id.empty()) return done(sync_error(GroupError::invalid_group_id));
  Group* group = find_mutable(request.group_id);
  if (!group) return done(sync_error(GroupError::unknown_member_id));
  if (request.instance_id) {
    auto bound = group->static_member_id(*request.instance_id);
    if (bound && *bound != request.member_id) return done(sync_error(GroupError::fenced_instance_id));
  }
  Member* member = group->member(request.member_id);
  if (!member) return done(sync_error(GroupError::unknown_member_id));
  if (request.generation != group->generation) return done(sync_error(GroupError::illegal_generation));
  if ((request.protocol_type && *request.protocol_type != group->protocol_type) ||
      (request.protocol_name && *request.protocol_name != group->protocol_name.value_or("")))
    return done(sync_error(GroupError::inconsistent_group_protocol));

  switch (group->state()) {
    case GroupState::empty:
    case GroupState::dead:
      return done(sync_error(GroupError::unknown_member_id));
    case GroupState::preparing_rebalance:
      return done(sync_error(GroupError::rebalance_in_progress));
    case GroupState::completing_rebalance:
      if (member->awaiting_sync) fail_pending(*member, GroupError::rebalance_in_progress);  // a retried SyncGroup
      member->awaiting_sync = std::move(done);
      member->synced = true;
      reset_session(*member);
      if (group->is_leader(request.member_id)) complete_sync(*group, request.assignments);
      return;
    case GroupState::stable: {
      member->synced = true;
      reset_session(*member);
      SyncResult r;
      r.protocol_type = group->protocol_type;
      r.protocol_name = group->protocol_name;
      r.assignment = member->assignment;
      return done(std::move(r));
    }
  }
}

void GroupManager::complete_sync(Group& group, const std::vector<std::pair<std::string, Bytes>>& assignments) {
  for (auto& [id, m] : group.members) m.assignment.clear();
  for (const auto& [id, assignment] : assignments)
    if (Member* m = group.member(id)) m->assignment = assignment;
  group.transition(GroupState::stable, clock_.wall());
  persist_group(group);
  component_logger("groups")->info("group_stable group={} generation={} members={}", group.id(), group.generation,
                                   group.members.size());
  for (auto& [id, m] : group.members) {
    if (!m.awaiting_sync) continue;
    SyncCallback callback = std::move(m.awaiting_sync);
    m.awaiting_sync = nullptr;
    SyncResult r;
    r.protocol_type = group.protocol_type;
    r.protocol_name = group.protocol_name;
    r.assignment = m.assignment;
    callback(std::move(r));
  }
}

GroupError GroupManager::heartbeat(const HeartbeatRequest& request) {
  if (request.group_id.empty()) return GroupError::invalid_group_id;
  Group* group = find_mutable(request.group_id);
  if (!group) return GroupError::unknown_member_id;
  if (request.instance_id) {
    auto bound = group->static_member_id(*request.instance_id);
    if (bound && *bound != request.member_id) return GroupError::fenced_instance_id;
  }
  Member* member = group->member(request.member_id);
  if (!member) return GroupError::unknown_member_id;
  if (request.generation != group->generation) return GroupError::illegal_generation;
  switch (group->state()) {
    case GroupState::empty:
    case GroupState::dead:
      return GroupError::unknown_member_id;
    case GroupState::preparing_rebalance:
      reset_session(*member);
      return GroupError::rebalance_in_progress;
    case GroupState::completing_rebalance:
    case GroupState::stable:
      reset_session(*member);
      return GroupError::none;
  }
  return GroupError::none;
}

}  // namespace tributary::broker::group
