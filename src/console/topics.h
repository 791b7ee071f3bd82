// GET /api/topics, GET /api/topics/{name}, POST /api/topics, DELETE /api/topics/{name}.
#pragma once

#include "console/console_context.h"
#include "http/router.h"

namespace tributary::console {

void add_topic_routes(http::Router& router, ConsoleContext& context);

}  // namespace tributary::console
