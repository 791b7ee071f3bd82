#include "client/group_member.h"

#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "common/logging.h"
#include "protocol/headers.h"
#include "protocol/messages.h"

namespace tributary::client {
namespace {

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

}  // namespace

GroupMember::GroupMember(GroupMemberOptions options) : options_(std::move(options)) {}

GroupMember::~GroupMember() = default;

std::unique_ptr<ProtocolConnection> GroupMember::new_connection() const {
  // Versions this client was written and tested against; newer ones add nothing it uses.
  static const std::map<int16_t, int16_t> kCap = {{10, 3}, {11, 7}, {12, 4}, {13, 4}, {14, 5}, {18, 0}};
  return std::make_unique<ProtocolConnection>(options_.client_id, aborted_, kCap);
}

Status GroupMember::ensure_coordinator() {
  if (coordinator_ && coordinator_->is_open()) return Status();
  coordinator_.reset();
  auto servers = parse_servers(options_.bootstrap_servers);
  if (servers.empty()) return Status::error(Errc::invalid_argument, "no bootstrap servers in '" + options_.bootstrap_servers + "'");
  Status last = Status::error(Errc::io_error, "no coordinator");
  for (const auto& [host, port] : servers) {
    auto conn = new_connection();
    last = conn->connect(host, port, options_.request_timeout_ms);
    if (!last.ok()) continue;
    protocol::FindCoordinatorRequest find;
    find.key = options_.group_id;
    find.key_type = 0;
    auto found = conn->call<protocol::FindCoordinatorRequest, protocol::FindCoordinatorResponse>(
        find, options_.request_timeout_ms);
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
    if (address != conn->address()) {
      auto coord = new_connection();
      last = coord->connect(found->host, static_cast<uint16_t>(found->port), options_.request_timeout_ms);
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
        request, options_.rebalance_timeout_ms + options_.request_timeout_ms);
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
    auto synced = call<protocol::SyncGroupRequest, protocol::SyncGroupResponse>(sync, options_.rebalance_timeout_ms);
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
      call<protocol::HeartbeatRequest, protocol::HeartbeatResponse>(request, options_.request_timeout_ms);
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
    auto response = call<protocol::LeaveGroupRequest, protocol::LeaveGroupResponse>(request, 5000);
    if (response.ok())
      component_logger("client")->info("group_left group={} member={} error={}", options_.group_id, member_id_,
                                       response->error_code);
  }
  member_id_.clear();
  aborted_ = was_aborted;
}

}  // namespace tributary::client
