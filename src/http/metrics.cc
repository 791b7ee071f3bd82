#include "http/metrics.h"

#include <fmt/format.h>

namespace tributary::http {
namespace {

// Label values escape backslash, double quote and newline (exposition format rules).
std::string label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void HttpMetrics::record(const std::string& server, const std::string& method, const std::string& route,
                         unsigned status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{server, method, route, status}];
  auto& d = durations_[{server, method, route}];
  d.sum += seconds;
  ++d.count;
}

void HttpMetrics::connection_opened(const std::string& server) {
  std::lock_guard lock(mutex_);
  ++open_connections_[server];
}

void HttpMetrics::connection_closed(const std::string& server) {
  std::lock_guard lock(mutex_);
  --open_connections_[server];
}

uint64_t HttpMetrics::request_count(const std::string& server, const std::string& method, const std::string& route,
                                    unsigned status) const {
  std::lock_guard lock(mutex_);
  auto it = requests_.find({server, method, route, status});
  return it == requests_.end() ? 0 : it->second;
}

std::string HttpMetrics::render_prometheus() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP tributary_http_requests_total HTTP requests served, by route pattern and status code.\n";
  out += "# TYPE tributary_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [server, method, route, status] = key;
    out += fmt::format("tributary_http_requests_total{{server=\"{}\",method=\"{}\",route=\"{}\",code=\"{}\"}} {}\n",
                       label(server), label(method), label(route), status, count);
  }
  out += "# HELP tributary_http_request_duration_seconds Time to serve a request (streams: until they end).\n";
  out += "# TYPE tributary_http_request_duration_seconds summary\n";
  for (const auto& [key, d] : durations_) {
    const auto& [server, method, route] = key;
    std::string labels =
        fmt::format("server=\"{}\",method=\"{}\",route=\"{}\"", label(server), label(method), label(route));
    out += fmt::format("tributary_http_request_duration_seconds_sum{{{}}} {}\n", labels, d.sum);
    out += fmt::format("tributary_http_request_duration_seconds_count{{{}}} {}\n", labels, d.count);
  }
  out += "# HELP tributary_http_open_connections HTTP connections currently open.\n";
  out += "# TYPE tributary_http_open_connections gauge\n";
  for (const auto& [server, open] : open_connections_)
    out += fmt::format("tributary_http_open_connections{{server=\"{}\"}} {}\n", label(server), open);
  return out;
}

HttpMetrics& http_metrics() {
  static HttpMetrics metrics;
  return metrics;
}

std::string render_http_metrics() { return http_metrics().render_prometheus(); }

}  // namespace tributary::http
