// One plaintext TCP connection to a Kafka broker over which this client speaks the protocol itself with
// protocol/'s codecs, for APIs librdkafka does not offer (group membership of any protocol type,
// DescribeLogDirs). Request versions are the highest both sides support (ApiVersions on connect),
// capped at what the caller was written for.
//
// Threads: one thread uses a connection; the `aborted` flag given at construction may be set from any
// thread to make a blocked call return early with an error.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "common/bytes.h"
#include "common/status.h"
#include "protocol/headers.h"

namespace tributary::client {

// "host:port[,host:port...]" -> (host, port) pairs; malformed items are skipped.
std::vector<std::pair<std::string, uint16_t>> parse_servers(const std::string& list);

class ProtocolConnection {
 public:
  // `version_caps`: api key -> highest version the caller was written for (newer ones add nothing it uses).
  ProtocolConnection(std::string client_id, const std::atomic<bool>& aborted,
                     std::map<int16_t, int16_t> version_caps = {});
  ~ProtocolConnection();
  ProtocolConnection(const ProtocolConnection&) = delete;
  ProtocolConnection& operator=(const ProtocolConnection&) = delete;

  // Connects and learns the broker's API versions.
  Status connect(const std::string& host, uint16_t port, int timeout_ms);
  bool is_open() const;
  const std::string& address() const { return address_; }
  // Whether the broker offers the API at all (after connect).
  bool supports(int16_t api_key) const { return broker_versions_.count(api_key) > 0; }
  int16_t version_for(int16_t api_key, int16_t ours) const;

  template <typename Request, typename Response>
  Result<Response> call(const Request& request, int timeout_ms) {
    int16_t version = version_for(Request::kApiKey, Request::kMaxVersion);
    ByteWriter body;
    request.encode(body, version);
    auto bytes = round_trip(Request::kApiKey, version, body.buffer(), timeout_ms);
    if (!bytes.ok()) return bytes.status();
    try {
      ByteReader r(*bytes);
      protocol::ResponseHeader header;
      header.decode(r, protocol::response_header_version(Request::kApiKey, version));
      if (header.correlation_id != correlation_id_)
        return Status::error(Errc::corrupt, fmt::format("response from {} answers another request", address_));
      Response response;
      response.decode(r, version);
      return response;
    } catch (const DecodeError& e) {
      return Status::error(Errc::corrupt,
                           fmt::format("bad response to api {} from {}: {}", Request::kApiKey, address_, e.what()));
    }
  }

 private:
  struct Socket;

  Result<Bytes> round_trip(int16_t api_key, int16_t version, const Bytes& body, int timeout_ms);
  Status negotiate_versions(int timeout_ms);

  std::string client_id_;
  const std::atomic<bool>& aborted_;
  std::map<int16_t, int16_t> caps_;
  std::unique_ptr<Socket> socket_;
  std::string address_;  // host:port, for logs
  std::map<int16_t, std::pair<int16_t, int16_t>> broker_versions_;  // api key -> broker's min, max
  int32_t correlation_id_ = 0;
};

}  // namespace tributary::client
