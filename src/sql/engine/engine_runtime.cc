// Per-query entry points for the server runtime, where every query reads through its own
// consumer group instead of one shared feed.
#include <algorithm>

#include "sql/engine/engine_internal.h"

namespace tributary::sql {

std::vector<Engine::QueryInfo> Engine::queries() const {
  std::vector<QueryInfo> out;
  for (const auto& q : impl_->queries) {
    if (!q->built) continue;  // a rebuild failed: the query is in ERROR and runs nowhere
    QueryInfo info;
    info.id = q->id;
    info.sink = q->sink;
    info.transient = q->transient;
    for (const auto& s : q->built->sources) {
      if (std::find(info.source_topics.begin(), info.source_topics.end(), s->topic()) == info.source_topics.end())
        info.source_topics.push_back(s->topic());
      for (const Column& c : s->source().schema.columns) {
        if (c.role == Column::Role::headers || c.role == Column::Role::header) info.reads_headers = true;
      }
    }
    info.stateful = !q->built->stores.empty();
    out.push_back(std::move(info));
  }
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

Status Engine::rebuild_query(const std::string& query_id, const std::function<Status()>& replace_state) {
  RunningQuery* q = impl_->find_query(query_id);
  if (!q) return Status::error(Errc::not_found, "no query " + query_id);
  // The old stores close first: what they still cache goes to the state before it is replaced.
  q->materialized = nullptr;
  q->built.reset();
  q->in_batch = false;
  Status replaced = replace_state();
  Status built = q->build(*q);
  if (!built.ok()) {
    q->state = "ERROR";
    q->error = built.message();
    return built;
  }
  return replaced;
}

std::optional<std::string> Engine::variable(const std::string& name) const {
  auto it = impl_->variables.find(name);
  if (it == impl_->variables.end()) return std::nullopt;
  return it->second;
}

}  // namespace tributary::sql
