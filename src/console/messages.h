// The message browser: GET /api/topics/{name}/messages (by partition, from the beginning, the end,
// an offset or a timestamp, with a case-insensitive search in keys, values and headers) and
// POST /api/topics/{name}/messages (produce a test record).
#pragma once

#include <cstdint>
#include <vector>

#include "console/console_context.h"
#include "http/router.h"

namespace tributary::console {

// The partitions a request names with ?partition=<p|all> (absent = all); not_found for an unknown
// topic or partition, invalid_argument for a malformed value.
Result<std::vector<int32_t>> selected_partitions(ConsoleContext& ctx, const std::string& topic, const http::Request& request);

void add_message_routes(http::Router& router, ConsoleContext& context);

}  // namespace tributary::console
