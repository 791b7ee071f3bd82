#include "http/upstream.h"

#include <mutex>

namespace tributary::http {
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

namespace {

// Runs a prepared request to its end, collecting the answer.
Result<UpstreamReply> perform_whole(const Upstream& upstream, CurlRequest& request, long timeout_ms) {
  UpstreamReply reply;
  curl_easy_setopt(request.easy, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(request.easy, CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(request.easy, CURLOPT_WRITEDATA, &reply.body);
  CURLcode rc = curl_easy_perform(request.easy);
  if (rc == CURLE_OPERATION_TIMEDOUT)
    return Status::error(Errc::timed_out, upstream.name() + " service did not answer in time");
  if (rc != CURLE_OK)
    return Status::error(Errc::io_error, upstream.name() + " service is not reachable: " + curl_easy_strerror(rc));
  curl_easy_getinfo(request.easy, CURLINFO_RESPONSE_CODE, &reply.status);
  char* type = nullptr;
  curl_easy_getinfo(request.easy, CURLINFO_CONTENT_TYPE, &type);
  if (type) reply.content_type = type;
  return reply;
}

}  // namespace

Result<UpstreamReply> Upstream::call(const std::string& method, const std::string& path_and_query, std::string body,
                                     long timeout_ms, const std::vector<std::string>& extra_headers) const {
  if (!configured()) return Status::error(Errc::unsupported, unavailable_message());
  std::vector<std::string> headers = {"Content-Type: application/json", "Accept: application/json"};
  headers.insert(headers.end(), extra_headers.begin(), extra_headers.end());
  auto request = prepare(method, path_and_query, std::move(body), headers);
  if (!request) return Status::error(Errc::io_error, "cannot create an HTTP client");
  return perform_whole(*this, *request, timeout_ms);
}

std::vector<std::string> forwarded_headers(const Request& request) {
  std::vector<std::string> out;
  for (const char* name : {"content-type", "accept"}) {
    std::string value = request.header(name);
    if (!value.empty() && value.find_first_of("\r\n") == std::string::npos) out.push_back(std::string(name) + ": " + value);
  }
  return out;
}

Result<Response> forward_whole(const Upstream& upstream, const Request& request, const std::string& target,
                               const std::vector<std::string>& extra_headers, long timeout_ms) {
  std::vector<std::string> headers = forwarded_headers(request);
  headers.insert(headers.end(), extra_headers.begin(), extra_headers.end());
  auto prepared = upstream.prepare(request.method, target, request.body, headers);
  if (!prepared) return Status::error(Errc::io_error, "cannot create an HTTP client");
  auto reply = perform_whole(upstream, *prepared, timeout_ms);
  if (!reply.ok()) return reply.status();
  Response response;
  response.status = static_cast<unsigned>(reply->status);
  response.content_type = reply->content_type.empty() ? "application/json" : reply->content_type;
  response.body = std::move(reply->body);
  return response;
}

}  // namespace tributary::http
