// /api/connect/<path> and /api/sql/<path>: requests forwarded verbatim (method, path, query, body) to
// the Connect and SQL REST listeners of the same process, answers returned unchanged. Streamed paths
// (SQL's /query-stream and /query) are relayed chunk by chunk as they arrive, so push query rows show
// live, and the upstream request is cancelled when the browser goes away.
#pragma once

#include <string>

#include "console/background_threads.h"
#include "http/upstream.h"
#include "http/router.h"

namespace tributary::console {

struct ProxyRoute {
  std::string prefix;              // "/api/sql"
  const http::Upstream* upstream;        // outlives the router
  std::vector<std::string> streamed_paths;  // upstream paths relayed as streams, e.g. "/query-stream"
};

void add_proxy_routes(http::Router& router, ProxyRoute route, BackgroundThreads& threads);

}  // namespace tributary::console
