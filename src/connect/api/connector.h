// The connector side of the plugin API: a connector reads its configuration, splits the work into
// task configurations, and is started and stopped by the runtime. It moves no data itself; its tasks
// do (source_task.h, sink_task.h). A new connector is one folder under src/connect/connectors/ that
// implements these interfaces and describes itself with a ConnectorPlugin.
//
// Threads: every Connector method is called on the worker's control thread (the thread that handles
// the REST request or the startup), never concurrently with another method of the same instance. A
// connector with its own thread (e.g. one that watches for new input) must guard what task_configs()
// reads, and may ask for new task configs through ConnectorContext from that thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "connect/api/config_def.h"

namespace tributary::connect {

class SourceTask;
class SinkTask;

enum class ConnectorType { source, sink };
const char* connector_type_name(ConnectorType type);  // "source" / "sink"

// What the runtime offers a running connector (Kafka Connect's ConnectorContext).
class ConnectorContext {
 public:
  virtual ~ConnectorContext() = default;
  // Asks the runtime to call task_configs() again and, if they changed, restart the tasks with the
  // new ones (e.g. the connector found new input). Callable from any thread, also the connector's
  // own, until stop() returns; it only queues the request, so it never blocks on the runtime.
  virtual void request_task_reconfiguration() = 0;
};

class Connector {
 public:
  virtual ~Connector() = default;
  // Called by the runtime before start(); the context outlives the instance. Connectors that never
  // change their task configs by themselves can ignore it.
  void initialize(ConnectorContext* context) { context_ = context; }
  // The keys this connector understands (the runtime adds its common keys: name, tasks.max, ...).
  virtual const ConfigDef& config_def() const = 0;
  // Checks across keys that one key's definition cannot express; messages name the key. Called
  // with a configuration that already passed config_def().
  virtual std::vector<std::pair<std::string, std::string>> validate_more(const Config&) const { return {}; }
  // The configuration has been validated. An error puts the connector in FAILED with the message.
  virtual Status start(const Config& config) = 0;
  // Up to max_tasks task configurations; each becomes one task instance with that config.
  virtual std::vector<Config> task_configs(int max_tasks) = 0;
  virtual void stop() = 0;

 protected:
  ConnectorContext* context() const { return context_; }  // null when the runtime gave none

 private:
  ConnectorContext* context_ = nullptr;
};

class SourceConnector : public Connector {
 public:
  virtual std::unique_ptr<SourceTask> create_task() = 0;
};

class SinkConnector : public Connector {
 public:
  virtual std::unique_ptr<SinkTask> create_task() = 0;
};

// How the runtime finds a connector by the class name in `connector.class`.
struct ConnectorPlugin {
  std::string class_name;            // Kafka Connect's / Confluent's full class name
  std::vector<std::string> aliases;  // short names also accepted ("FileStreamSource")
  ConnectorType type = ConnectorType::source;
  std::string version;
  std::function<std::unique_ptr<Connector>()> create;
  // The connector's own keys, without instantiating it (validate endpoint, docs).
  std::function<const ConfigDef&()> config_def;
};

}  // namespace tributary::connect
