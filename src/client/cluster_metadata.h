// What a Metadata request says about a cluster: its brokers, the controller and every topic with its
// partitions (internal ones included), as the console's overview and topic pages show them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "client/kafka_handle.h"

namespace tributary::client {

struct BrokerInfo {
  int32_t id = -1;
  std::string host;
  int32_t port = 0;
};

struct PartitionInfo {
  int32_t id = 0;
  int32_t leader = -1;
  int32_t replicas = 0;
};

struct TopicInfo {
  std::string name;
  std::vector<PartitionInfo> partitions;  // by partition id
};

struct ClusterMetadata {
  std::vector<BrokerInfo> brokers;
  int32_t controller_id = -1;  // -1 when the cluster did not say
  std::vector<TopicInfo> topics;  // by name
};

// Every topic of the cluster, or only `topic` (Errc::not_found when it does not exist).
Result<ClusterMetadata> describe_cluster(KafkaHandle& handle, int timeout_ms = 10000);
Result<TopicInfo> describe_topic(KafkaHandle& handle, const std::string& topic, int timeout_ms = 10000);

}  // namespace tributary::client
