// The Connect worker: runs connectors and their tasks on threads, keeps configurations, target
// states, source offsets and statuses in the three internal compacted topics, and reads them back at
// start so a restarted worker resumes every connector where its offsets say. This is the herder
// too: the REST layer calls the control methods below.
//
// One worker runs every connector of its cluster; spreading tasks over several workers with the
// group protocol (Kafka Connect's distributed mode) is not implemented yet.
//
// Threads: control methods may be called from any thread (REST I/O threads); they are serialised by
// one mutex and may block while tasks stop or the log acknowledges a config write.
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "client/kafka_handle.h"
#include "connect/runtime/config_store.h"
#include "connect/runtime/connector_config.h"
#include "connect/runtime/offset_store.h"
#include "connect/api/plugin_registry.h"
#include "connect/runtime/status_store.h"
#include "connect/runtime/task_runner.h"

namespace tributary::connect {

struct WorkerOptions {
  std::string bootstrap_servers;
  std::string worker_id;           // reported in statuses: the REST listener's host:port
  Config config;                   // keys of worker_config_def()
  client::Properties client_props; // extra librdkafka properties for every client
};

struct ConnectorInfo {
  std::string name;
  Config config;
  int task_count = 0;
  ConnectorType type = ConnectorType::source;
};

struct ConnectorStatus {
  std::string name;
  StateInfo connector;
  std::vector<std::pair<int, StateInfo>> tasks;
  ConnectorType type = ConnectorType::source;
};

class Worker {
 public:
  Worker(WorkerOptions options, const PluginRegistry& plugins);
  ~Worker();

  // Validates the worker config, opens (creating if needed) the internal topics, reads them back and
  // starts every stored connector.
  Status start();
  // Stops every task (each commits its offsets) and connector.
  void stop();

  const PluginRegistry& plugins() const { return plugins_; }
  const std::string& worker_id() const { return options_.worker_id; }
  // Before start(): the id statuses report (the REST listener's host:port).
  void set_worker_id(std::string id) { options_.worker_id = std::move(id); }
  std::string kafka_cluster_id() const;

  std::vector<std::string> connector_names() const;
  Result<ConnectorInfo> info(const std::string& name) const;
  Result<ConnectorStatus> status(const std::string& name) const;
  Result<StateInfo> task_status(const std::string& name, int task) const;
  Result<std::vector<Config>> task_configs(const std::string& name) const;

  // Creates or replaces a connector. already_exists when it exists and !allow_replace; an invalid
  // configuration is invalid_argument with every error in the message.
  Result<ConnectorInfo> put_connector(const std::string& name, Config config, bool allow_replace, bool* created);
  Status delete_connector(const std::string& name);
  Status set_target_state(const std::string& name, TargetState state);
  Status restart_connector(const std::string& name, bool include_tasks, bool only_failed);
  Status restart_task(const std::string& name, int task);

  Result<std::set<std::string>> active_topics(const std::string& name) const;
  Status reset_active_topics(const std::string& name);
  Result<std::vector<PartitionOffset>> source_offsets(const std::string& name) const;
  // A STOPPED source connector's offsets: replaced per partition (null offset: removed), or all reset.
  Status alter_source_offsets(const std::string& name, const std::vector<PartitionOffset>& offsets);
  Status reset_source_offsets(const std::string& name);

 private:
  struct Running {
    Config config;
    const ConnectorPlugin* plugin = nullptr;
    TargetState target = TargetState::started;
    std::unique_ptr<Connector> instance;
    std::vector<Config> task_configs;
    std::vector<std::unique_ptr<TaskRunner>> runners;
  };

  Status await_started(std::unique_lock<std::mutex>& lock);
  // All under mu_.
  void start_connector(const std::string& name, Running& r);
  void stop_connector(const std::string& name, Running& r);
  void start_tasks(const std::string& name, Running& r);
  void stop_tasks(Running& r);
  std::unique_ptr<TaskRunner> make_runner(const std::string& name, Running& r, int task);
  Running* find(const std::string& name);
  const Running* find(const std::string& name) const;

  WorkerOptions options_;
  const PluginRegistry& plugins_;
  int64_t flush_interval_ms_ = 60000;
  std::unique_ptr<ConfigStore> configs_;
  std::unique_ptr<OffsetStore> offsets_;
  std::unique_ptr<StatusStore> statuses_;
  std::unique_ptr<client::KafkaHandle> admin_;
  mutable std::mutex mu_;
  std::map<std::string, Running> connectors_;
  std::condition_variable started_cv_;
  bool started_ = false;
  bool stopped_ = false;
};

// An error Status whose message names the missing connector, as Kafka Connect words it.
Status connector_not_found(const std::string& name);

}  // namespace tributary::connect
