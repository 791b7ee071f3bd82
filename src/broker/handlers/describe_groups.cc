// DescribeGroups: state, protocol and members (with metadata and assignments once Stable).
#include "broker/handlers/group_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_describe_groups(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::DescribeGroupsRequest>(body);
  coordinator(ctx).describe(request.groups, [ctx](std::vector<group::GroupDescription> groups) {
    protocol::DescribeGroupsResponse response;
    for (auto& d : groups) {
      auto& g = response.groups.emplace_back();
      g.error_code = group_error_code(d.error);
      g.group_id = d.group_id;
      g.group_state = group::state_name(d.state);
      g.protocol_type = d.protocol_type;
      g.protocol_data = d.protocol_name;
      for (auto& m : d.members)
        g.members.push_back({m.member_id, m.instance_id, m.client_id, m.client_host, std::move(m.metadata),
                             std::move(m.assignment)});
    }
    ctx.respond(response);
  });
}

}  // namespace tributary::broker
