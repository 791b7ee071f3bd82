// JoinGroup and the rebalance it drives: PreparingRebalance collects the members' joins (or waits
// out the rebalance timeout), then CompletingRebalance hands the leader everyone's metadata.
#include <fmt/format.h>

#include <random>

#include "broker/group/group_manager.h"
#include "common/logging.h"

namespace tributary::broker::group {
namespace {

JoinResult join_error(GroupError error, const std::string& member_id) {
  JoinResult r;
  r.error = error;
  r.member_id = member_id;
  return r;
}

// 16 random bytes in the 8-4-4-4-12 hex form of a UUID v4.
std::string random_uuid() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  uint64_t hi = rng(), lo = rng();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xffff, hi & 0xffff, lo >> 48,
                     lo & 0xffffffffffffULL);
}

}  // namespace

GroupManager::GroupManager(GroupSettings settings, GroupClock clock, Journal& journal, PartitionExists partition_exists)
    : settings_(settings), clock_(std::move(clock)), journal_(journal), partition_exists_(std::move(partition_exists)) {}

std::string GroupManager::new_member_id(const std::string& client_id) { return client_id + "-" + random_uuid(); }

const Group* GroupManager::find(const std::string& group_id) const {
  auto it = groups_.find(group_id);
  return it == groups_.end() ? nullptr : it->second.get();
}

Group* GroupManager::find_mutable(const std::string& group_id) {
  auto it = groups_.find(group_id);
  return it == groups_.end() ? nullptr : it->second.get();
}

Group& GroupManager::get_or_create(const std::string& group_id) {
  auto& slot = groups_[group_id];
  if (!slot) {
    slot = std::make_unique<Group>(group_id);
    slot->set_state_since(clock_.wall());
  }
  return *slot;
}

void GroupManager::join(JoinRequest request, JoinCallback done) {
  if (request.group_id.empty()) return done(join_error(GroupError::invalid_group_id, request.member_id));
  if (request.session_timeout_ms < settings_.min_session_timeout_ms ||
      request.session_timeout_ms > settings_.max_session_timeout_ms)
    return done(join_error(GroupError::invalid_session_timeout, request.member_id));
  if (request.rebalance_timeout_ms <= 0) request.rebalance_timeout_ms = request.session_timeout_ms;  // JoinGroup v0

  Group* group = find_mutable(request.group_id);
  if (!group) {
    if (!request.member_id.empty()) return done(join_error(GroupError::unknown_member_id, request.member_id));
    group = &get_or_create(request.group_id);
  }
  if (!group->supports(request.protocol_type, request.protocols, request.member_id)) {
    maybe_drop_empty_group(request.group_id);
    return done(join_error(GroupError::inconsistent_group_protocol, request.member_id));
  }
  if (request.member_id.empty())
    join_new_member(*group, request, done);
  else
    join_existing_member(*group, request, done);
}

void GroupManager::join_new_member(Group& group, JoinRequest& request, JoinCallback& done) {
  if (request.instance_id) {
    if (auto old_id = group.static_member_id(*request.instance_id))
      return replace_static_member(group, *old_id, request, done);
  }
  if (group.members.size() + group.pending_members.size() >= static_cast<size_t>(settings_.max_group_size))
    return done(join_error(GroupError::group_max_size_reached, request.member_id));
  std::string member_id = new_member_id(request.client_id);
  // KIP-394: a dynamic member first learns its id, so a client that dies before rejoining leaves
  // only a pending id (expiring with its session timeout) rather than a member that blocks rebalances.
  if (request.require_known_member_id && !request.instance_id) {
    group.pending_members[member_id] = clock_.steady() + request.session_timeout_ms;
    return done(join_error(GroupError::member_id_required, member_id));
  }
  add_member_and_rebalance(group, request, member_id, std::move(done));
}

void GroupManager::join_existing_member(Group& group, JoinRequest& request, JoinCallback& done) {
  const std::string& member_id = request.member_id;
  if (request.instance_id) {
    auto bound = group.static_member_id(*request.instance_id);
    if (bound && *bound != member_id) return done(join_error(GroupError::fenced_instance_id, member_id));
  }
  if (group.pending_members.erase(member_id)) return add_member_and_rebalance(group, request, member_id, std::move(done));
  Member* member = group.member(member_id);
  if (!member) return done(join_error(GroupError::unknown_member_id, member_id));
  switch (group.state()) {
    case GroupState::preparing_rebalance:
      return update_member_and_rebalance(group, *member, request, std::move(done));
    case GroupState::completing_rebalance:
      // A repeated join of the generation being formed gets the same answer again.
      if (member->same_protocols(request.protocols)) return done(current_join_result(group, member_id));
      return update_member_and_rebalance(group, *member, request, std::move(done));
    case GroupState::stable:
      // The leader rejoining asks for a new assignment (e.g. its subscription grew); others with
      // unchanged protocols just get the current generation back.
      if (group.is_leader(member_id) || !member->same_protocols(request.protocols))
        return update_member_and_rebalance(group, *member, request, std::move(done));
      return done(current_join_result(group, member_id));
    case GroupState::empty:
    case GroupState::dead:
      return done(join_error(GroupError::unknown_member_id, member_id));
  }
}

void GroupManager::replace_static_member(Group& group, const std::string& old_id, JoinRequest& request,
                                         JoinCallback& done) {
  Member old = std::move(group.members.at(old_id));
  group.members.erase(old_id);
  fail_pending(old, GroupError::fenced_instance_id);
  std::string new_id = new_member_id(request.client_id);
  bool protocols_changed = !old.same_protocols(request.protocols) || request.protocol_type != group.protocol_type;
  Member& m = group.members[new_id] = std::move(old);
  m.id = new_id;
  m.client_id = request.client_id;
  m.client_host = request.client_host;
  m.session_timeout_ms = request.session_timeout_ms;
  m.rebalance_timeout_ms = request.rebalance_timeout_ms;
  group.static_members[*request.instance_id] = new_id;
  if (group.is_leader(old_id)) group.leader = new_id;
  reset_session(m);
  component_logger("groups")->info("static_member_replaced group={} instance={} old={} new={}", group.id(),
                                   *request.instance_id, old_id, new_id);
  if (group.state() == GroupState::stable && !protocols_changed) {
    // KIP-345: a restarted static member takes its old place without a rebalance.
    JoinResult r = current_join_result(group, new_id);
    r.skip_assignment = group.is_leader(new_id);
    persist_group(group);
    return done(std::move(r));
  }
  m.protocols = request.protocols;
  m.awaiting_join = std::move(done);
  if (group.state() == GroupState::preparing_rebalance) return maybe_complete_join(group);
  prepare_rebalance(group, "static member rejoined with new protocols or during a rebalance");
}

void GroupManager::add_member_and_rebalance(Group& group, JoinRequest& request, const std::string& member_id,
                                            JoinCallback done) {
  if (group.members.empty()) group.protocol_type = request.protocol_type;
  Member& m = group.members[member_id];
  m.id = member_id;
  m.instance_id = request.instance_id;
  m.client_id = request.client_id;
  m.client_host = request.client_host;
  m.protocol_type = request.protocol_type;
  m.session_timeout_ms = request.session_timeout_ms;
  m.rebalance_timeout_ms = request.rebalance_timeout_ms;
  m.protocols = std::move(request.protocols);
  m.join_order = group.next_join_order();
  m.awaiting_join = std::move(done);
  reset_session(m);
  if (m.instance_id) group.static_members[*m.instance_id] = member_id;
  if (!group.leader) group.leader = member_id;
  if (group.state() == GroupState::preparing_rebalance) {
    // New members keep a new group's initial delay going, within its limit.
    if (group.initial_delay)
      group.join_deadline = std::min(clock_.steady() + settings_.initial_rebalance_delay_ms, group.initial_delay_limit);
    return maybe_complete_join(group);
  }
  prepare_rebalance(group, "member " + member_id + " joined");
}

void GroupManager::update_member_and_rebalance(Group& group, Member& member, JoinRequest& request, JoinCallback done) {
  // A client that retried JoinGroup must still get an answer to the first attempt (responses on a
  // connection go out in order).
  if (member.awaiting_join) fail_pending(member, GroupError::rebalance_in_progress);
  member.protocols = std::move(request.protocols);
  member.client_id = request.client_id;
  member.client_host = request.client_host;
  member.session_timeout_ms = request.session_timeout_ms;
  member.rebalance_timeout_ms = request.rebalance_timeout_ms;
  member.awaiting_join = std::move(done);
  reset_session(member);
  if (group.state() == GroupState::preparing_rebalance) return maybe_complete_join(group);
  prepare_rebalance(group, "member " + member.id + " rejoined");
}

JoinResult GroupManager::current_join_result(const Group& group, const std::string& member_id) const {
  JoinResult r;
  r.generation = group.generation;
  r.protocol_type = group.protocol_type;
  r.protocol_name = group.protocol_name;
  r.leader = group.leader.value_or("");
  r.member_id = member_id;
  if (group.is_leader(member_id) && group.protocol_name) {
    for (const auto& [id, m] : group.members) {
      const Bytes* metadata = m.metadata_for(*group.protocol_name);
      r.members.push_back({id, m.instance_id, metadata ? *metadata : Bytes{}});
    }
  }
  return r;
}

void GroupManager::prepare_rebalance(Group& group, const std::string& reason) {
  if (group.state() == GroupState::completing_rebalance) {
    // The assignments being handed out are void: members waiting for theirs must rejoin.
    for (auto& [id, m] : group.members) {
      m.assignment.clear();
      fail_pending(m, GroupError::rebalance_in_progress);
    }
  }
  bool from_empty = group.state() == GroupState::empty;
  group.transition(GroupState::preparing_rebalance, clock_.wall());
  group.sync_deadline = 0;
  int64_t now = clock_.steady();
  int32_t rebalance_timeout = group.max_rebalance_timeout_ms();
  group.initial_delay = from_empty && settings_.initial_rebalance_delay_ms > 0;
  if (group.initial_delay) {
    group.join_deadline = now + settings_.initial_rebalance_delay_ms;
    group.initial_delay_limit = now + std::max(rebalance_timeout, settings_.initial_rebalance_delay_ms);
  } else {
    group.join_deadline = now + rebalance_timeout;
  }
  component_logger("groups")->info("rebalance_started group={} generation={} reason=\"{}\"", group.id(),
                                   group.generation, reason);
  maybe_complete_join(group);
}

void GroupManager::maybe_complete_join(Group& group) {
  if (group.state() == GroupState::preparing_rebalance && !group.initial_delay && group.all_members_joined())
    complete_join(group);
}

void GroupManager::complete_join(Group& group) {
  // Members that did not rejoin within the rebalance timeout are out (static ones too).
  std::vector<std::string> missing;
  for (const auto& [id, m] : group.members)
    if (!m.awaiting_join) missing.push_back(id);
  for (const auto& id : missing) {
    component_logger("groups")->info("member_removed group={} member={} reason=\"did not rejoin in time\"", group.id(), id);
    if (auto& instance = group.members.at(id).instance_id) group.static_members.erase(*instance);
    group.members.erase(id);
  }
  group.initial_delay = false;
  ++group.generation;
  if (group.members.empty()) {
    group.protocol_name.reset();
    group.leader.reset();
    group.transition(GroupState::empty, clock_.wall());
    persist_group(group);
    component_logger("groups")->info("group_empty group={} generation={}", group.id(), group.generation);
    return;
  }
  if (!group.leader || !group.has_member(*group.leader)) {
    auto first = std::min_element(group.members.begin(), group.members.end(), [](const auto& a, const auto& b) {
      return a.second.join_order < b.second.join_order;
    });
    group.leader = first->first;
  }
  group.protocol_name = group.select_protocol();
  group.transition(GroupState::completing_rebalance, clock_.wall());
  group.sync_deadline = clock_.steady() + group.max_rebalance_timeout_ms();
  component_logger("groups")->info("rebalance_joined group={} generation={} protocol={} leader={} members={}",
                                   group.id(), group.generation, group.protocol_name.value_or(""),
                                   group.leader.value_or(""), group.members.size());
  for (auto& [id, m] : group.members) {
    m.synced = false;
    reset_session(m);
    JoinCallback callback = std::move(m.awaiting_join);
    m.awaiting_join = nullptr;
    callback(current_join_result(group, id));
  }
}

void GroupManager::reset_session(Member& member) { member.session_deadline = clock_.steady() + member.session_timeout_ms; }

void GroupManager::fail_pending(Member& member, GroupError error) {
  if (member.awaiting_join) {
    JoinCallback callback = std::move(member.awaiting_join);
    member.awaiting_join = nullptr;
    callback(join_error(error, member.id));
  }
  if (member.awaiting_sync) {
    SyncCallback callback = std::move(member.awaiting_sync);
    member.awaiting_sync = nullptr;
    SyncResult r;
    r.error = error;
    callback(std::move(r));
  }
}

void GroupManager::maybe_drop_empty_group(const std::string& group_id) {
  Group* group = find_mutable(group_id);
  if (group && group->state() == GroupState::empty && group->members.empty() && group->pending_members.empty() &&
      group->offsets.empty() && group->generation == 0)
    groups_.erase(group_id);
}

}  // namespace tributary::broker::group
