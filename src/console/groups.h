// Consumer groups: GET /api/groups, GET /api/groups/{id} (members, assignments, committed offsets and
// lag per partition), POST /api/groups/{id}/reset, DELETE /api/groups/{id}. Built on client::GroupAdmin,
// the same calls `tributary groups` makes.
#pragma once

#include "console/console_context.h"
#include "http/router.h"

namespace tributary::console {

void add_group_routes(http::Router& router, ConsoleContext& context);

}  // namespace tributary::console
