// Request counters of every HTTP server in the process, recorded into the process-wide metrics
// registry (common/metrics.h) that every /metrics route renders. Labelled by server name, method,
// route pattern (not the raw path: bounded cardinality) and status.
#pragma once

#include <cstdint>
#include <string>

#include "common/metrics.h"

namespace tributary::http {

class HttpMetrics {
 public:
  explicit HttpMetrics(metrics::Registry& registry);

  void record(const std::string& server, const std::string& method, const std::string& route, unsigned status,
              double seconds);
  void connection_opened(const std::string& server);
  void connection_closed(const std::string& server);

  uint64_t request_count(const std::string& server, const std::string& method, const std::string& route,
                         unsigned status) const;

 private:
  metrics::CounterFamily& requests_;
  metrics::HistogramFamily& durations_;
  metrics::GaugeFamily& open_connections_;
};

// The process-wide instance every Server records into.
HttpMetrics& http_metrics();

// The whole process registry in Prometheus text format (version 0.0.4), for a /metrics route.
std::string render_http_metrics();

}  // namespace tributary::http
