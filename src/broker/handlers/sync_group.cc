// SyncGroup: followers wait on the coordinator thread for the leader's assignments.
#include "broker/handlers/group_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_sync_group(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::SyncGroupRequest>(body);
  group::SyncRequest sync;
  sync.group_id = request.group_id;
  sync.generation = request.generation_id;
  sync.member_id = request.member_id;
  sync.instance_id = request.group_instance_id;
  sync.protocol_type = request.protocol_type;
  sync.protocol_name = request.protocol_name;
  for (auto& a : request.assignments) sync.assignments.emplace_back(a.member_id, std::move(a.assignment));
  coordinator(ctx).sync(std::move(sync), [ctx](group::SyncResult r) {
    protocol::SyncGroupResponse response;
    response.error_code = group_error_code(r.error);
    if (r.error == group::GroupError::none) {
      response.protocol_type = r.protocol_type;
      response.protocol_name = r.protocol_name;
    }
    response.assignment = std::move(r.assignment);
    ctx.respond(response);
  });
}

}  // namespace tributary::broker
