#include "client/group_member.h"

#include <boost/asio.hpp>
#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "common/logging.h"
#include "protocol/headers.h"
#include "protocol/messages.h"

namespace tributary::client {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// Kafka error codes this member reacts to (kafka.apache.org/protocol#protocol_error_codes).
constexpr int16_t kCoordinatorLoadInProgress = 14;
constexpr int16_t kCoordinatorNotAvailable = 15;
constexpr int16_t kNotCoordinator = 16;
constexpr int16_t kIllegalGeneration = 22;
constexpr int16_t kUnknownMemberId = 25;
constexpr int16_t kRebalanceInProgress = 27;
constexpr int16_t kMemberIdRequired = 79;
constexpr int16_t kFencedInstanceId = 82;

bool coordinator_error(int16_t code) {
  return code == kCoordinatorLoadInProgress || code == kCoordinatorNotAvailable || code == kNotCoordinator;
}

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

}  // namespace

struct GroupMember::Connection {
  asio::io_context io;
  asio::ip::tcp::socket socket{io};
  std::string address;  // host:port, for logs
};

GroupMember::GroupMember(GroupMemberOptions options) : options_(std::move(options)) {}

GroupMember::~GroupMember() = default;

namespace {

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

Status connect_to(asio::io_context& io, asio::ip::tcp::socket& socket, const std::string& host, uint16_t port,
                  int timeout_ms, const std::atomic<bool>& aborted) {
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
  if (!run_until(io, socket, done, Clock::now() + std::chrono::milliseconds(timeout_ms), aborted))
    return Status::error(Errc::timed_out, fmt::format("connecting to {}:{} timed out", host, port));
  if (result) return Status::error(Errc::io_error, fmt::format("cannot connect to {}:{}: {}", host, port, result.message()));
  socket.set_option(asio::ip::tcp::no_delay(true), ec);
  return Status();
}

}  // namespace

Result<Bytes> GroupMember::round_trip(Connection& conn, int16_t api_key, int16_t version, const Bytes& body,
                                      int timeout_ms) {
  protocol::RequestHeader header;
  header.api_key = api_key;
  header.api_version = version;
  header.correlation_id = ++correlation_id_;
  header.client_id = options_.client_id;
  ByteWriter w(body.size() + 64);
  size_t size_pos = w.reserve_i32();
  header.encode(w, protocol::request_header_version(api_key, version));
  w.bytes(body);
  w.patch_i32(size_pos, static_cast<int32_t>(w.size() - 4));

  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  auto fail = [&](const std::string& what) {
    boost::system::error_code ignored;
    conn.socket.close(ignored);
    return Status::error(Errc::io_error, fmt::format("{} {}: {}", what, conn.address, "connection lost or timed out"));
  };
  bool done = false;
  boost::system::error_code ec;
  asio::async_write(conn.socket, asio::buffer(w.buffer()), [&](const boost::system::error_code& e, size_t) {
    ec = e;
    done = true;
  });
  if (!run_until(conn.io, conn.socket, done, deadline, aborted_) || ec) return fail("sending to");
  uint8_t size_bytes[4];
  done = false;
  asio::async_read(conn.socket, asio::buffer(size_bytes), [&](const boost::system::error_code& e, size_t) {
    ec = e;
    done = true;
  });
  if (!run_until(conn.io, conn.socket, done, deadline, aborted_) || ec) return fail("reading from");
  int32_t size = static_cast<int32_t>(load_be32(size_bytes));
  if (size < 4 || size > 64 * 1024 * 1024) return fail("bad response size from");
  Bytes response(static_cast<size_t>(size));
  done = false;
  asio::async_read(conn.socket, asio::buffer(response), [&](const boost::system::error_code& e, size_t) {
    ec = e;
    done = true;
  });
  if (!run_until(conn.io, conn.socket, done, deadline, aborted_) || ec) return fail("reading from");
  return response;
}

template <typename Request, typename Response>
Result<Response> GroupMember::call(Connection& conn, const Request& request, int timeout_ms) {
  int16_t version = version_for(Request::kApiKey, Request::kMaxVersion);
  ByteWriter body;
  request.encode(body, version);
  auto bytes = round_trip(conn, Request::kApiKey, version, body.buffer(), timeout_ms);
  if (!bytes.ok()) return bytes.status();
  try {
    ByteReader r(*bytes);
    protocol::ResponseHeader header;
    header.decode(r, protocol::response_header_version(Request::kApiKey, version));
    if (header.correlation_id != correlation_id_)
      return Status::error(Errc::corrupt, fmt::format("response from {} answers another request", conn.address));
    Response response;
    response.decode(r, version);
    return response;
  } catch (const DecodeError& e) {
    return Status::error(Errc::corrupt, fmt::format("bad response to api {} from {}: {}", Request::kApiKey,
                                                    conn.address, e.what()));
  }
}

int16_t GroupMember::version_for(int16_t api_key, int16_t ours) const {
  // Versions this client was written and tested against; newer ones add nothing it uses.
  static const std::map<int16_t, int16_t> kCap = {{10, 3}, {11, 7}, {12, 4}, {13, 4}, {14, 5}, {18, 0}};
  auto cap = kCap.find(api_key);
  int16_t want = cap == kCap.end() ? ours : std::min(ours, cap->second);
  auto it = broker_versions_.find(api_key);
  if (it == broker_versions_.end()) return want;
  return std::max(it->second.first, std::min(want, it->second.second));
}

Status GroupMember::negotiate_versions(Connection& conn) {
  protocol::ApiVersionsRequest request;
  auto response = call<protocol::ApiVersionsRequest, protocol::ApiVersionsResponse>(conn, request,
                                                                                    options_.request_timeout_ms);
  if (!response.ok()) return response.status();
  broker_versions_.clear();
  for (const auto& v : response->api_keys) broker_versions_[v.api_key] = {v.min_version, v.max_version};
  return Status();
}

Status GroupMember::ensure_coordinator() {
  if (coordinator_ && coordinator_->socket.is_open()) return Status();
  coordinator_.reset();
  auto servers = parse_servers(options_.bootstrap_servers);
  if (servers.empty()) return Status::error(Errc::invalid_argument, "no bootstrap servers in '" + options_.bootstrap_servers + "'");
  Status last = Status::error(Errc::io_error, "no coordinator");
  for (const auto& [host, port] : servers) {
    auto conn = std::make_unique<Connection>();
    conn->address = fmt::format("{}:{}", host, port);
    last = connect_to(conn->io, conn->socket, host, port, options_.request_timeout_ms, aborted_);
    if (!last.ok()) continue;
    last = negotiate_versions(*conn);
    if (!last.ok()) continue;
    protocol::FindCoordinatorRequest find;
    find.key = options_.group_id;
    find.key_type = 0;
    auto found = call<protocol::FindCoordinatorRequest, protocol::FindCoordinatorResponse>(*conn, find,
                                                                                          options_.request_timeout_ms);
    if (!found.ok()) {
      last = found.status();
      continue;
    }
    if (found->error_code != 0) {
      last = Status::error(Errc::io_error, fmt::format("FindCoordinator for group {} failed with error {}",
                                                       options_.group_id, found->error_code));
      continue;
    }
    std::string address = fmt::format("{}:{}", found->host, found->port);
    if (address != conn->address) {
      auto coord = std::make_unique<Connection>();
      coord->address = address;
      last = connect_to(coord->io, coord->socket, found->host, static_cast<uint16_t>(found->port),
                        options_.request_timeout_ms, aborted_);
      if (!last.ok()) continue;
      last = negotiate_versions(*coord);
      if (!last.ok()) continue;
      conn = std::move(coord);
    }
    coordinator_ = std::move(conn);
    return Status();
  }
  return last;
}

namespace {
void pause_for(int ms, const std::atomic<bool>& aborted) {
  auto until = Clock::now() + std::chrono::milliseconds(ms);
  while (!aborted && Clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(20));
}
}  // namespace

Result<Generation> GroupMember::join(const Protocols& protocols, const Assignor& assignor) {
  auto log = component_logger("client");
  // A worker whose cluster is away keeps trying (it has nothing else to do) but returns now and then
  // so its caller can notice a stop.
  auto give_up = Clock::now() + std::chrono::milliseconds(options_.rebalance_timeout_ms + options_.session_timeout_ms);
  Status last;
  while (!aborted_) {
    if (Clock::now() > give_up)
      return last.ok() ? Status::error(Errc::timed_out, "joining group " + options_.group_id + " timed out") : last;
    last = ensure_coordinator();
    if (!last.ok()) {
      pause_for(500, aborted_);
      continue;
    }
    protocol::JoinGroupRequest request;
    request.group_id = options_.group_id;
    request.session_timeout_ms = options_.session_timeout_ms;
    request.rebalance_timeout_ms = options_.rebalance_timeout_ms;
    request.member_id = member_id_;
    request.group_instance_id = options_.group_instance_id;
    request.protocol_type = options_.protocol_type;
    for (const auto& [name, metadata] : protocols) request.protocols.push_back({name, metadata});
    auto joined = call<protocol::JoinGroupRequest, protocol::JoinGroupResponse>(
        *coordinator_, request, options_.rebalance_timeout_ms + options_.request_timeout_ms);
    if (!joined.ok()) {
      last = joined.status();
      coordinator_.reset();
      pause_for(200, aborted_);
      continue;
    }
    int16_t error = joined->error_code;
    if (error == kMemberIdRequired) {
      member_id_ = joined->member_id;
      continue;
    }
    if (error == kUnknownMemberId) {
      member_id_.clear();
      continue;
    }
    if (error == kRebalanceInProgress || error == kIllegalGeneration) continue;
    if (coordinator_error(error)) {
      coordinator_.reset();
      pause_for(200, aborted_);
      continue;
    }
    if (error == kFencedInstanceId)
      return Status::error(Errc::already_exists, fmt::format("another member of group {} has instance id {}",
                                                             options_.group_id, options_.group_instance_id.value_or("")));
    if (error != 0)
      return Status::error(Errc::invalid_argument,
                           fmt::format("JoinGroup for group {} failed with error {}", options_.group_id, error));
    member_id_ = joined->member_id;
    generation_id_ = joined->generation_id;
    std::string protocol = joined->protocol_name.value_or("");

    protocol::SyncGroupRequest sync;
    sync.group_id = options_.group_id;
    sync.generation_id = generation_id_;
    sync.member_id = member_id_;
    sync.group_instance_id = options_.group_instance_id;
    sync.protocol_type = options_.protocol_type;
    sync.protocol_name = protocol;
    if (joined->leader == member_id_) {
      std::vector<JoinedMember> members;
      for (auto& m : joined->members) members.push_back({m.member_id, std::move(m.metadata)});
      for (auto& [id, assignment] : assignor(protocol, members)) sync.assignments.push_back({id, std::move(assignment)});
    }
    auto synced = call<protocol::SyncGroupRequest, protocol::SyncGroupResponse>(*coordinator_, sync,
                                                                               options_.rebalance_timeout_ms);
    if (!synced.ok()) {
      last = synced.status();
      coordinator_.reset();
      continue;
    }
    error = synced->error_code;
    if (error == kUnknownMemberId) member_id_.clear();
    if (error == kRebalanceInProgress || error == kIllegalGeneration || error == kUnknownMemberId) continue;
    if (coordinator_error(error)) {
      coordinator_.reset();
      continue;
    }
    if (error != 0)
      return Status::error(Errc::invalid_argument,
                           fmt::format("SyncGroup for group {} failed with error {}", options_.group_id, error));
    log->info("group_joined group={} generation={} member={} leader={} protocol={}", options_.group_id,
              generation_id_, member_id_, joined->leader, protocol);
    return Generation{generation_id_, member_id_, joined->leader, protocol, std::move(synced->assignment)};
  }
  return Status::error(Errc::timed_out, "joining group " + options_.group_id + " was aborted");
}

GroupMember::Heartbeat GroupMember::heartbeat() {
  if (member_id_.empty() || !ensure_coordinator().ok()) return Heartbeat::rejoin;
  protocol::HeartbeatRequest request;
  request.group_id = options_.group_id;
  request.generation_id = generation_id_;
  request.member_id = member_id_;
  request.group_instance_id = options_.group_instance_id;
  auto response =
      call<protocol::HeartbeatRequest, protocol::HeartbeatResponse>(*coordinator_, request, options_.request_timeout_ms);
  if (!response.ok()) {
    coordinator_.reset();
    return Heartbeat::rejoin;
  }
  int16_t error = response->error_code;
  if (error == 0) return Heartbeat::ok;
  if (error == kUnknownMemberId) member_id_.clear();
  if (coordinator_error(error)) coordinator_.reset();
  component_logger("client")->info("group_rejoin group={} member={} error={}", options_.group_id, member_id_, error);
  return Heartbeat::rejoin;
}

void GroupMember::leave() {
  if (member_id_.empty()) return;
  bool was_aborted = aborted_.exchange(false);  // a stop aborts joins, but leaving is part of stopping
  if (ensure_coordinator().ok()) {
    protocol::LeaveGroupRequest request;
    request.group_id = options_.group_id;
    request.member_id = member_id_;
    request.members.push_back({member_id_, options_.group_instance_id, std::nullopt});
    auto response = call<protocol::LeaveGroupRequest, protocol::LeaveGroupResponse>(*coordinator_, request, 5000);
    if (response.ok())
      component_logger("client")->info("group_left group={} member={} error={}", options_.group_id, member_id_,
                                       response->error_code);
  }
  member_id_.clear();
  aborted_ = was_aborted;
}

}  // namespace tributary::client
