// A running task: its own thread, the converters, and the client it moves records with. The worker
// starts and stops runners; a runner reports its state to the StatusStore itself.
//
// Threads: start() and stop() are called by the worker's control thread; everything else happens on
// the runner's thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "client/kafka_handle.h"
#include "connect/api/config_def.h"
#include "connect/runtime/converter.h"
#include "connect/runtime/offset_store.h"
#include "connect/runtime/status_store.h"
#include "connect/runtime/task_metrics.h"

namespace tributary::connect {

struct TaskSetup {
  std::string connector;
  int task_id = 0;
  Config connector_config;
  Config task_config;
  std::string bootstrap_servers;
  client::Properties client_props;
  Config worker_config;  // for the worker-level key.converter / value.converter defaults
  int64_t offset_flush_interval_ms = 60000;
  StatusStore* status = nullptr;
  OffsetStore* offsets = nullptr;
};

// The task's key and value converters: the connector's own when it names a class, else the worker's.
struct TaskConverters {
  std::unique_ptr<Converter> key;
  std::unique_ptr<Converter> value;
};
Result<TaskConverters> make_task_converters(const TaskSetup& setup);

class TaskRunner {
 public:
  explicit TaskRunner(TaskSetup setup)
      : setup_(std::move(setup)), metrics_(TaskMetrics::for_task(setup_.connector, setup_.task_id)) {}
  virtual ~TaskRunner();
  void start();
  // Asks the task to finish, waits for its thread (the task commits what it has on the way out).
  void stop();
  int id() const { return setup_.task_id; }
  bool failed() const { return failed_; }

 protected:
  virtual void run() = 0;
  // Records the failure in the status (FAILED with the trace); the thread then ends.
  void fail(const std::string& trace);
  bool stopping() const { return stopping_; }

  TaskSetup setup_;
  TaskMetrics metrics_;

 private:
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> failed_{false};
};

}  // namespace tributary::connect
