#include "app/sql_shell/rest_client.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <memory>
#include <mutex>

namespace tributary::app::sql_shell {
namespace {

using nlohmann::json;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// One request's state, reached from libcurl's C callbacks through a void*.
struct Transfer {
  CURL* curl = nullptr;
  std::string body;          // whole body (plain requests) or the unfinished last line (streams)
  bool streaming = false;
  std::function<bool(const std::string& line)> on_line;  // false: stop (error seen)
  const std::atomic<bool>* cancel = nullptr;
  bool cancelled = false;
  long status() const {
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    return code;
  }
};

size_t on_data(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  t->body.append(data, n);
  // Error responses are collected whole; successful streams are handed over line by line.
  if (!t->streaming || t->status() >= 400) return n;
  size_t newline;
  while ((newline = t->body.find('\n')) != std::string::npos) {
    std::string line = t->body.substr(0, newline);
    t->body.erase(0, newline + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && !t->on_line(line)) return 0;  // aborts the transfer
  }
  return n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (t->cancel && t->cancel->load()) {
    t->cancelled = true;
    return 1;
  }
  return 0;
}

// Performs a request; the body (or the error) is in `t`. Returns a Status for transport failures
// and HTTP errors, with the server's message.
Status perform(const std::string& url, const std::string* post_body, const char* accept, Transfer& t) {
  global_init();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Status::error(Errc::io_error, "cannot initialise libcurl");
  t.curl = curl.get();
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, fmt::format("Accept: {}", accept).c_str());
  headers = curl_slist_append(headers, "Content-Type: application/vnd.ksql.v1+json; charset=utf-8");
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  std::unique_ptr<curl_slist, CurlDeleter> header_list(headers);

  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(t.curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(t.curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(t.curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(t.curl, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  curl_easy_setopt(t.curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(t.curl, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(t.curl, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(t.curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(t.curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(t.curl, CURLOPT_XFERINFODATA, &t);
  curl_easy_setopt(t.curl, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  if (post_body) {
    curl_easy_setopt(t.curl, CURLOPT_POSTFIELDS, post_body->c_str());
    curl_easy_setopt(t.curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(post_body->size()));
  }
  CURLcode rc = curl_easy_perform(t.curl);
  long status = t.status();
  if (t.cancelled) return Status();
  if (status >= 400) return Status::error(Errc::invalid_argument, error_message(status, t.body));
  if (rc == CURLE_WRITE_ERROR && t.streaming) return Status();  // stopped by on_line; it kept the error
  if (rc != CURLE_OK) {
    std::string detail = error_buffer[0] ? error_buffer : curl_easy_strerror(rc);
    return Status::error(Errc::io_error, fmt::format("could not reach the server at {}: {}", url, detail));
  }
  return Status();
}

std::string props_json_key(bool query_stream) { return query_stream ? "properties" : "streamsProperties"; }

}  // namespace

std::string error_message(long http_status, const std::string& body) {
  auto parsed = json::parse(body, nullptr, false);
  if (parsed.is_object() && parsed.contains("message") && parsed["message"].is_string()) {
    return parsed["message"].get<std::string>();
  }
  if (body.empty()) return fmt::format("the server answered HTTP {}", http_status);
  return fmt::format("the server answered HTTP {}: {}", http_status, body);
}

RestClient::RestClient(std::string server) : server_(std::move(server)) {
  while (!server_.empty() && server_.back() == '/') server_.pop_back();
  if (server_.find("://") == std::string::npos) server_ = "http://" + server_;
}

Result<json> RestClient::info() {
  Transfer t;
  TRY_STATUS(perform(server_ + "/info", nullptr, "application/json", t));
  auto parsed = json::parse(t.body, nullptr, false);
  if (parsed.is_discarded()) return Status::error(Errc::corrupt, "the server's /info answer is not JSON");
  return parsed;
}

Result<json> RestClient::ksql(const std::string& statements, const Properties& properties,
                              std::optional<int64_t> command_sequence) {
  json request = {{"ksql", statements}, {props_json_key(false), properties}};
  if (command_sequence) request["commandSequenceNumber"] = *command_sequence;
  std::string body = request.dump();
  Transfer t;
  TRY_STATUS(perform(server_ + "/ksql", &body, "application/vnd.ksql.v1+json", t));
  auto parsed = json::parse(t.body, nullptr, false);
  if (parsed.is_discarded()) return Status::error(Errc::corrupt, "the server's /ksql answer is not JSON: " + t.body);
  return parsed;
}

Result<RestClient::QueryEnd> RestClient::query_stream(const std::string& sql, const Properties& properties,
                                                      const QueryCallbacks& callbacks,
                                                      const std::atomic<bool>& cancel) {
  std::string body = json({{"sql", sql}, {props_json_key(true), properties}}).dump();
  Transfer t;
  t.streaming = true;
  t.cancel = &cancel;
  bool header_seen = false;
  std::optional<Status> stream_error;
  t.on_line = [&](const std::string& line) {
    auto parsed = json::parse(line, nullptr, false);
    if (parsed.is_discarded()) {
      stream_error = Status::error(Errc::corrupt, "unreadable line from /query-stream: " + line);
      return false;
    }
    if (parsed.is_array()) {
      if (callbacks.on_row) callbacks.on_row(parsed);
      return true;
    }
    // An object: the header first; later (or an error type) a failure the server reports mid-stream.
    if (!header_seen && !parsed.contains("@type") && !parsed.contains("message")) {
      header_seen = true;
      if (callbacks.on_header) callbacks.on_header(parsed);
      return true;
    }
    if (parsed.contains("message")) {
      stream_error = Status::error(Errc::invalid_argument, parsed["message"].get<std::string>());
      return false;
    }
    return true;  // other metadata lines (e.g. a final "consistency token") are not rows
  };
  TRY_STATUS(perform(server_ + "/query-stream", &body, "application/vnd.ksqlapi.delimited.v1", t));
  if (stream_error) return *stream_error;
  if (!t.body.empty() && !t.cancelled) t.on_line(t.body);  // a last line without '\n'
  if (stream_error) return *stream_error;
  return t.cancelled ? QueryEnd::cancelled : QueryEnd::completed;
}

Result<RestClient::QueryEnd> RestClient::print_topic(const std::string& sql, const Properties& properties,
                                                     const std::function<void(const std::string&)>& on_line,
                                                     const std::atomic<bool>& cancel) {
  std::string body = json({{"ksql", sql}, {props_json_key(false), properties}}).dump();
  Transfer t;
  t.streaming = true;
  t.cancel = &cancel;
  t.on_line = [&](const std::string& line) {
    on_line(line);
    return true;
  };
  TRY_STATUS(perform(server_ + "/query", &body, "application/vnd.ksql.v1+json", t));
  if (!t.body.empty() && !t.cancelled) on_line(t.body);
  return t.cancelled ? QueryEnd::cancelled : QueryEnd::completed;
}

}  // namespace tributary::app::sql_shell
