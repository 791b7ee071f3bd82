// The Connect worker and its herder. Connector configurations, target states and task configurations
// live in the config topic, source offsets in the offsets topic, states in the status topic; every
// worker follows the config and status topics. Workers with the same group.id form a Kafka group of
// protocol type "connect" (client::GroupMember); the leader spreads connectors and tasks round robin
// (connect_protocol.h) and each worker runs only what it was assigned. A worker that dies stops
// heartbeating; after session.timeout.ms the group rebalances and the others start its work from the
// committed source offsets. One worker alone is simply a group of one.
//
// Changes from REST (any worker) are written to the config topic by the worker that received them;
// every worker applies them in the topic's order, the one running the connector or task acting on
// them. A control method returns once this worker has applied its own write (and the rebalance it
// caused), so the same worker's next read sees it.
//
// Threads: one herder thread owns group membership, follows the topics and starts/stops connectors
// and tasks; REST threads call the methods below. mu_ guards the cluster view and the local runtime.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "client/group_member.h"
#include "client/kafka_handle.h"
#include "connect/api/plugin_registry.h"
#include "connect/runtime/config_store.h"
#include "connect/runtime/connect_protocol.h"
#include "connect/runtime/connector_config.h"
#include "connect/runtime/offset_store.h"
#include "connect/runtime/status_store.h"
#include "connect/runtime/task_runner.h"

namespace tributary::connect {

struct WorkerOptions {
  std::string bootstrap_servers;
  std::string worker_id;           // reported in statuses and the group: the REST listener's host:port
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

  // Validates the worker config, opens (creating if needed) the internal topics, reads them back,
  // joins the group and starts what the first assignment gives this worker.
  Status start();
  // Stops every task (each commits its offsets) and connector, and leaves the group.
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
  // One connector of the cluster: its stored state and what of it runs here.
  struct Running {
    Config config;
    const ConnectorPlugin* plugin = nullptr;
    TargetState target = TargetState::started;
    std::vector<Config> task_configs;  // committed, from the config topic
    // Here, when assigned to this worker:
    std::unique_ptr<ConnectorContext> context;  // given to instance; declared first so it outlives it
    std::unique_ptr<Connector> instance;
    Config instance_config;       // what the instance was started with
    bool instance_failed = false;  // started and failed with this config; not retried until it changes
    std::map<int, std::unique_ptr<TaskRunner>> runners;
    std::map<int, Config> runner_configs;            // task config each runner was started with
    std::map<int, Config> runner_connector_configs;  // and the connector config (converters, transforms)
    std::set<int> paused_tasks;            // assigned here while PAUSED (status written)
  };

  Status await_started(std::unique_lock<std::mutex>& lock);
  // Waits (bounded) until the herder has applied the config topic up to `offset` and is idle.
  void await_applied(int64_t offset);

  // Herder thread.
  void run();
  void rebalance();
  std::map<std::string, ConnectAssignment> assign(const std::string& protocol,
                                                  const std::vector<client::JoinedMember>& members);
  std::map<std::string, int> shape() const;  // connector -> task count, as the config topic says
  void sync_from_store(const std::set<std::string>& changed);  // under mu_
  void reconcile();                                             // under mu_
  void reconcile_connector(const std::string& name, Running& r);
  void reconcile_tasks(const std::string& name, Running& r);
  void handle_restarts(const std::vector<RestartRequest>& restarts);  // under mu_
  // Restarts what of a connector runs here (task >= 0: that task only), as Kafka Connect's restart
  // endpoints say; under mu_.
  void restart_here(const std::string& name, Running& r, int task, bool include_tasks, bool only_failed);

  void start_instance(const std::string& name, Running& r);
  // Asks the running instance for its task configs again; a change is written to the config topic.
  void reconfigure_tasks(const std::string& name, Running& r);
  void write_task_configs(const std::string& name, const std::vector<Config>& tasks);
  void stop_instance(Running& r);
  void stop_task(Running& r, int task);
  std::unique_ptr<TaskRunner> make_runner(const std::string& name, Running& r, int task);
  bool runs_everything(const std::string& name, const Running& r) const;
  Running* find(const std::string& name);
  const Running* find(const std::string& name) const;

  WorkerOptions options_;
  const PluginRegistry& plugins_;
  int64_t flush_interval_ms_ = 60000;
  int heartbeat_interval_ms_ = 3000;
  std::unique_ptr<ConfigStore> configs_;
  std::unique_ptr<OffsetStore> offsets_;
  std::unique_ptr<StatusStore> statuses_;
  std::unique_ptr<client::KafkaHandle> admin_;
  std::unique_ptr<client::GroupMember> member_;
  std::thread herder_;
  std::atomic<bool> stopping_{false};

  // Connectors' reconfiguration requests, from any thread; their own lock, never held with mu_, since a
  // connector may ask while the herder (holding mu_) is stopping it and waiting for its thread.
  std::mutex reconfig_mu_;
  std::set<std::string> reconfig_requests_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, Running> connectors_;
  ConnectAssignment assignment_;
  int32_t generation_ = -1;
  bool need_rejoin_ = true;
  bool assigned_once_ = false;
  std::map<std::string, int> shape_at_join_;
  std::map<std::string, int> shape_assigned_;
  int64_t written_until_ = -1;  // the herder's own task-config writes, not yet read back
  int64_t settled_offset_ = -2;  // config offset applied with nothing left to do
  bool started_ = false;
  bool stopped_ = false;
};

// An error Status whose message names the missing connector, as Kafka Connect words it.
Status connector_not_found(const std::string& name);

}  // namespace tributary::connect
