#include "connect/runtime/config_store.h"

#include <nlohmann/json.hpp>

namespace tributary::connect {
namespace {

const std::string kConnectorPrefix = "connector-";
const std::string kTargetPrefix = "target-state-";

}  // namespace

const char* target_state_name(TargetState state) {
  switch (state) {
    case TargetState::started: return "STARTED";
    case TargetState::paused: return "PAUSED";
    case TargetState::stopped: return "STOPPED";
  }
  return "STARTED";
}

Result<std::map<std::string, StoredConnector>> ConfigStore::load() {
  auto records = topic_->read_all();
  if (!records.ok()) return records.status();
  std::map<std::string, StoredConnector> connectors;
  std::map<std::string, TargetState> targets;
  for (const auto& [key, value] : *records) {
    if (key.rfind(kConnectorPrefix, 0) == 0) {
      std::string name = key.substr(kConnectorPrefix.size());
      if (!value) {
        connectors.erase(name);
        targets.erase(name);
        continue;
      }
      auto v = nlohmann::json::parse(*value, nullptr, false);
      if (!v.is_object() || !v["properties"].is_object()) continue;
      Config config;
      for (auto it = v["properties"].begin(); it != v["properties"].end(); ++it)
        if (it.value().is_string()) config[it.key()] = it.value().get<std::string>();
      connectors[name].config = std::move(config);
    } else if (key.rfind(kTargetPrefix, 0) == 0 && value) {
      auto v = nlohmann::json::parse(*value, nullptr, false);
      if (!v.is_object()) continue;
      std::string state = v.value("state", "STARTED");
      targets[key.substr(kTargetPrefix.size())] = state == "PAUSED"    ? TargetState::paused
                                                  : state == "STOPPED" ? TargetState::stopped
                                                                       : TargetState::started;
    }
  }
  for (auto& [name, c] : connectors) {
    auto t = targets.find(name);
    if (t != targets.end()) c.target = t->second;
  }
  return connectors;
}

Status ConfigStore::put_connector(const std::string& name, const Config& config) {
  nlohmann::json v = {{"properties", config}};
  return topic_->write(kConnectorPrefix + name, v.dump());
}

Status ConfigStore::remove_connector(const std::string& name) {
  return topic_->write({{kConnectorPrefix + name, std::nullopt}, {kTargetPrefix + name, std::nullopt}});
}

Status ConfigStore::put_target_state(const std::string& name, TargetState state) {
  nlohmann::json v = {{"state", target_state_name(state)}};
  return topic_->write(kTargetPrefix + name, v.dump());
}

Status ConfigStore::put_task_configs(const std::string& name, const std::vector<Config>& tasks) {
  std::vector<KeyValue> records;
  for (size_t i = 0; i < tasks.size(); ++i) {
    nlohmann::json v = {{"properties", tasks[i]}};
    records.emplace_back("task-" + name + "-" + std::to_string(i), v.dump());
  }
  records.emplace_back("commit-" + name, nlohmann::json({{"tasks", tasks.size()}}).dump());
  return topic_->write(records);
}

}  // namespace tributary::connect
