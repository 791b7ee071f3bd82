// What the group API handlers share: the one mapping from the coordinator's errors to Kafka codes,
// and the coordinator itself.
#pragma once

#include "broker/group/group_coordinator.h"
#include "broker/handlers/handler_util.h"

namespace tributary::broker {

inline int16_t group_error_code(group::GroupError e) {
  using G = group::GroupError;
  switch (e) {
    case G::none: return code(KafkaError::none);
    case G::unknown_member_id: return code(KafkaError::unknown_member_id);
    case G::illegal_generation: return code(KafkaError::illegal_generation);
    case G::rebalance_in_progress: return code(KafkaError::rebalance_in_progress);
    case G::inconsistent_group_protocol: return code(KafkaError::inconsistent_group_protocol);
    case G::invalid_session_timeout: return code(KafkaError::invalid_session_timeout);
    case G::group_id_not_found: return code(KafkaError::group_id_not_found);
    case G::non_empty_group: return code(KafkaError::non_empty_group);
    case G::invalid_group_id: return code(KafkaError::invalid_group_id);
    case G::group_max_size_reached: return code(KafkaError::group_max_size_reached);
    case G::member_id_required: return code(KafkaError::member_id_required);
    case G::fenced_instance_id: return code(KafkaError::fenced_instance_id);
    case G::coordinator_load_in_progress: return code(KafkaError::coordinator_load_in_progress);
    case G::coordinator_not_available: return code(KafkaError::coordinator_not_available);
    case G::unknown_topic_or_partition: return code(KafkaError::unknown_topic_or_partition);
    case G::offset_metadata_too_large: return code(KafkaError::offset_metadata_too_large);
    case G::group_subscribed_to_topic: return code(KafkaError::group_subscribed_to_topic);
    // A failed journal write: clients retry the commit, as after Kafka's failed appends.
    case G::storage_error: return code(KafkaError::coordinator_not_available);
  }
  return code(KafkaError::unknown_server_error);
}

inline group::GroupCoordinator& coordinator(RequestContext& ctx) { return ctx.broker.groups(); }

inline std::string client_id(const RequestContext& ctx) { return ctx.header.client_id.value_or(""); }

// Kafka reports a member's host as "/<address>".
inline std::string client_host(const RequestContext& ctx) {
  std::string host = ctx.peer.substr(0, ctx.peer.rfind(':'));
  return "/" + host;
}

}  // namespace tributary::broker
