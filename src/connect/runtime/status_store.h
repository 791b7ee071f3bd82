// Connector and task states (UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED with a trace) and the
// topics each connector has used, kept in memory for REST and written to the status topic in Kafka
// Connect's layout ("status-connector-<name>", "status-task-<name>-<id>", "topic-<topic>-<name>").
//
// Every worker follows the status topic (poll() on its herder thread), so a connector's status is right
// whichever worker is asked: states another worker wrote replace ours, and ours (written here as they
// happen) are never replaced by an older copy read back from the topic.
//
// Threads: safe from any thread; task threads report their own state here.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "common/metrics.h"
#include "connect/runtime/topic_store.h"
#include "connect/runtime/topic_tail.h"
#include "connect/runtime/topic_tail.h"

namespace tributary::connect {

struct StateInfo {
  std::string state = "UNASSIGNED";
  std::string trace;  // why it FAILED; empty otherwise
  std::string worker_id;
};

class StatusStore {
 public:
  StatusStore(std::unique_ptr<TopicStore> topic, std::unique_ptr<TopicTail> tail, std::string worker_id)
      : topic_(std::move(topic)), tail_(std::move(tail)), worker_id_(std::move(worker_id)) {
    register_metrics();
  }

  // Reads every state and the topics each connector used back from the status topic.
  Status load();
  // Applies what other workers wrote since (waits at most timeout_ms); herder thread only.
  Status poll(int timeout_ms);

  void put_connector(const std::string& connector, const std::string& state, const std::string& trace = "");
  void put_task(const std::string& connector, int task, const std::string& state, const std::string& trace = "");
  std::optional<StateInfo> connector(const std::string& connector) const;
  std::optional<StateInfo> task(const std::string& connector, int task) const;
  // Forgets a connector's states (and task ids >= `from_task` when given).
  void remove(const std::string& connector);
  void remove_tasks(const std::string& connector, int from_task);
  // Forgets a deleted connector's states here only (the worker that deleted it writes the tombstones).
  void forget(const std::string& connector);

  void add_topic(const std::string& connector, const std::string& topic);
  std::set<std::string> topics(const std::string& connector) const;
  void reset_topics(const std::string& connector);

  const std::string& worker_id() const { return worker_id_; }

 private:
  void write(const std::string& key, const std::optional<std::string>& value);
  // A record read from the topic; `initial` while loading (our own earlier states count then). Under mu_.
  void apply(const std::string& key, const std::optional<std::string>& value, bool initial);
  // tributary_connect_{connector,task}_state for /metrics: the states this worker wrote.
  void register_metrics();
  void collect(metrics::CollectorSink& sink) const;

  std::unique_ptr<TopicStore> topic_;
  std::unique_ptr<TopicTail> tail_;
  std::string worker_id_;
  mutable std::mutex mu_;
  std::map<std::string, StateInfo> connectors_;
  std::map<std::pair<std::string, int>, StateInfo> tasks_;
  std::map<std::string, std::set<std::string>> topics_;
  metrics::CollectorHandle metrics_collector_;  // last: unregistered before the maps above go away
};

}  // namespace tributary::connect
