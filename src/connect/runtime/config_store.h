// Connector configurations and target states in the config topic, in Kafka Connect's layout:
// "connector-<name>" -> {"properties": {...}} (a tombstone deletes the connector),
// "target-state-<name>" -> {"state": "STARTED" | "PAUSED" | "STOPPED"},
// "task-<name>-<id>" -> {"properties": {...}} and "commit-<name>" -> {"tasks": <count>}.
//
// Threads: called by the worker's control thread only.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "connect/api/config_def.h"
#include "connect/runtime/topic_store.h"

namespace tributary::connect {

enum class TargetState { started, paused, stopped };
const char* target_state_name(TargetState state);  // "STARTED", "PAUSED", "STOPPED"

struct StoredConnector {
  Config config;
  TargetState target = TargetState::started;
};

class ConfigStore {
 public:
  explicit ConfigStore(std::unique_ptr<TopicStore> topic) : topic_(std::move(topic)) {}

  // Every live connector, as the config topic says after replaying it.
  Result<std::map<std::string, StoredConnector>> load();
  Status put_connector(const std::string& name, const Config& config);
  Status remove_connector(const std::string& name);
  Status put_target_state(const std::string& name, TargetState state);
  Status put_task_configs(const std::string& name, const std::vector<Config>& tasks);

 private:
  std::unique_ptr<TopicStore> topic_;
};

}  // namespace tributary::connect
