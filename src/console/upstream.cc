#include "console/upstream.h"

#include <mutex>

namespace tributary::console {
namespace {

size_t append_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

}  // namespace

void ensure_curl_initialised() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

CurlRequest::~CurlRequest() {
  if (headers) curl_slist_free_all(headers);
  if (easy) curl_easy_cleanup(easy);
}

Upstream::Upstream(std::string name, std::string base_url) : name_(std::move(name)), base_url_(std::move(base_url)) {
  ensure_curl_initialised();
}

std::unique_ptr<CurlRequest> Upstream::prepare(const std::string& method, const std::string& path_and_query,
                                               std::string body, const std::vector<std::string>& headers) const {
  auto request = std::make_unique<CurlRequest>();
  request->easy = curl_easy_init();
  if (!request->easy) return nullptr;
  CURL* c = request->easy;
  std::string url = base_url_ + path_and_query;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // many threads: no SIGALRM for timeouts
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 3000L);
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method == "HEAD") curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  request->body = std::move(body);
  if (!request->body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request->body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request->body.size()));
  }
  // No "Expect: 100-continue" round trip for larger bodies.
  request->headers = curl_slist_append(request->headers, "Expect:");
  for (const auto& h : headers) request->headers = curl_slist_append(request->headers, h.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, request->headers);
  return request;
}

Result<UpstreamReply> Upstream::call(const std::string& method, const std::string& path_and_query, std::string body,
                                     long timeout_ms) const {
  if (!configured()) return Status::error(Errc::unsupported, unavailable_message());
  auto request = prepare(method, path_and_query, std::move(body),
                         {"Content-Type: application/json", "Accept: application/json"});
  if (!request) return Status::error(Errc::io_error, "cannot create an HTTP client");
  UpstreamReply reply;
  curl_easy_setopt(request->easy, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(request->easy, CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(request->easy, CURLOPT_WRITEDATA, &reply.body);
  CURLcode rc = curl_easy_perform(request->easy);
  if (rc == CURLE_OPERATION_TIMEDOUT)
    return Status::error(Errc::timed_out, name_ + " service did not answer in time");
  if (rc != CURLE_OK) return Status::error(Errc::io_error, name_ + " service is not reachable: " + curl_easy_strerror(rc));
  curl_easy_getinfo(request->easy, CURLINFO_RESPONSE_CODE, &reply.status);
  char* type = nullptr;
  curl_easy_getinfo(request->easy, CURLINFO_CONTENT_TYPE, &type);
  if (type) reply.content_type = type;
  return reply;
}

}  // namespace tributary::console
