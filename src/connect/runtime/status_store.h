// Connector and task states (UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED with a trace) and the
// topics each connector has used, kept in memory for REST and written to the status topic in Kafka
// Connect's layout ("status-connector-<name>", "status-task-<name>-<id>", "topic-<topic>-<name>").
//
// Threads: safe from any thread; task threads report their own state here.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "connect/runtime/topic_store.h"

namespace tributary::connect {

struct StateInfo {
  std::string state = "UNASSIGNED";
  std::string trace;  // why it FAILED; empty otherwise
  std::string worker_id;
};

class StatusStore {
 public:
  StatusStore(std::unique_ptr<TopicStore> topic, std::string worker_id)
      : topic_(std::move(topic)), worker_id_(std::move(worker_id)) {}

  // Reads the topics each connector used back from the status topic.
  Status load();

  void put_connector(const std::string& connector, const std::string& state, const std::string& trace = "");
  void put_task(const std::string& connector, int task, const std::string& state, const std::string& trace = "");
  std::optional<StateInfo> connector(const std::string& connector) const;
  std::optional<StateInfo> task(const std::string& connector, int task) const;
  // Forgets a connector's states (and task ids >= `from_task` when given).
  void remove(const std::string& connector);
  void remove_tasks(const std::string& connector, int from_task);

  void add_topic(const std::string& connector, const std::string& topic);
  std::set<std::string> topics(const std::string& connector) const;
  void reset_topics(const std::string& connector);

  const std::string& worker_id() const { return worker_id_; }

 private:
  void write(const std::string& key, const std::optional<std::string>& value);

  std::unique_ptr<TopicStore> topic_;
  std::string worker_id_;
  mutable std::mutex mu_;
  std::map<std::string, StateInfo> connectors_;
  std::map<std::pair<std::string, int>, StateInfo> tasks_;
  std::map<std::string, std::set<std::string>> topics_;
};

}  // namespace tributary::connect
