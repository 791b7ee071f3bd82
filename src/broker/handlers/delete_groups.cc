// DeleteGroups: removes Empty groups and their offsets (tombstones in __consumer_offsets).
#include "broker/handlers/group_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_delete_groups(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::DeleteGroupsRequest>(body);
  coordinator(ctx).delete_groups(request.groups_names, [ctx](std::vector<std::pair<std::string, group::GroupError>> r) {
    protocol::DeleteGroupsResponse response;
    for (const auto& [id, error] : r) response.results.push_back({id, group_error_code(error)});
    ctx.respond(response);
  });
}

}  // namespace tributary::broker
