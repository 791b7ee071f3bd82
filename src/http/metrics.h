// Request counters of every HTTP server in the process, for a Prometheus /metrics endpoint.
// Labelled by server name, method, route pattern (not the raw path: bounded cardinality) and status.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace tributary::http {

class HttpMetrics {
 public:
  void record(const std::string& server, const std::string& method, const std::string& route, unsigned status,
              double seconds);
  void connection_opened(const std::string& server);
  void connection_closed(const std::string& server);

  // Prometheus text exposition format (version 0.0.4).
  std::string render_prometheus() const;

  uint64_t request_count(const std::string& server, const std::string& method, const std::string& route,
                         unsigned status) const;

 private:
  using Key = std::tuple<std::string, std::string, std::string, unsigned>;  // server, method, route, status
  struct Duration {
    double sum = 0;
    uint64_t count = 0;
  };
  mutable std::mutex mutex_;
  std::map<Key, uint64_t> requests_;
  std::map<std::tuple<std::string, std::string, std::string>, Duration> durations_;  // server, method, route
  std::map<std::string, int64_t> open_connections_;
};

// The process-wide instance every Server records into.
HttpMetrics& http_metrics();

// http_metrics().render_prometheus(), for a /metrics route.
std::string render_http_metrics();

}  // namespace tributary::http
