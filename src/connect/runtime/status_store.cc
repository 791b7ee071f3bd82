#include "connect/runtime/status_store.h"

#include <nlohmann/json.hpp>

#include <chrono>

#include "common/logging.h"
#include "connect/runtime/task_key.h"

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

void StatusStore::apply(const std::string& key, const std::optional<std::string>& value, bool initial) {
  // Caller holds mu_.
  auto v = value ? nlohmann::json::parse(*value, nullptr, false) : nlohmann::json();
  if (key.rfind("topic-", 0) == 0) {
    if (value) {
      if (!v.is_object() || !v.contains("topic") || !v["topic"].is_object()) return;
      const auto& t = v["topic"];
      topics_[t.value("connector", "")].insert(t.value("name", ""));
      return;
    }
    // A tombstoned topic key ("reset") drops the topic again.
    for (auto& [connector, topics] : topics_) {
      std::string suffix = "-" + connector;
      if (key.size() > suffix.size() + 6 && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0)
        topics.erase(key.substr(6, key.size() - 6 - suffix.size()));
    }
    return;
  }
  StateInfo* current = nullptr;
  std::string connector;
  int task = -1;
  if (key.rfind("status-connector-", 0) == 0) {
    connector = key.substr(17);
  } else if (key.rfind("status-task-", 0) == 0) {
    if (!split_task_key(key.substr(12), &connector, &task)) return;
  } else {
    return;
  }
  auto conn_it = connectors_.find(connector);
  auto task_it = tasks_.find({connector, task});
  if (task < 0 && conn_it != connectors_.end()) current = &conn_it->second;
  if (task >= 0 && task_it != tasks_.end()) current = &task_it->second;
  // What this worker wrote is newer than any copy of it read back; only others' records apply.
  bool ours_now = current && current->worker_id == worker_id_;
  if (!value) {
    if (ours_now && !initial) return;
    if (task < 0 && conn_it != connectors_.end()) connectors_.erase(conn_it);
    if (task >= 0 && task_it != tasks_.end()) tasks_.erase(task_it);
    return;
  }
  if (!v.is_object()) return;
  StateInfo info{v.value("state", "UNASSIGNED"), v["trace"].is_string() ? v["trace"].get<std::string>() : "",
                 v.value("worker_id", "")};
  // Another worker's state replaces ours: a rebalance moved the connector or task there.
  if (!initial && info.worker_id == worker_id_) return;
  if (task < 0)
    connectors_[connector] = std::move(info);
  else
    tasks_[{connector, task}] = std::move(info);
}

Status StatusStore::load() {
  auto records = tail_->read_to_end();
  if (!records.ok()) return records.status();
  std::lock_guard lock(mu_);
  for (const auto& r : *records)
    if (r.key) apply(*r.key, r.value, true);
  return Status();
}

Status StatusStore::poll(int timeout_ms) {
  auto records = tail_->poll(timeout_ms);
  if (!records.ok()) return records.status();
  std::lock_guard lock(mu_);
  for (const auto& r : *records)
    if (r.key) apply(*r.key, r.value, false);
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

void StatusStore::forget(const std::string& connector) {
  std::lock_guard lock(mu_);
  connectors_.erase(connector);
  std::erase_if(tasks_, [&](const auto& kv) { return kv.first.first == connector; });
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
