// LeaveGroup: one member (v0-2) or a batch of members, possibly by group.instance.id (v3+).
#include "broker/handlers/group_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_leave_group(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::LeaveGroupRequest>(body);
  std::vector<group::MemberIdentity> members;
  if (ctx.version() < 3) members.push_back({request.member_id, std::nullopt});
  for (const auto& m : request.members) members.push_back({m.member_id, m.group_instance_id});
  coordinator(ctx).leave(request.group_id, std::move(members), [ctx](group::LeaveResult r) {
    protocol::LeaveGroupResponse response;
    response.error_code = group_error_code(r.error);
    for (const auto& [identity, error] : r.members) {
      // Before v3 the one member's outcome is the response's error.
      if (ctx.version() < 3 && response.error_code == 0) response.error_code = group_error_code(error);
      response.members.push_back({identity.member_id, identity.instance_id, group_error_code(error)});
    }
    ctx.respond(response);
  });
}

}  // namespace tributary::broker
