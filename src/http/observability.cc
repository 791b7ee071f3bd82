#include "http/observability.h"

#include "common/metrics.h"

namespace tributary::http {

std::string render_metrics() { return metrics::registry().render(); }

void add_observability_routes(Router& router, std::function<ReadyState()> ready) {
  router.add("GET", "/metrics", [](Request&) {
    return text_response(render_metrics(), 200, "text/plain; version=0.0.4; charset=utf-8");
  });
  router.add("GET", "/healthz", [](Request&) { return json_response({{"status", "ok"}}); });
  router.add("GET", "/readyz", [ready = std::move(ready)](Request&) {
    ReadyState state = ready ? ready() : ReadyState::ok();
    if (state.ready()) return json_response({{"status", "ready"}});
    return json_response({{"status", "not ready"}, {"not_ready", state.not_ready}}, 503);
  });
}

}  // namespace tributary::http
