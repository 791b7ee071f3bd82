// The three operational routes every HTTP listener of the process serves:
//   GET /metrics  Prometheus text exposition format 0.0.4 of the process-wide registry (common/metrics.h)
//   GET /healthz  200 {"status":"ok"} while the process runs (liveness)
//   GET /readyz   200 {"status":"ready"} when every part the server needs is up, else
//                 503 {"status":"not ready","not_ready":["sql: command log replaying", ...]}
// All servers of `tributary serve` share one registry, so each listener's /metrics shows every family.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/router.h"

namespace tributary::http {

// What a server reports to /readyz. Empty `not_ready` means ready.
struct ReadyState {
  std::vector<std::string> not_ready;  // one short human-readable reason per part that is not ready yet

  bool ready() const { return not_ready.empty(); }
  static ReadyState ok() { return {}; }
  static ReadyState waiting_for(std::string what) { return ReadyState{{std::move(what)}}; }
};

// Adds GET /metrics, /healthz and /readyz to `router`. `ready` is called on every /readyz request (on an
// HTTP I/O thread: it must be cheap and non-blocking, e.g. read an atomic flag). A null `ready` means
// always ready.
void add_observability_routes(Router& router, std::function<ReadyState()> ready = nullptr);

// The scrape body served by /metrics (exposed for tests and other transports).
std::string render_metrics();

}  // namespace tributary::http
