// Kafka Connect's group protocol payloads (ConnectProtocol, version 0, protocol name "default"): the
// metadata a worker joins with and the assignment the leader hands each worker, plus the leader's
// assignment algorithm (round robin, as Kafka Connect's eager protocol: connectors first, then tasks,
// over the members sorted by id).
//
// Layout, classic Kafka encodings (int16-length strings, int32-count arrays):
//   metadata   = version:int16 url:string config_offset:int64
//   assignment = version:int16 error:int16 leader:string leader_url:string config_offset:int64
//                [connector:string [task:int32]]   (task -1 stands for the connector instance)
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"

namespace tributary::connect {

inline constexpr const char* kConnectProtocolType = "connect";
inline constexpr const char* kConnectProtocolName = "default";

struct WorkerMetadata {
  std::string url;            // the worker's REST url, http://host:port/
  int64_t config_offset = -1;  // the last config-topic offset the worker has read
  bool operator==(const WorkerMetadata&) const = default;
};

using TaskId = std::pair<std::string, int>;  // connector, task

struct ConnectAssignment {
  static constexpr int16_t kNoError = 0;
  static constexpr int16_t kConfigMismatch = 1;  // the leader could not read the config topic far enough

  int16_t error = kNoError;
  std::string leader;
  std::string leader_url;
  int64_t config_offset = -1;
  std::set<std::string> connectors;
  std::set<TaskId> tasks;
  bool operator==(const ConnectAssignment&) const = default;
};

Bytes encode_metadata(const WorkerMetadata& metadata);
Result<WorkerMetadata> decode_metadata(const Bytes& bytes);
Bytes encode_assignment(const ConnectAssignment& assignment);
Result<ConnectAssignment> decode_assignment(const Bytes& bytes);

// Spreads connectors (name -> task count) over members (id -> url): the connectors round robin over
// the members sorted by id, then every task round robin, continuing where the connectors stopped.
// Fills leader, leader_url and config_offset into every member's assignment.
std::map<std::string, ConnectAssignment> assign_round_robin(const std::map<std::string, std::string>& members,
                                                            const std::map<std::string, int>& connectors,
                                                            const std::string& leader, int64_t config_offset);

}  // namespace tributary::connect
