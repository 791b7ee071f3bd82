// Per-query entry points for the server runtime, where every query reads through its own
// consumer group instead of one shared feed.
#include <algorithm>

#include "sql/engine/engine_internal.h"

namespace tributary::sql {

std::vector<Engine::QueryInfo> Engine::queries() const {
  std::vector<QueryInfo> out;
  // A query whose rebuild failed stays listed: its runner keeps its group membership and retries.
  for (const auto& q : impl_->queries) out.push_back(q->info);
  return out;
}

void Engine::process(const std::string& query_id, const KafkaRecord& record) {
  if (RunningQuery* q = impl_->find_query(query_id)) impl_->run(*q, record);
}

void Engine::begin_batch(const std::string& query_id) {
  if (RunningQuery* q = impl_->find_query(query_id)) q->in_batch = true;
}

void Engine::end_batch(const std::string& query_id) {
  RunningQuery* q = impl_->find_query(query_id);
  if (!q || !q->in_batch) return;
  impl_->flush(*q);
  q->in_batch = false;
}

Status Engine::rebuild_query(const std::string& query_id, const std::function<Status()>& replace_state,
                             const std::optional<std::vector<int32_t>>& tasks) {
  RunningQuery* q = impl_->find_query(query_id);
  if (!q) return Status::error(Errc::not_found, "no query " + query_id);
  // The old stores close first: what they still cache goes to the state before it is replaced.
  q->materialized = nullptr;
  q->built.reset();
  q->tasks.clear();
  q->in_batch = false;
  Status replaced = replace_state();
  q->as_tasks = tasks.has_value();
  Status built;
  if (!tasks) {
    built = impl_->build_whole(*q);
  } else if (replaced.ok()) {
    // Tasks whose state could not be made current get no instance: nothing reads or feeds them.
    for (int32_t p : *tasks) {
      auto instance = q->build(*q, task_state_id(q->id, p));
      if (!instance.ok()) {
        built = instance.status();
        break;
      }
      q->tasks.emplace(p, std::move(*instance));
    }
  }
  if (!built.ok()) {
    q->tasks.clear();
    q->state = "ERROR";
    q->error = built.message();
    return built;
  }
  return replaced;
}

int64_t Engine::next_query_number() const { return impl_->next_query_number; }

std::string Engine::task_state_id(const std::string& query_id, int32_t partition) {
  return query_id + "-task-" + std::to_string(partition);
}

std::optional<std::string> Engine::variable(const std::string& name) const {
  auto it = impl_->variables.find(name);
  if (it == impl_->variables.end()) return std::nullopt;
  return it->second;
}

}  // namespace tributary::sql
