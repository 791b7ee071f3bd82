#include "connect/connectors/kinesis/kinesis_client.h"

#include <curl/curl.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <mutex>

namespace tributary::connect::kinesis {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string amz_date_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

bool is_transient_error_type(const std::string& type) {
  return type == "ProvisionedThroughputExceededException" || type == "LimitExceededException" ||
         type == "InternalFailure" || type == "ServiceUnavailable" || type == "ThrottlingException" ||
         type == "KMSThrottlingException" || type == "ExpiredIteratorException";
}

size_t append_body(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

// "http://host:port/path" -> host[:port] for the Host header, and the path.
void split_url(const std::string& url, std::string* host, std::string* path) {
  auto scheme = url.find("://");
  size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  auto slash = url.find('/', start);
  *host = url.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
  *path = slash == std::string::npos ? "/" : url.substr(slash);
}

class HttpTransport : public KinesisTransport {
 public:
  explicit HttpTransport(KinesisEndpoint endpoint) : endpoint_(std::move(endpoint)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    curl_ = curl_easy_init();
  }
  ~HttpTransport() override {
    if (curl_) curl_easy_cleanup(curl_);
  }

  Result<nlohmann::json> call(const std::string& operation, const nlohmann::json& body) override {
    SignableRequest request;
    split_url(endpoint_.url, &request.host, &request.path);
    request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                       {"X-Amz-Target", "Kinesis_20131202." + operation}};
    request.body = body.dump();
    Signature signature = sign(request, endpoint_.credentials, endpoint_.region, "kinesis", amz_date_now());
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : signature.headers) headers = curl_slist_append(headers, (name + ": " + value).c_str());
    headers = curl_slist_append(headers, "Expect:");
    std::string response;
    curl_easy_reset(curl_);
    curl_easy_setopt(curl_, CURLOPT_URL, endpoint_.url.c_str());
    curl_easy_setopt(curl_, CURLOPT_POST, 1L);
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &response);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, static_cast<long>(endpoint_.timeout_ms));
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = curl_easy_perform(curl_);
    long status = 0;
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK)
      return Status::error(Errc::io_error, "ConnectionError: " + operation + " at " + endpoint_.url + ": " +
                                               curl_easy_strerror(rc));
    nlohmann::json parsed = nlohmann::json::parse(response.empty() ? "{}" : response, nullptr, false);
    if (status != 200) {
      std::string type = parsed.is_object() ? parsed.value("__type", "") : "";
      if (auto hash = type.rfind('#'); hash != std::string::npos) type = type.substr(hash + 1);
      std::string message = parsed.is_object() ? parsed.value("message", parsed.value("Message", "")) : response;
      // io_error marks what may pass on retry (the runtime retries it within errors.retry.timeout);
      // any other client error (a missing stream, rejected credentials) is invalid_argument.
      Errc code = status >= 500 || is_transient_error_type(type) ? Errc::io_error : Errc::invalid_argument;
      return Status::error(code, (type.empty() ? "HttpError" : type) + ": " + operation + " answered HTTP " +
                                     std::to_string(status) + ": " + message);
    }
    if (parsed.is_discarded()) return Status::error(Errc::corrupt, "InvalidResponse: " + operation + " returned no JSON");
    return parsed;
  }

 private:
  KinesisEndpoint endpoint_;
  CURL* curl_ = nullptr;
};

}  // namespace

bool is_error_type(const Status& status, const std::string& type) {
  return !status.ok() && status.message().rfind(type + ":", 0) == 0;
}

KinesisEndpoint make_endpoint(const std::string& region, const std::string& override_url, const std::string& key_id,
                              const std::string& secret) {
  KinesisEndpoint e;
  e.region = region;
  e.url = override_url.empty() ? "https://kinesis." + region + ".amazonaws.com" : override_url;
  e.credentials.access_key_id = key_id.empty() ? env("AWS_ACCESS_KEY_ID") : key_id;
  e.credentials.secret_access_key = secret.empty() ? env("AWS_SECRET_ACCESS_KEY") : secret;
  if (key_id.empty()) e.credentials.session_token = env("AWS_SESSION_TOKEN");
  return e;
}

std::unique_ptr<KinesisTransport> make_http_transport(KinesisEndpoint endpoint) {
  return std::make_unique<HttpTransport>(std::move(endpoint));
}

Result<nlohmann::json> list_shards(KinesisTransport& transport, const std::string& stream) {
  nlohmann::json shards = nlohmann::json::array();
  nlohmann::json request = {{"StreamName", stream}};
  for (;;) {
    auto reply = transport.call("ListShards", request);
    if (!reply.ok()) return reply.status();
    for (const auto& s : (*reply)["Shards"]) shards.push_back(s);
    if (!reply->contains("NextToken") || (*reply)["NextToken"].is_null()) break;
    request = {{"NextToken", (*reply)["NextToken"]}};
  }
  return shards;
}

}  // namespace tributary::connect::kinesis
