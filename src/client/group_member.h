// A member of a Kafka group of any protocol type, speaking the group protocol itself (FindCoordinator,
// JoinGroup, SyncGroup, Heartbeat, LeaveGroup) over plaintext TCP. librdkafka's public API joins
// groups only as a "consumer"; Kafka Connect's workers form a group of protocol type "connect", whose
// member metadata and assignments are opaque bytes to the coordinator and are encoded by the caller.
//
// Works against the embedded broker and Apache Kafka alike: request versions are the highest both
// sides support (ApiVersions), capped at versions this client was written for.
//
// Threads: one thread drives a member; abort() may be called from any thread to make a blocked call
// (a JoinGroup waiting for the rebalance) return early.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/protocol_connection.h"
#include "common/bytes.h"
#include "common/status.h"

namespace tributary::client {

struct GroupMemberOptions {
  std::string bootstrap_servers;  // host:port[,host:port...]
  std::string group_id;
  std::string protocol_type = "connect";
  std::string client_id = "tributary";
  // KIP-345 static membership: a restarted member with the same instance id takes its old place at
  // once instead of leaving the group to wait for the dead one's session to expire.
  std::optional<std::string> group_instance_id;
  int32_t session_timeout_ms = 10000;
  int32_t rebalance_timeout_ms = 60000;
  int32_t request_timeout_ms = 30000;  // every request but JoinGroup, which waits up to the rebalance timeout
};

struct JoinedMember {
  std::string member_id;
  Bytes metadata;
};

// What a completed rebalance gave this member.
struct Generation {
  int32_t generation_id = -1;
  std::string member_id;
  std::string leader_id;
  std::string protocol;  // the protocol the group chose
  Bytes assignment;      // this member's, as the leader encoded it
};

class GroupMember {
 public:
  // The protocols this member supports, in order of preference: name -> metadata.
  using Protocols = std::vector<std::pair<std::string, Bytes>>;
  // Called on the leader only: every member's metadata for the chosen protocol -> member id -> assignment.
  using Assignor =
      std::function<std::map<std::string, Bytes>(const std::string& protocol, const std::vector<JoinedMember>& members)>;

  explicit GroupMember(GroupMemberOptions options);
  ~GroupMember();
  GroupMember(const GroupMember&) = delete;
  GroupMember& operator=(const GroupMember&) = delete;

  // Joins (or rejoins) the group and takes part in the rebalance until a generation is formed and
  // this member has its assignment. Retries coordinator moves and member-id handshakes itself;
  // returns an error when the cluster cannot be reached or the call was aborted.
  Result<Generation> join(const Protocols& protocols, const Assignor& assignor);
  // One heartbeat: whether the member is still in its generation or must join again (a rebalance
  // began, the coordinator moved or forgot the member).
  enum class Heartbeat { ok, rejoin };
  Heartbeat heartbeat();
  // Leaves the group so the coordinator rebalances at once rather than after the session timeout.
  void leave();
  void abort() { aborted_ = true; }

  const std::string& member_id() const { return member_id_; }
  int32_t generation_id() const { return generation_id_; }

 private:
  Status ensure_coordinator();
  std::unique_ptr<ProtocolConnection> new_connection() const;
  template <typename Request, typename Response>
  Result<Response> call(const Request& request, int timeout_ms) {
    return coordinator_->call<Request, Response>(request, timeout_ms);
  }

  GroupMemberOptions options_;
  std::atomic<bool> aborted_{false};
  std::unique_ptr<ProtocolConnection> coordinator_;
  std::string member_id_;
  int32_t generation_id_ = -1;
};

}  // namespace tributary::client
