// GET /api/topics/{name}/tail: a live tail as Server-Sent Events. Each new record (optionally only
// those matching ?search=) is one `data: <message JSON>` event; a keepalive comment every 10 s. The
// read starts at the end offsets resolved before the response begins, so every record produced after
// the request is seen. One thread per tail, ended when the browser disconnects.
#pragma once

#include "console/console_context.h"
#include "http/router.h"

namespace tributary::console {

void add_tail_routes(http::Router& router, ConsoleContext& context);

}  // namespace tributary::console
