// Group commit for acks=all: appends register here and are acknowledged only after an fdatasync
// that covers them. One flusher thread syncs every partition with waiting writers, then completes
// all of them, so producers that arrive during one sync share the next.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "broker/topic_manager.h"

namespace tributary::broker {

class GroupCommit {
 public:
  using Done = std::function<void(Status)>;

  GroupCommit() = default;
  ~GroupCommit() { stop(); }

  void start();
  void stop();

  // `done` runs on the flusher thread once `partition` is synced up to at least `end_offset`.
  void await_durable(std::shared_ptr<Partition> partition, int64_t end_offset, Done done);

  uint64_t sync_rounds() const { return rounds_; }

 private:
  struct Waiter {
    std::shared_ptr<Partition> partition;
    int64_t end_offset;
    Done done;
  };
  void run();

  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<Waiter> pending_;
  bool stopping_ = false;
  std::thread thread_;
  std::atomic<uint64_t> rounds_{0};
};

}  // namespace tributary::broker
