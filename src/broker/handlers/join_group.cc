// JoinGroup: the answer waits on the coordinator thread until the rebalance forms the generation.
#include "broker/handlers/group_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_join_group(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::JoinGroupRequest>(body);
  group::JoinRequest join;
  join.group_id = request.group_id;
  join.member_id = request.member_id;
  join.instance_id = request.group_instance_id;
  join.client_id = client_id(ctx);
  join.client_host = client_host(ctx);
  join.protocol_type = request.protocol_type;
  join.session_timeout_ms = request.session_timeout_ms;
  join.rebalance_timeout_ms = ctx.version() >= 1 ? request.rebalance_timeout_ms : request.session_timeout_ms;
  for (auto& p : request.protocols) join.protocols.push_back({p.name, std::move(p.metadata)});
  join.require_known_member_id = ctx.version() >= 4;
  coordinator(ctx).join(std::move(join), [ctx](group::JoinResult r) {
    protocol::JoinGroupResponse response;
    response.error_code = group_error_code(r.error);
    response.generation_id = r.generation;
    if (r.error == group::GroupError::none) response.protocol_type = r.protocol_type;
    // Before v7 the protocol name cannot be null: an empty string stands for "none".
    response.protocol_name = r.protocol_name ? r.protocol_name : (ctx.version() >= 7 ? std::nullopt : std::optional<std::string>(""));
    response.leader = r.leader;
    response.skip_assignment = r.skip_assignment;
    response.member_id = r.member_id;
    for (auto& m : r.members) response.members.push_back({m.member_id, m.instance_id, std::move(m.metadata)});
    ctx.respond(response);
  });
}

}  // namespace tributary::broker
