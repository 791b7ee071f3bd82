// Runs a SinkTask: a consumer in the group "connect-<connector>" reads the topics, records are
// converted, transformed (the connector's transform chain) and put; every offset.flush.interval.ms (and when stopping) the task flushes and only
// then are the consumed offsets committed. Records that fail conversion or a transform either fail the task
// (errors.tolerance=none) or are skipped and, when a dead letter queue is set, copied there with
// the __connect.errors.* context headers.
#pragma once

#include <map>
#include <memory>

#include "client/consumer.h"
#include "client/producer.h"
#include "connect/api/sink_task.h"
#include "connect/runtime/retry_operator.h"
#include "connect/runtime/task_runner.h"
#include "connect/transforms/transform_chain.h"

namespace tributary::connect {

class SinkTaskRunner : public TaskRunner {
 public:
  SinkTaskRunner(TaskSetup setup, std::unique_ptr<SinkTask> task)
      : TaskRunner(std::move(setup)), task_(std::move(task)) {}

 private:
  void run() override;
  // Converts and transforms one record; false when it is not to be put: filtered out, or failed
  // with the failure already handled (skipped, or task failed).
  bool convert(const client::ConsumedRecord& in, TaskConverters& converters, SinkRecord& out);
  // A record that failed at `stage`: fails the task, or is skipped (and dead-lettered). Returns false.
  bool reject(const client::ConsumedRecord& in, const char* stage, const Status& why);
  // Sends a failed record to the dead letter queue (when one is configured).
  void to_dead_letter_queue(const client::ConsumedRecord& in, const char* stage, const std::string& error);
  bool flush_and_commit(client::GroupConsumer& consumer);

  std::unique_ptr<SinkTask> task_;
  std::unique_ptr<transforms::TransformChain> transforms_;
  std::map<TopicPartitionKey, int64_t> next_offsets_;
  bool tolerate_all_ = false;
  bool log_errors_ = false;
  std::unique_ptr<RetryOperator> retry_;  // errors.retry.timeout for converters, transforms and put
  std::string dlq_topic_;
  bool dlq_headers_ = false;
  std::unique_ptr<client::Producer> dlq_producer_;
};

}  // namespace tributary::connect
