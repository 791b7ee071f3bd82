// Committed offsets (OffsetCommit, OffsetFetch, OffsetDelete), group deletion and expiry, the
// read-only views, and the replay of the journal at start.
#include <fmt/format.h>

#include "broker/group/group_manager.h"
#include "common/logging.h"

namespace tributary::broker::group {
namespace {

protocol::Record tombstone(Bytes key) {
  protocol::Record r;
  r.key = std::move(key);
  return r;
}

}  // namespace

void GroupManager::commit(CommitRequest request, CommitCallback done) {
  CommitResult result;
  auto fail_all = [&](GroupError error) {
    for (const auto& [tp, offset] : request.offsets) result.partitions.push_back({tp, error});
    done(std::move(result));
  };
  Group* group = find_mutable(request.group_id);
  if (!group) {
    // Only a standalone consumer (no group management) may commit to a group that does not exist.
    if (request.generation >= 0) return fail_all(GroupError::illegal_generation);
  } else {
    std::optional<std::string> bound;
    if (request.instance_id) bound = group->static_member_id(*request.instance_id);
    if (bound && *bound != request.member_id) return fail_all(GroupError::fenced_instance_id);
    bool standalone = request.generation < 0 && group->state() == GroupState::empty;
    if (!standalone) {
      if (group->state() == GroupState::completing_rebalance) return fail_all(GroupError::rebalance_in_progress);
      Member* member = group->member(request.member_id);
      if (!member) return fail_all(GroupError::unknown_member_id);
      if (request.generation != group->generation) return fail_all(GroupError::illegal_generation);
      reset_session(*member);
    }
  }

  std::vector<protocol::Record> records;
  std::vector<size_t> accepted;  // indexes into request.offsets
  int64_t now = clock_.wall();
  for (size_t i = 0; i < request.offsets.size(); ++i) {
    auto& [tp, offset] = request.offsets[i];
    GroupError error = GroupError::none;
    if (!partition_exists_(tp)) error = GroupError::unknown_topic_or_partition;
    else if (offset.metadata.size() > settings_.max_metadata_bytes) error = GroupError::offset_metadata_too_large;
    result.partitions.push_back({tp, error});
    if (error != GroupError::none) continue;
    offset.commit_timestamp = now;
    protocol::Record r;
    r.key = encode_offset_key(request.group_id, tp);
    r.value = encode_offset_value(offset);
    records.push_back(std::move(r));
    accepted.push_back(i);
  }
  if (records.empty()) return done(std::move(result));
  // Offsets become visible (and are answered) only once they are durable, as acks=all.
  std::string group_id = request.group_id;  // `request` moves into the callback below
  journal_.write(group_id, std::move(records),
                 [this, request = std::move(request), accepted = std::move(accepted), result = std::move(result),
                  done = std::move(done)](Status s) mutable {
                   if (s.ok()) {
                     Group& g = get_or_create(request.group_id);
                     for (size_t i : accepted) g.offsets[request.offsets[i].first] = request.offsets[i].second;
                   } else {
                     component_logger("groups")->error("offset_commit_failed group={} error=\"{}\"", request.group_id,
                                                       s.to_string());
                     for (size_t i : accepted) result.partitions[i].second = GroupError::storage_error;
                   }
                   done(std::move(result));
                 });
}

FetchOffsetsResult GroupManager::fetch(const std::string& group_id,
                                       const std::optional<std::vector<TopicPartition>>& partitions) const {
  FetchOffsetsResult result;
  const Group* group = find(group_id);
  if (!partitions) {
    if (group)
      for (const auto& [tp, offset] : group->offsets) result.offsets.push_back({tp, offset});
    return result;
  }
  for (const auto& tp : *partitions) {
    std::optional<CommittedOffset> offset;
    if (group)
      if (auto it = group->offsets.find(tp); it != group->offsets.end()) offset = it->second;
    result.offsets.push_back({tp, offset});
  }
  return result;
}

void GroupManager::delete_offsets(const std::string& group_id, const std::vector<TopicPartition>& partitions,
                                  std::function<void(DeleteOffsetsResult)> done) {
  DeleteOffsetsResult result;
  Group* group = find_mutable(group_id);
  if (!group) {
    result.error = GroupError::group_id_not_found;
    return done(std::move(result));
  }
  bool active = group->state() != GroupState::empty;
  // Only consumer groups say what they subscribe to; other active groups may use any offset.
  if (active && group->protocol_type != "consumer") {
    result.error = GroupError::non_empty_group;
    return done(std::move(result));
  }
  std::set<std::string> subscribed = active ? group->subscribed_topics() : std::set<std::string>{};
  std::vector<protocol::Record> records;
  std::vector<TopicPartition> deleted;
  for (const auto& tp : partitions) {
    GroupError error = GroupError::none;
    if (!partition_exists_(tp)) error = GroupError::unknown_topic_or_partition;
    else if (subscribed.count(tp.topic)) error = GroupError::group_subscribed_to_topic;
    else if (group->offsets.count(tp)) {
      records.push_back(tombstone(encode_offset_key(group_id, tp)));
      deleted.push_back(tp);
    }
    result.partitions.push_back({tp, error});
  }
  if (records.empty()) return done(std::move(result));
  journal_.write(group_id, std::move(records),
                 [this, group_id, deleted, result = std::move(result), done = std::move(done)](Status s) mutable {
                   if (!s.ok()) {
                     result.error = GroupError::storage_error;
                   } else if (Group* g = find_mutable(group_id)) {
                     for (const auto& tp : deleted) g->offsets.erase(tp);
                   }
                   done(std::move(result));
                 });
}

void GroupManager::delete_groups(const std::vector<std::string>& group_ids,
                                 std::function<void(std::vector<std::pair<std::string, GroupError>>)> done) {
  struct Pending {
    std::vector<std::pair<std::string, GroupError>> results;
    size_t writes = 1;  // released after the loop, so an immediate write cannot finish early
    std::function<void(std::vector<std::pair<std::string, GroupError>>)> done;
    void release() {
      if (--writes == 0) done(std::move(results));
    }
  };
  auto pending = std::make_shared<Pending>();
  pending->done = std::move(done);
  for (const auto& id : group_ids) {
    Group* group = find_mutable(id);
    GroupError error = GroupError::none;
    if (id.empty()) error = GroupError::invalid_group_id;
    else if (!group) error = GroupError::group_id_not_found;
    else if (group->state() != GroupState::empty || !group->pending_members.empty()) error = GroupError::non_empty_group;
    size_t index = pending->results.size();
    pending->results.push_back({id, error});
    if (error != GroupError::none) continue;
    std::vector<protocol::Record> records;
    for (const auto& [tp, offset] : group->offsets) records.push_back(tombstone(encode_offset_key(id, tp)));
    records.push_back(tombstone(encode_group_key(id)));
    groups_.erase(id);
    component_logger("groups")->info("group_deleted group={}", id);
    ++pending->writes;
    journal_.write(id, std::move(records), [pending, index](Status s) {
      if (!s.ok()) pending->results[index].second = GroupError::storage_error;
      pending->release();
    });
  }
  pending->release();
}

void GroupManager::expire_offsets() {
  int64_t now = clock_.wall();
  std::vector<std::string> drop;
  for (auto& [id, group] : groups_) {
    if (group->state() != GroupState::empty) continue;
    // KIP-211: a managed group's offsets expire a retention period after it became Empty; a
    // standalone consumer's (no protocol type) a retention period after each commit.
    std::vector<protocol::Record> records;
    std::erase_if(group->offsets, [&](const auto& entry) {
      int64_t since = group->protocol_type.empty() ? entry.second.commit_timestamp : group->state_since();
      if (since + settings_.offsets_retention_ms > now) return false;
      records.push_back(tombstone(encode_offset_key(id, entry.first)));
      return true;
    });
    bool gone = group->offsets.empty() && group->members.empty() && group->pending_members.empty();
    if (gone) {
      records.push_back(tombstone(encode_group_key(id)));
      drop.push_back(id);
    }
    if (records.empty()) continue;
    component_logger("groups")->info("offsets_expired group={} tombstones={} group_removed={}", id, records.size(), gone);
    journal_.write(id, std::move(records), [id](Status s) {
      if (!s.ok()) component_logger("groups")->error("offset_expiry_write_failed group={} error=\"{}\"", id, s.to_string());
    });
  }
  for (const auto& id : drop) groups_.erase(id);
}

std::vector<GroupListing> GroupManager::list() const {
  std::vector<GroupListing> out;
  for (const auto& [id, group] : groups_) out.push_back({id, group->protocol_type, group->state()});
  return out;
}

GroupDescription GroupManager::describe(const std::string& group_id) const {
  GroupDescription d;
  d.group_id = group_id;
  const Group* group = find(group_id);
  if (!group) return d;  // Kafka describes an unknown group as Dead, without an error
  d.state = group->state();
  d.protocol_type = group->protocol_type;
  d.generation = group->generation;
  bool stable = group->state() == GroupState::stable;
  // As Kafka: member metadata and assignments only once they are settled.
  if (stable) d.protocol_name = group->protocol_name.value_or("");
  for (const auto& [id, m] : group->members) {
    MemberDescription md{id, m.instance_id, m.client_id, m.client_host, {}, {}};
    if (stable) {
      if (const Bytes* metadata = m.metadata_for(d.protocol_name)) md.metadata = *metadata;
      md.assignment = m.assignment;
    }
    d.members.push_back(std::move(md));
  }
  return d;
}

std::map<TopicPartition, CommittedOffset> GroupManager::committed(const std::string& group_id) const {
  const Group* group = find(group_id);
  return group ? group->offsets : std::map<TopicPartition, CommittedOffset>{};
}

void GroupManager::restore(const RecordKey& key, const std::optional<std::span<const uint8_t>>& value) {
  auto log = component_logger("groups");
  if (const auto* offset_key = std::get_if<OffsetRecordKey>(&key)) {
    if (!value) {
      if (Group* g = find_mutable(offset_key->group)) g->offsets.erase(offset_key->partition);
      return;
    }
    auto offset = decode_offset_value(*value);
    if (!offset.ok()) return log->warn("offset_record_skipped group={} error=\"{}\"", offset_key->group, offset.status().to_string());
    get_or_create(offset_key->group).offsets[offset_key->partition] = *offset;
    return;
  }
  const auto& group_key = std::get<GroupRecordKey>(key);
  if (!value) {
    groups_.erase(group_key.group);
    return;
  }
  auto stored = decode_group_value(*value);
  if (!stored.ok()) return log->warn("group_record_skipped group={} error=\"{}\"", group_key.group, stored.status().to_string());
  // Groups come back Empty: members re-join (static members too) and the generation moves on.
  Group& g = get_or_create(group_key.group);
  g.generation = stored->generation;
  g.protocol_type = stored->protocol_type;
  g.protocol_name.reset();
  g.leader.reset();
  bool was_empty = stored->members.empty() && stored->state_timestamp > 0;
  g.transition(GroupState::empty, was_empty ? stored->state_timestamp : clock_.wall());
}

const char* error_name(GroupError error) {
  switch (error) {
    case GroupError::none: return "NONE";
    case GroupError::unknown_member_id: return "UNKNOWN_MEMBER_ID";
    case GroupError::illegal_generation: return "ILLEGAL_GENERATION";
    case GroupError::rebalance_in_progress: return "REBALANCE_IN_PROGRESS";
    case GroupError::inconsistent_group_protocol: return "INCONSISTENT_GROUP_PROTOCOL";
    case GroupError::invalid_session_timeout: return "INVALID_SESSION_TIMEOUT";
    case GroupError::group_id_not_found: return "GROUP_ID_NOT_FOUND";
    case GroupError::non_empty_group: return "NON_EMPTY_GROUP";
    case GroupError::invalid_group_id: return "INVALID_GROUP_ID";
    case GroupError::group_max_size_reached: return "GROUP_MAX_SIZE_REACHED";
    case GroupError::member_id_required: return "MEMBER_ID_REQUIRED";
    case GroupError::fenced_instance_id: return "FENCED_INSTANCE_ID";
    case GroupError::coordinator_load_in_progress: return "COORDINATOR_LOAD_IN_PROGRESS";
    case GroupError::coordinator_not_available: return "COORDINATOR_NOT_AVAILABLE";
    case GroupError::unknown_topic_or_partition: return "UNKNOWN_TOPIC_OR_PARTITION";
    case GroupError::offset_metadata_too_large: return "OFFSET_METADATA_TOO_LARGE";
    case GroupError::group_subscribed_to_topic: return "GROUP_SUBSCRIBED_TO_TOPIC";
    case GroupError::storage_error: return "STORAGE_ERROR";
  }
  return "UNKNOWN";
}

}  // namespace tributary::broker::group
