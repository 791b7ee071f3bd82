// GET /api/overview: the cluster's brokers, topic and partition counts, records-in throughput, and
// connectors and queries at a glance (asked from the Connect and SQL services; "available": false
// when one is absent or does not answer).
#pragma once

#include "console/console_context.h"
#include "http/router.h"

namespace tributary::console {

void add_overview_routes(http::Router& router, ConsoleContext& context);

}  // namespace tributary::console
