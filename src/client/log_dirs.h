// Bytes each partition takes on disk, from DescribeLogDirs (Kafka API 35), which librdkafka 2.0 does
// not offer: this client asks every broker of the cluster itself (protocol_connection.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "client/consumer.h"
#include "common/status.h"

namespace tributary::client {

// Size in bytes per partition of `topics` (every topic when empty). Sizes are per replica: the largest
// replica's size is reported (the leader's, unless a follower has not yet deleted old segments).
// Partitions no broker reported are left out. Errors: no broker reachable, or none supports the API
// (Errc::unsupported when available, an old cluster).
Result<std::map<TopicPartition, int64_t>> partition_sizes(const std::string& bootstrap_servers,
                                                          const std::vector<std::string>& topics = {},
                                                          int timeout_ms = 10000);

}  // namespace tributary::client
