// The broker: storage, topics, durability and the Kafka listener, wired together.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "broker/broker_config.h"
#include "broker/group_commit.h"
#include "broker/topic_manager.h"

namespace tributary::broker {

class NetworkServer;
namespace group {
class GroupCoordinator;
}
class ProducerIdManager;

// What Metadata, DescribeCluster and FindCoordinator tell clients about this broker.
struct BrokerIdentity {
  int32_t node_id = 1;
  std::string host;
  int32_t port = 0;
  std::string cluster_id;
};

class Broker {
 public:
  Broker(BrokerConfig config, std::filesystem::path data_dir);
  ~Broker();

  // Opens (and recovers) the log, binds `listen` ("host:port", port 0 picks one) and starts serving.
  Status start(const std::string& listen);
  // Stops accepting, finishes in-flight syncs, closes every log cleanly.
  void stop();

  uint16_t port() const;
  const BrokerIdentity& identity() const { return identity_; }
  const BrokerConfig& config() const { return config_; }
  TopicManager& topics() { return *topics_; }
  GroupCommit& group_commit() { return group_commit_; }
  group::GroupCoordinator& groups() { return *groups_; }
  ProducerIdManager& producer_ids() { return *producer_ids_; }

 private:
  Status load_cluster_id();
  Status lock_data_dir();
  void housekeeping_loop();

  BrokerConfig config_;
  std::filesystem::path data_dir_;
  BrokerIdentity identity_;
  std::unique_ptr<TopicManager> topics_;
  std::unique_ptr<ProducerIdManager> producer_ids_;
  GroupCommit group_commit_;
  std::unique_ptr<NetworkServer> server_;
  // After server_: destroyed first, since its pending answers hold connections of the server's threads.
  std::unique_ptr<group::GroupCoordinator> groups_;
  std::thread housekeeper_;
  metrics::CollectorHandle collectors_;  // partition and group gauges for /metrics; dropped first in stop()
  std::mutex housekeeper_mutex_;
  std::condition_variable housekeeper_cv_;
  bool stopping_ = false;
  int lock_fd_ = -1;  // flock on <data-dir>/.lock while this broker owns the directory
};

// Splits "host:port" ("[::1]:9092" for IPv6); false when it does not parse.
bool split_host_port(const std::string& address, std::string* host, uint16_t* port);

}  // namespace tributary::broker
