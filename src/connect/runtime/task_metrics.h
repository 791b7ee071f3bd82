// A task's Prometheus counters (common/metrics.h), looked up once when its runner is built so the
// record loop only does atomic adds. Labelled {connector, task}; kept after the task stops (counters
// only grow; a restarted task with the same id continues them).
#pragma once

#include <memory>
#include <string>

#include "common/metrics.h"

namespace tributary::connect {

struct TaskMetrics {
  std::shared_ptr<metrics::Counter> polled;        // source: returned by poll(); sink: consumed from Kafka
  std::shared_ptr<metrics::Counter> written;       // source: handed to the producer; sink: passed to put()
  std::shared_ptr<metrics::Counter> errors;        // records skipped or rejected, plus task failures
  std::shared_ptr<metrics::Counter> dead_letters;  // records sent to the dead letter queue

  static TaskMetrics for_task(const std::string& connector, int task);
};

}  // namespace tributary::connect
