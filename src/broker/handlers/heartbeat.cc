// Heartbeat: keeps a member's session alive; REBALANCE_IN_PROGRESS tells it to rejoin.
#include "broker/handlers/group_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_heartbeat(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::HeartbeatRequest>(body);
  group::HeartbeatRequest heartbeat{request.group_id, request.generation_id, request.member_id,
                                    request.group_instance_id};
  coordinator(ctx).heartbeat(std::move(heartbeat), [ctx](group::GroupError error) {
    protocol::HeartbeatResponse response;
    response.error_code = group_error_code(error);
    ctx.respond(response);
  });
}

}  // namespace tributary::broker
