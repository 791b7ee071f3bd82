#include "http/metrics.h"

namespace tributary::http {

HttpMetrics::HttpMetrics(metrics::Registry& registry)
    : requests_(registry.counter("tributary_http_requests_total", "HTTP requests served, by route pattern and status code.",
                                 {"server", "method", "route", "code"})),
      durations_(registry.histogram("tributary_http_request_duration_seconds",
                                    "Time to serve an HTTP request (streams: until they end).",
                                    {"server", "method", "route"}, metrics::latency_buckets())),
      open_connections_(registry.gauge("tributary_http_open_connections", "HTTP connections currently open.",
                                       {"server"})) {}

// HTTP is not a hot path: a label lookup per request is fine here.
void HttpMetrics::record(const std::string& server, const std::string& method, const std::string& route,
                         unsigned status, double seconds) {
  requests_.with({server, method, route, std::to_string(status)}).inc();
  durations_.with({server, method, route}).observe(seconds);
}

void HttpMetrics::connection_opened(const std::string& server) { open_connections_.with({server}).inc(); }

void HttpMetrics::connection_closed(const std::string& server) { open_connections_.with({server}).dec(); }

uint64_t HttpMetrics::request_count(const std::string& server, const std::string& method, const std::string& route,
                                    unsigned status) const {
  return requests_.with({server, method, route, std::to_string(status)}).value();
}

HttpMetrics& http_metrics() {
  static HttpMetrics* instance = new HttpMetrics(metrics::registry());  // outlives every static Server
  return *instance;
}

std::string render_http_metrics() { return metrics::registry().render(); }

}  // namespace tributary::http
