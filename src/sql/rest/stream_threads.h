// The threads that stream a topic to an HTTP client (PRINT): each runs until its stop flag is set
// (the client went away, or LIMIT) and is joined, at the latest when the owner is destroyed, which
// sets every flag first. So no reader outlives the SQL service that started it.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace tributary::sql {

class StreamThreads {
 public:
  StreamThreads() = default;
  StreamThreads(const StreamThreads&) = delete;
  StreamThreads& operator=(const StreamThreads&) = delete;
  ~StreamThreads() { stop_all(); }

  // Runs `body` on a new thread; `stop` is the flag it watches. Threads that have finished are
  // joined here, so a long-running server keeps only the live ones. After stop_all, nothing starts.
  void start(std::shared_ptr<std::atomic<bool>> stop, std::function<void()> body);
  // Sets every live thread's stop flag and joins them all.
  void stop_all();

 private:
  struct Entry {
    std::shared_ptr<std::atomic<bool>> stop;
    std::shared_ptr<std::atomic<bool>> finished;
    std::thread thread;
  };
  std::mutex mu_;
  std::vector<Entry> entries_;
  bool stopped_ = false;
};

}  // namespace tributary::sql
