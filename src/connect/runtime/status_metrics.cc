// StatusStore's /metrics collector, kept apart from the store's topic logic.
#include "connect/runtime/status_store.h"

namespace tributary::connect {
namespace {

// Every state a connector or task can be in: all are emitted, 1 for the current one (the
// kube-state-metrics style), so a dashboard can sum by state without knowing which exist.
const char* const kStates[] = {"UNASSIGNED", "RUNNING", "PAUSED", "STOPPED", "FAILED"};

}  // namespace

void StatusStore::register_metrics() {
  metrics_collector_ = metrics::registry().add_collector([this](metrics::CollectorSink& sink) { collect(sink); });
}

// Only the states this worker wrote: with several workers, each series comes from one of them.
void StatusStore::collect(metrics::CollectorSink& sink) const {
  std::lock_guard lock(mu_);
  for (const auto& [name, info] : connectors_) {
    if (info.worker_id != worker_id_) continue;
    for (const char* state : kStates)
      sink.gauge("tributary_connect_connector_state", "1 for the connector's current state, 0 for the others.",
                 {{"connector", name}, {"worker", worker_id_}, {"state", state}}, info.state == state ? 1 : 0);
  }
  for (const auto& [key, info] : tasks_) {
    if (info.worker_id != worker_id_) continue;
    for (const char* state : kStates)
      sink.gauge("tributary_connect_task_state", "1 for the task's current state, 0 for the others.",
                 {{"connector", key.first}, {"task", std::to_string(key.second)}, {"worker", worker_id_},
                  {"state", state}},
                 info.state == state ? 1 : 0);
  }
}

}  // namespace tributary::connect
