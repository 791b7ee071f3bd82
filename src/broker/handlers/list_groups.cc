// ListGroups: every group with its protocol type and (v4) state, optionally filtered by state.
#include <algorithm>

#include "broker/handlers/group_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_list_groups(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::ListGroupsRequest>(body);
  if (!coordinator(ctx).loaded()) {
    protocol::ListGroupsResponse response;
    response.error_code = code(KafkaError::coordinator_load_in_progress);
    return ctx.respond(response);
  }
  std::vector<group::GroupState> filter;
  for (const auto& name : request.states_filter)
    if (auto s = group::parse_state(name)) filter.push_back(*s);
  bool filtered = !request.states_filter.empty();
  coordinator(ctx).list([ctx, filter, filtered](std::vector<group::GroupListing> groups) {
    protocol::ListGroupsResponse response;
    for (const auto& g : groups) {
      if (filtered && std::find(filter.begin(), filter.end(), g.state) == filter.end()) continue;
      response.groups.push_back({g.group_id, g.protocol_type, group::state_name(g.state)});
    }
    ctx.respond(response);
  });
}

}  // namespace tributary::broker
