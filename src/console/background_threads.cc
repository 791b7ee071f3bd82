#include "console/background_threads.h"

#include "common/thread_name.h"

namespace tributary::console {

bool BackgroundThreads::spawn(std::function<void(const std::atomic<bool>& stopping)> body) {
  std::lock_guard lock(mu_);
  if (stopping_) return false;
  reap_locked();
  auto entry = std::make_unique<Entry>();
  Entry* raw = entry.get();
  raw->thread = std::thread([this, raw, body = std::move(body)] {
    name_this_thread("console-task");
    body(stopping_);
    raw->done = true;
  });
  entries_.push_back(std::move(entry));
  return true;
}

void BackgroundThreads::stop_all() {
  std::list<std::unique_ptr<Entry>> entries;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    entries.swap(entries_);
  }
  for (auto& e : entries)
    if (e->thread.joinable()) e->thread.join();
}

size_t BackgroundThreads::running() const {
  std::lock_guard lock(mu_);
  size_t n = 0;
  for (const auto& e : entries_) n += e->done ? 0 : 1;
  return n;
}

void BackgroundThreads::reap_locked() {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if ((*it)->done) {
      (*it)->thread.join();
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace tributary::console
