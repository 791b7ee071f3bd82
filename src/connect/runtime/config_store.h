// Connector configurations, target states and task configurations in the config topic, in Kafka
// Connect's layout: "connector-<name>" -> {"properties": {...}} (a tombstone deletes the connector),
// "target-state-<name>" -> {"state": "STARTED" | "PAUSED" | "STOPPED"},
// "task-<name>-<id>" -> {"properties": {...}}, applied together when "commit-<name>" -> {"tasks": <count>}
// follows, and "restart-connector-<name>" -> {"include-tasks": bool, "only-failed": bool}. A restart of
// one task is "restart-task-<name>-<id>" -> {} (ours: Kafka Connect forwards those over REST).
//
// Every worker of a cluster follows the topic (load(), then poll()), so the topic's order is the
// order in which all of them apply a change: no worker needs to be asked first.
//
// Threads: load()/poll() and the accessors on the worker's herder thread; writes from any thread.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "connect/api/config_def.h"
#include "connect/runtime/topic_store.h"
#include "connect/runtime/topic_tail.h"

namespace tributary::connect {

enum class TargetState { started, paused, stopped };
const char* target_state_name(TargetState state);  // "STARTED", "PAUSED", "STOPPED"

struct StoredConnector {
  Config config;
  TargetState target = TargetState::started;
  std::vector<Config> tasks;  // the last committed task configurations
};

struct RestartRequest {
  std::string connector;
  int task = -1;  // -1: the connector (and its tasks when include_tasks)
  bool include_tasks = false;
  bool only_failed = false;
};

class ConfigStore {
 public:
  ConfigStore(std::unique_ptr<TopicStore> topic, std::unique_ptr<TopicTail> tail)
      : topic_(std::move(topic)), tail_(std::move(tail)) {}

  // Replays the topic up to its current end; restart requests found there are history, not asks.
  Status load();
  // Applies records appended since; returns the connectors whose config, target state or task
  // configs changed (deleted ones included).
  Result<std::set<std::string>> poll(int timeout_ms);
  // Reads up to the end the topic has now; as poll().
  Result<std::set<std::string>> read_to_end();
  // The offset of the last record applied (-1: none).
  int64_t offset() const { return offset_; }
  const std::map<std::string, StoredConnector>& connectors() const { return connectors_; }
  std::vector<RestartRequest> take_restarts() { return std::move(restarts_); }

  // Writes return once the log has the record, with the offset after it (what a worker must have read
  // to see it) in *end when given.
  Status put_connector(const std::string& name, const Config& config, int64_t* end = nullptr);
  Status remove_connector(const std::string& name, int64_t* end = nullptr);
  Status put_target_state(const std::string& name, TargetState state, int64_t* end = nullptr);
  Status put_task_configs(const std::string& name, const std::vector<Config>& tasks, int64_t* end = nullptr);
  Status request_restart(const RestartRequest& request, int64_t* end = nullptr);

 private:
  Status write(const std::vector<KeyValue>& records, int64_t* end);
  void apply(const std::string& key, const std::optional<std::string>& value, std::set<std::string>& changed);
  Result<std::set<std::string>> apply_all(Result<std::vector<client::ConsumedRecord>> records);

  std::unique_ptr<TopicStore> topic_;
  std::unique_ptr<TopicTail> tail_;
  std::map<std::string, StoredConnector> connectors_;
  std::map<std::string, std::map<int, Config>> pending_tasks_;  // task configs awaiting their commit record
  std::vector<RestartRequest> restarts_;
  bool loaded_ = false;
  int64_t offset_ = -1;
};

}  // namespace tributary::connect
