// Runs a SourceTask: poll, transform (the connector's transform chain), convert, produce; every offset.flush.interval.ms (and when stopping) wait
// until the log has acknowledged everything produced, then write the source offsets those records
// carry, then tell the task (commit). So a crash loses nothing: at worst the records since the last
// offset commit are produced again.
#pragma once

#include <map>
#include <memory>
#include <set>

#include "client/producer.h"
#include "connect/api/source_task.h"
#include "connect/runtime/retry_operator.h"
#include "connect/runtime/task_runner.h"
#include "connect/transforms/transform_chain.h"

namespace tributary::connect {

class SourceTaskRunner : public TaskRunner {
 public:
  SourceTaskRunner(TaskSetup setup, std::unique_ptr<SourceTask> task)
      : TaskRunner(std::move(setup)), task_(std::move(task)) {}

 private:
  void run() override;
  // Transforms and sends one record; false when the task must stop (failure recorded).
  bool send(SourceRecord record, TaskConverters& converters, client::Producer& producer);
  // A record that failed at `stage`: fails the task (false) or, when tolerated, is skipped.
  bool skip_failed(const SourceRecord& record, const char* stage, const Status& why);
  // Flush, then offsets, then task->commit(); false when the flush or the offset write failed.
  bool commit_offsets(client::Producer& producer);

  std::unique_ptr<SourceTask> task_;
  std::unique_ptr<transforms::TransformChain> transforms_;
  std::map<std::string, PartitionOffset> pending_;  // by partition JSON text: newest offset not yet committed
  std::set<std::string> topics_seen_;
  bool tolerate_all_ = false;
  bool log_errors_ = false;
  std::unique_ptr<RetryOperator> retry_;  // errors.retry.timeout for poll, transforms and converters
};

}  // namespace tributary::connect
