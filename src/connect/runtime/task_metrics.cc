#include "connect/runtime/task_metrics.h"

namespace tributary::connect {

TaskMetrics TaskMetrics::for_task(const std::string& connector, int task) {
  auto& r = metrics::registry();
  static auto& polled = r.counter("tributary_connect_task_records_polled_total",
                                  "Records a source task returned from poll(), or a sink task consumed from Kafka.",
                                  {"connector", "task"});
  static auto& written = r.counter("tributary_connect_task_records_written_total",
                                   "Records a source task produced to Kafka, or a sink task passed to put().",
                                   {"connector", "task"});
  static auto& errors = r.counter("tributary_connect_task_errors_total",
                                  "Records that failed conversion or a transform (skipped or rejected), plus task "
                                  "failures.",
                                  {"connector", "task"});
  static auto& dead_letters = r.counter("tributary_connect_task_dead_letter_records_total",
                                        "Records a sink task sent to its dead letter queue topic.",
                                        {"connector", "task"});
  std::vector<std::string> labels{connector, std::to_string(task)};
  return {polled.child(labels), written.child(labels), errors.child(labels), dead_letters.child(labels)};
}

}  // namespace tributary::connect
