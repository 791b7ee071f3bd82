#include "connect/runtime/config_store.h"

#include <nlohmann/json.hpp>

#include "common/logging.h"
#include "connect/runtime/task_key.h"

namespace tributary::connect {
namespace {

const std::string kConnectorPrefix = "connector-";
const std::string kTargetPrefix = "target-state-";
const std::string kTaskPrefix = "task-";
const std::string kCommitPrefix = "commit-";
const std::string kRestartPrefix = "restart-connector-";
const std::string kRestartTaskPrefix = "restart-task-";

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

Config properties(const nlohmann::json& v) {
  Config config;
  if (!v.is_object() || !v.contains("properties") || !v["properties"].is_object()) return config;
  for (auto it = v["properties"].begin(); it != v["properties"].end(); ++it)
    if (it.value().is_string()) config[it.key()] = it.value().get<std::string>();
  return config;
}

TargetState parse_target(const std::string& state) {
  return state == "PAUSED" ? TargetState::paused : state == "STOPPED" ? TargetState::stopped : TargetState::started;
}

}  // namespace

const char* target_state_name(TargetState state) {
  switch (state) {
    case TargetState::started: return "STARTED";
    case TargetState::paused: return "PAUSED";
    case TargetState::stopped: return "STOPPED";
  }
  return "STARTED";
}

void ConfigStore::apply(const std::string& key, const std::optional<std::string>& value, std::set<std::string>& changed) {
  auto v = value ? nlohmann::json::parse(*value, nullptr, false) : nlohmann::json();
  if (starts_with(key, kConnectorPrefix)) {
    std::string name = key.substr(kConnectorPrefix.size());
    changed.insert(name);
    if (!value) {
      connectors_.erase(name);
      pending_tasks_.erase(name);
      return;
    }
    if (!v.is_object()) return;
    connectors_[name].config = properties(v);
  } else if (starts_with(key, kTargetPrefix)) {
    std::string name = key.substr(kTargetPrefix.size());
    auto it = connectors_.find(name);
    if (it == connectors_.end() || !v.is_object()) return;
    it->second.target = parse_target(v.value("state", "STARTED"));
    changed.insert(name);
  } else if (starts_with(key, kCommitPrefix)) {
    std::string name = key.substr(kCommitPrefix.size());
    auto it = connectors_.find(name);
    if (it == connectors_.end() || !v.is_object() || !v["tasks"].is_number_integer()) return;
    int count = v["tasks"].get<int>();
    auto& pending = pending_tasks_[name];
    std::vector<Config> tasks;
    for (int i = 0; i < count; ++i) {
      auto t = pending.find(i);
      if (t == pending.end()) {
        component_logger("connect")->warn("task_configs_incomplete connector={} task={}", name, i);
        return;
      }
      tasks.push_back(t->second);
    }
    pending_tasks_.erase(name);
    if (tasks != it->second.tasks) {
      it->second.tasks = std::move(tasks);
      changed.insert(name);
    }
  } else if (starts_with(key, kTaskPrefix)) {
    std::string name;
    int id = 0;
    if (value && split_task_key(key.substr(kTaskPrefix.size()), &name, &id) && connectors_.count(name))
      pending_tasks_[name][id] = properties(v);
  } else if (loaded_ && value && starts_with(key, kRestartPrefix)) {
    RestartRequest r{key.substr(kRestartPrefix.size())};
    if (v.is_object()) {
      r.include_tasks = v.value("include-tasks", false);
      r.only_failed = v.value("only-failed", false);
    }
    restarts_.push_back(r);
  } else if (loaded_ && value && starts_with(key, kRestartTaskPrefix)) {
    RestartRequest r;
    if (split_task_key(key.substr(kRestartTaskPrefix.size()), &r.connector, &r.task)) restarts_.push_back(r);
  }
}

Result<std::set<std::string>> ConfigStore::apply_all(Result<std::vector<client::ConsumedRecord>> records) {
  if (!records.ok()) return records.status();
  std::set<std::string> changed;
  for (const auto& r : *records) {
    offset_ = std::max(offset_, r.offset);
    if (r.key) apply(*r.key, r.value, changed);
  }
  return changed;
}

Status ConfigStore::load() {
  auto changed = apply_all(tail_->read_to_end());
  if (!changed.ok()) return changed.status();
  loaded_ = true;
  return Status();
}

Result<std::set<std::string>> ConfigStore::poll(int timeout_ms) { return apply_all(tail_->poll(timeout_ms)); }

Result<std::set<std::string>> ConfigStore::read_to_end() { return apply_all(tail_->read_to_end()); }

Status ConfigStore::write(const std::vector<KeyValue>& records, int64_t* end) {
  TRY_STATUS(topic_->write(records));
  if (!end) return Status();
  auto high = tail_->end_offset();
  if (!high.ok()) return high.status();
  *end = *high - 1;  // the last offset, at or after the records just written
  return Status();
}

Status ConfigStore::put_connector(const std::string& name, const Config& config, int64_t* end) {
  nlohmann::json v = {{"properties", config}};
  return write({{kConnectorPrefix + name, v.dump()}}, end);
}

Status ConfigStore::remove_connector(const std::string& name, int64_t* end) {
  return write({{kConnectorPrefix + name, std::nullopt}, {kTargetPrefix + name, std::nullopt}}, end);
}

Status ConfigStore::put_target_state(const std::string& name, TargetState state, int64_t* end) {
  nlohmann::json v = {{"state", target_state_name(state)}};
  return write({{kTargetPrefix + name, v.dump()}}, end);
}

Status ConfigStore::put_task_configs(const std::string& name, const std::vector<Config>& tasks, int64_t* end) {
  std::vector<KeyValue> records;
  for (size_t i = 0; i < tasks.size(); ++i) {
    nlohmann::json v = {{"properties", tasks[i]}};
    records.emplace_back(kTaskPrefix + name + "-" + std::to_string(i), v.dump());
  }
  records.emplace_back(kCommitPrefix + name, nlohmann::json({{"tasks", tasks.size()}}).dump());
  return write(records, end);
}

Status ConfigStore::request_restart(const RestartRequest& request, int64_t* end) {
  if (request.task >= 0)
    return write({{kRestartTaskPrefix + request.connector + "-" + std::to_string(request.task), "{}"}}, end);
  nlohmann::json v = {{"include-tasks", request.include_tasks}, {"only-failed", request.only_failed}};
  return write({{kRestartPrefix + request.connector, v.dump()}}, end);
}

}  // namespace tributary::connect
