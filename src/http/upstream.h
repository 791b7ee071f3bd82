// Another REST service that a server calls or forwards requests to: the console to Connect and SQL
// of its process, a SQL worker to the worker that runs a query. Over libcurl rather than a Beast
// client: it is already linked (the Kinesis connector, the SQL shell), and its write and progress
// callbacks give chunk-by-chunk streaming with cancellation from another thread in a few lines,
// where Beast would need a parser and an io_context per request.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "http/request.h"
#include "http/response.h"

namespace tributary::http {

struct UpstreamReply {
  long status = 0;
  std::string content_type;
  std::string body;
};

// One prepared curl request; frees its handle and header list.
struct CurlRequest {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string body;  // kept alive for CURLOPT_POSTFIELDS
  ~CurlRequest();
};

class Upstream {
 public:
  // `base_url`: "http://127.0.0.1:8083", or "" when the process runs no such service.
  Upstream(std::string name, std::string base_url);

  bool configured() const { return !base_url_.empty(); }
  const std::string& name() const { return name_; }
  // The 503 message when the service is absent or unreachable.
  std::string unavailable_message() const { return name_ + " service is not running"; }

  // A request to base_url + path_and_query with the method, body and headers (content-type, accept).
  std::unique_ptr<CurlRequest> prepare(const std::string& method, const std::string& path_and_query, std::string body,
                                       const std::vector<std::string>& headers) const;

  // A complete request: Errc::unsupported when not configured, io_error when unreachable.
  Result<UpstreamReply> call(const std::string& method, const std::string& path_and_query, std::string body = {},
                             long timeout_ms = 10000, const std::vector<std::string>& extra_headers = {}) const;

 private:
  std::string name_;
  std::string base_url_;
};

// The request headers worth forwarding: the body's type and what the client accepts.
std::vector<std::string> forwarded_headers(const Request& request);
// `request` (method, body, forwarded headers plus `extra_headers`) sent to `target` of the upstream,
// its answer returned whole: status, content type and body unchanged. timed_out or io_error when
// the upstream does not answer.
Result<Response> forward_whole(const Upstream& upstream, const Request& request, const std::string& target,
                               const std::vector<std::string>& extra_headers = {}, long timeout_ms = 120000);

// Whole-process libcurl set-up, once (curl_global_init is not thread-safe).
void ensure_curl_initialised();

}  // namespace tributary::http
