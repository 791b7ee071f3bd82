#include "broker/group_commit.h"

#include <algorithm>

#include "common/thread_name.h"

namespace tributary::broker {

void GroupCommit::start() {
  thread_ = std::thread([this] {
    name_this_thread("log-sync");
    run();
  });
}

void GroupCommit::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void GroupCommit::await_durable(std::shared_ptr<Partition> partition, int64_t end_offset, Done done) {
  if (partition->log().synced_end_offset() >= end_offset) {
    done(Status());
    return;
  }
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      pending_.push_back({std::move(partition), end_offset, std::move(done)});
      cv_.notify_one();
      return;
    }
  }
  done(Status::error(Errc::io_error, "broker is shutting down"));
}

void GroupCommit::run() {
  std::vector<Waiter> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
      if (pending_.empty() && stopping_) return;
      batch.swap(pending_);
    }
    // One fdatasync per distinct partition covers every writer waiting on it.
    std::vector<Partition*> partitions;
    for (auto& w : batch) partitions.push_back(w.partition.get());
    std::sort(partitions.begin(), partitions.end());
    partitions.erase(std::unique(partitions.begin(), partitions.end()), partitions.end());
    std::vector<std::pair<Partition*, Status>> results;
    for (Partition* p : partitions) results.emplace_back(p, p->log().sync());
    ++rounds_;
    for (auto& w : batch) {
      auto it = std::find_if(results.begin(), results.end(), [&](auto& r) { return r.first == w.partition.get(); });
      Status s = it->second;
      if (s.ok() && w.partition->log().synced_end_offset() < w.end_offset)
        s = Status::error(Errc::io_error, "partition was truncated before it was synced");
      w.done(s);
    }
    batch.clear();
  }
}

}  // namespace tributary::broker
