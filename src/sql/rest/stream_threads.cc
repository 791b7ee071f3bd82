#include "sql/rest/stream_threads.h"

#include "common/thread_name.h"

namespace tributary::sql {

void StreamThreads::start(std::shared_ptr<std::atomic<bool>> stop, std::function<void()> body) {
  std::lock_guard lock(mu_);
  if (stopped_) return;
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->finished->load()) {
      it->thread.join();
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  auto finished = std::make_shared<std::atomic<bool>>(false);
  std::thread thread([body = std::move(body), finished] {
    name_this_thread("sql-stream");
    body();
    *finished = true;
  });
  entries_.push_back(Entry{std::move(stop), std::move(finished), std::move(thread)});
}

void StreamThreads::stop_all() {
  std::vector<Entry> entries;
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
    entries.swap(entries_);
  }
  for (auto& e : entries) *e.stop = true;
  for (auto& e : entries) e.thread.join();
}

}  // namespace tributary::sql
