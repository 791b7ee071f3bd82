#include "console/proxy.h"

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <condition_variable>
#include <mutex>

#include "console/api_util.h"
#include "http/stream_writer.h"

namespace tributary::console {
namespace {

// The raw target past the prefix: "/api/sql/query-stream?x=1" -> "/query-stream?x=1" (encoding kept).
std::string upstream_target(const http::Request& request, const std::string& prefix) {
  std::string rest = request.target.substr(std::min(prefix.size(), request.target.size()));
  if (rest.empty() || rest[0] == '?') rest = "/" + rest;
  return rest;
}

http::Response unavailable(const http::Upstream& upstream, const Status& status) {
  if (status.code() == Errc::timed_out) return error_response(504, status.message());
  return error_response(503, status.code() == Errc::unsupported ? upstream.unavailable_message() : status.message());
}

// One streamed transfer, shared by the curl thread, the handler waiting for the status line and the
// HTTP connection's stream.
struct Relay {
  std::mutex mu;
  std::condition_variable cv;
  bool headers_done = false;
  bool finished = false;
  CURLcode result = CURLE_OK;
  long status = 0;
  std::string content_type;
  std::string buffered;  // body bytes that came before the writer was attached
  std::shared_ptr<http::StreamWriter> writer;
  std::atomic<bool> cancelled{false};
  const std::atomic<bool>* stopping = nullptr;
};

size_t relay_header(char* data, size_t size, size_t n, void* user) {
  auto* relay = static_cast<Relay*>(user);
  std::string_view line(data, size * n);
  if (line == "\r\n" || line == "\n") {
    // End of a header block; a 1xx block is followed by the real one.
    std::lock_guard lock(relay->mu);
    if (relay->status >= 200) {
      relay->headers_done = true;
      relay->cv.notify_all();
    }
    return size * n;
  }
  std::lock_guard lock(relay->mu);
  if (line.starts_with("HTTP/")) {
    auto space = line.find(' ');
    relay->status = space == std::string_view::npos ? 0 : std::strtol(std::string(line.substr(space + 1, 3)).c_str(), nullptr, 10);
  } else if (line.size() > 13 && (line[0] == 'C' || line[0] == 'c')) {
    std::string lower(line.substr(0, 13));
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower == "content-type:") {
      std::string value(line.substr(13));
      while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.pop_back();
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      relay->content_type = value;
    }
  }
  return size * n;
}

size_t relay_body(char* data, size_t size, size_t n, void* user) {
  auto* relay = static_cast<Relay*>(user);
  if (relay->cancelled || relay->stopping->load()) return 0;  // aborts the transfer
  std::lock_guard lock(relay->mu);
  if (!relay->writer) {
    relay->buffered.append(data, size * n);
    if (relay->buffered.size() > 16 * 1024 * 1024) return 0;  // nobody is taking it
    return size * n;
  }
  if (!relay->writer->write(std::string_view(data, size * n))) {
    relay->cancelled = true;
    return 0;
  }
  return size * n;
}

// Called about once a second even while the upstream is silent (an idle push query), so a browser
// that left is noticed without waiting for the next row.
int relay_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* relay = static_cast<Relay*>(user);
  return relay->cancelled || relay->stopping->load() ? 1 : 0;
}

http::Response forward_streamed(const http::Upstream& upstream, const http::Request& request, const std::string& target,
                                BackgroundThreads& threads) {
  auto prepared = std::shared_ptr<http::CurlRequest>(upstream.prepare(request.method, target, request.body, http::forwarded_headers(request)));
  if (!prepared) return error_response(500, "cannot create an HTTP client");
  auto relay = std::make_shared<Relay>();
  CURL* c = prepared->easy;
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &relay_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, relay.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &relay_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, relay.get());
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &relay_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, relay.get());
  bool spawned = threads.spawn([relay, prepared](const std::atomic<bool>& stopping) {
    relay->stopping = &stopping;
    CURLcode rc = curl_easy_perform(prepared->easy);
    std::lock_guard lock(relay->mu);
    relay->result = rc;
    relay->finished = true;
    if (relay->writer) relay->writer->close();
    relay->cv.notify_all();
  });
  if (!spawned) return error_response(503, "the console is stopping");
  std::unique_lock lock(relay->mu);
  // A push query answers its status line once its partitions are assigned: seconds at most.
  if (!relay->cv.wait_for(lock, std::chrono::seconds(60), [&] { return relay->headers_done || relay->finished; })) {
    relay->cancelled = true;
    return error_response(504, upstream.name() + " service did not answer in time");
  }
  if (!relay->headers_done) {
    return error_response(503, upstream.name() + " service is not reachable: " + curl_easy_strerror(relay->result));
  }
  if (relay->finished) {
    // Already complete (a pull query, an error): one plain response.
    http::Response response;
    response.status = static_cast<unsigned>(relay->status);
    response.content_type = relay->content_type.empty() ? "application/json" : relay->content_type;
    response.body = std::move(relay->buffered);
    return response;
  }
  unsigned status = static_cast<unsigned>(relay->status);
  std::string type = relay->content_type.empty() ? "application/json" : relay->content_type;
  lock.unlock();
  return http::stream_response(type, [relay](std::shared_ptr<http::StreamWriter> writer) {
    // on_close may run at once (the client already left): it only touches the atomic flag.
    writer->on_close([relay] { relay->cancelled = true; });
    std::lock_guard lock(relay->mu);
    relay->writer = writer;
    if (!relay->buffered.empty() && !writer->write(relay->buffered)) relay->cancelled = true;
    relay->buffered.clear();
    if (relay->finished) writer->close();
  }, status);
}

bool is_streamed(const ProxyRoute& route, const std::string& target) {
  std::string path = target.substr(0, target.find('?'));
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  for (const auto& streamed : route.streamed_paths)
    if (path == streamed) return true;
  return false;
}

}  // namespace

void add_proxy_routes(http::Router& router, ProxyRoute route, BackgroundThreads& threads) {
  std::string prefix = route.prefix + "/";
  auto handler = [route, &threads](http::Request& request) -> http::Response {
    const http::Upstream& upstream = *route.upstream;
    if (!upstream.configured()) return unavailable(upstream, Status::error(Errc::unsupported, ""));
    std::string target = upstream_target(request, route.prefix);
    if (is_streamed(route, target)) return forward_streamed(upstream, request, target, threads);
    // Connect and SQL statements can take a while (a CREATE waits for its command to be stored).
    auto reply = http::forward_whole(upstream, request, target);
    return reply.ok() ? std::move(*reply) : unavailable(upstream, reply.status());
  };
  router.add_prefix("*", prefix, handler);
  router.add("*", route.prefix, handler);
}

}  // namespace tributary::console
