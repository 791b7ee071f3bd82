#include "connect/runtime/status_store.h"

#include <nlohmann/json.hpp>

#include <chrono>

#include "common/logging.h"

namespace tributary::connect {
namespace {

std::string state_value(const StateInfo& info) {
  nlohmann::json v = {{"state", info.state}, {"worker_id", info.worker_id}, {"generation", 0}};
  v["trace"] = info.trace.empty() ? nlohmann::json() : nlohmann::json(info.trace);
  return v.dump();
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Status StatusStore::load() {
  auto records = topic_->read_all();
  if (!records.ok()) return records.status();
  std::lock_guard lock(mu_);
  for (const auto& [key, value] : *records) {
    if (key.rfind("topic-", 0) != 0) continue;
    if (!value) continue;
    auto v = nlohmann::json::parse(*value, nullptr, false);
    if (!v.is_object() || !v.contains("topic")) continue;
    const auto& t = v["topic"];
    topics_[t.value("connector", "")].insert(t.value("name", ""));
  }
  // Tombstoned topic keys ("reset") drop a topic again.
  for (const auto& [key, value] : *records) {
    if (key.rfind("topic-", 0) != 0 || value) continue;
    for (auto& [connector, topics] : topics_) {
      std::string suffix = "-" + connector;
      if (key.size() > suffix.size() + 6 && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0)
        topics.erase(key.substr(6, key.size() - 6 - suffix.size()));
    }
  }
  return Status();
}

void StatusStore::write(const std::string& key, const std::optional<std::string>& value) {
  Status s = topic_->write(key, value);
  if (!s.ok()) component_logger("connect")->warn("status_write_failed key={} error=\"{}\"", key, s.to_string());
}

void StatusStore::put_connector(const std::string& connector, const std::string& state, const std::string& trace) {
  StateInfo info{state, trace, worker_id_};
  {
    std::lock_guard lock(mu_);
    connectors_[connector] = info;
  }
  write("status-connector-" + connector, state_value(info));
}

void StatusStore::put_task(const std::string& connector, int task, const std::string& state, const std::string& trace) {
  StateInfo info{state, trace, worker_id_};
  {
    std::lock_guard lock(mu_);
    tasks_[{connector, task}] = info;
  }
  write("status-task-" + connector + "-" + std::to_string(task), state_value(info));
}

std::optional<StateInfo> StatusStore::connector(const std::string& connector) const {
  std::lock_guard lock(mu_);
  auto it = connectors_.find(connector);
  if (it == connectors_.end()) return std::nullopt;
  return it->second;
}

std::optional<StateInfo> StatusStore::task(const std::string& connector, int task) const {
  std::lock_guard lock(mu_);
  auto it = tasks_.find({connector, task});
  if (it == tasks_.end()) return std::nullopt;
  return it->second;
}

void StatusStore::remove(const std::string& connector) {
  remove_tasks(connector, 0);
  {
    std::lock_guard lock(mu_);
    connectors_.erase(connector);
  }
  write("status-connector-" + connector, std::nullopt);
}

void StatusStore::remove_tasks(const std::string& connector, int from_task) {
  std::vector<int> removed;
  {
    std::lock_guard lock(mu_);
    for (auto it = tasks_.lower_bound({connector, from_task}); it != tasks_.end() && it->first.first == connector;) {
      removed.push_back(it->first.second);
      it = tasks_.erase(it);
    }
  }
  for (int id : removed) write("status-task-" + connector + "-" + std::to_string(id), std::nullopt);
}

void StatusStore::add_topic(const std::string& connector, const std::string& topic) {
  {
    std::lock_guard lock(mu_);
    if (!topics_[connector].insert(topic).second) return;
  }
  nlohmann::json v = {{"topic", {{"name", topic}, {"connector", connector}, {"task", connector + "-0"},
                                 {"discoverTimestamp", now_ms()}}}};
  write("topic-" + topic + "-" + connector, v.dump());
}

std::set<std::string> StatusStore::topics(const std::string& connector) const {
  std::lock_guard lock(mu_);
  auto it = topics_.find(connector);
  return it == topics_.end() ? std::set<std::string>() : it->second;
}

void StatusStore::reset_topics(const std::string& connector) {
  std::set<std::string> topics;
  {
    std::lock_guard lock(mu_);
    topics = std::move(topics_[connector]);
    topics_.erase(connector);
  }
  for (const auto& t : topics) write("topic-" + t + "-" + connector, std::nullopt);
}

}  // namespace tributary::connect
