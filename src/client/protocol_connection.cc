#include "client/protocol_connection.h"

#include <boost/asio.hpp>

#include <chrono>

#include "protocol/messages.h"

namespace tributary::client {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// Runs the connection's pending asynchronous operation until `done`, the deadline or an abort; on
// timeout or abort the socket is closed (so the operation completes with an error) and false returned.
bool run_until(asio::io_context& io, asio::ip::tcp::socket& socket, const bool& done, Clock::time_point deadline,
               const std::atomic<bool>& aborted) {
  io.restart();
  while (!done) {
    if (aborted || Clock::now() >= deadline) {
      boost::system::error_code ignored;
      socket.close(ignored);
      io.restart();
      io.run();
      return false;
    }
    io.run_for(std::chrono::milliseconds(50));
  }
  return true;
}

}  // namespace

std::vector<std::pair<std::string, uint16_t>> parse_servers(const std::string& list) {
  std::vector<std::pair<std::string, uint16_t>> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    auto colon = item.rfind(':');
    if (colon != std::string::npos && colon + 1 < item.size()) {
      std::string host = item.substr(0, colon);
      if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
      try {
        out.emplace_back(host, static_cast<uint16_t>(std::stoi(item.substr(colon + 1))));
      } catch (const std::exception&) {
      }
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

struct ProtocolConnection::Socket {
  asio::io_context io;
  asio::ip::tcp::socket socket{io};
};

ProtocolConnection::ProtocolConnection(std::string client_id, const std::atomic<bool>& aborted,
                                       std::map<int16_t, int16_t> version_caps)
    : client_id_(std::move(client_id)), aborted_(aborted), caps_(std::move(version_caps)),
      socket_(std::make_unique<Socket>()) {
  caps_.emplace(18, 0);  // ApiVersions v0: every broker answers it, even one that knows no newer version
}

ProtocolConnection::~ProtocolConnection() = default;

bool ProtocolConnection::is_open() const { return socket_->socket.is_open(); }

Status ProtocolConnection::connect(const std::string& host, uint16_t port, int timeout_ms) {
  address_ = fmt::format("{}:{}", host, port);
  auto& io = socket_->io;
  auto& socket = socket_->socket;
  boost::system::error_code ec;
  asio::ip::tcp::resolver resolver(io);
  auto endpoints = resolver.resolve(host, std::to_string(port), ec);
  if (ec) return Status::error(Errc::io_error, fmt::format("cannot resolve {}: {}", host, ec.message()));
  bool done = false;
  boost::system::error_code result;
  asio::async_connect(socket, endpoints, [&](const boost::system::error_code& e, const asio::ip::tcp::endpoint&) {
    result = e;
    done = true;
  });
  if (!run_until(io, socket, done, Clock::now() + std::chrono::milliseconds(timeout_ms), aborted_))
    return Status::error(Errc::timed_out, fmt::format("connecting to {} timed out", address_));
  if (result) return Status::error(Errc::io_error, fmt::format("cannot connect to {}: {}", address_, result.message()));
  socket.set_option(asio::ip::tcp::no_delay(true), ec);
  return negotiate_versions(timeout_ms);
}

Result<Bytes> ProtocolConnection::round_trip(int16_t api_key, int16_t version, const Bytes& body, int timeout_ms) {
  auto& io = socket_->io;
  auto& socket = socket_->socket;
  protocol::RequestHeader header;
  header.api_key = api_key;
  header.api_version = version;
  header.correlation_id = ++correlation_id_;
  header.client_id = client_id_;
  ByteWriter w(body.size() + 64);
  size_t size_pos = w.reserve_i32();
  header.encode(w, protocol::request_header_version(api_key, version));
  w.bytes(body);
  w.patch_i32(size_pos, static_cast<int32_t>(w.size() - 4));

  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  auto fail = [&](const std::string& what) {
    boost::system::error_code ignored;
    socket.close(ignored);
    return Status::error(Errc::io_error, fmt::format("{} {}: {}", what, address_, "connection lost or timed out"));
  };
  bool done = false;
  boost::system::error_code ec;
  asio::async_write(socket, asio::buffer(w.buffer()), [&](const boost::system::error_code& e, size_t) {
    ec = e;
    done = true;
  });
  if (!run_until(io, socket, done, deadline, aborted_) || ec) return fail("sending to");
  uint8_t size_bytes[4];
  done = false;
  asio::async_read(socket, asio::buffer(size_bytes), [&](const boost::system::error_code& e, size_t) {
    ec = e;
    done = true;
  });
  if (!run_until(io, socket, done, deadline, aborted_) || ec) return fail("reading from");
  int32_t size = static_cast<int32_t>(load_be32(size_bytes));
  if (size < 4 || size > 64 * 1024 * 1024) return fail("bad response size from");
  Bytes response(static_cast<size_t>(size));
  done = false;
  asio::async_read(socket, asio::buffer(response), [&](const boost::system::error_code& e, size_t) {
    ec = e;
    done = true;
  });
  if (!run_until(io, socket, done, deadline, aborted_) || ec) return fail("reading from");
  return response;
}

int16_t ProtocolConnection::version_for(int16_t api_key, int16_t ours) const {
  auto cap = caps_.find(api_key);
  int16_t want = cap == caps_.end() ? ours : std::min(ours, cap->second);
  auto it = broker_versions_.find(api_key);
  if (it == broker_versions_.end()) return want;
  return std::max(it->second.first, std::min(want, it->second.second));
}

Status ProtocolConnection::negotiate_versions(int timeout_ms) {
  protocol::ApiVersionsRequest request;
  auto response = call<protocol::ApiVersionsRequest, protocol::ApiVersionsResponse>(request, timeout_ms);
  if (!response.ok()) return response.status();
  broker_versions_.clear();
  for (const auto& v : response->api_keys) broker_versions_[v.api_key] = {v.min_version, v.max_version};
  return Status();
}

}  // namespace tributary::client
