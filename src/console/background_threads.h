// The console's long-running request threads (live tails, streamed SQL proxying): each runs until its
// client goes away or the console stops; stop_all() asks every one to end and joins them, so nothing
// outlives the server.
#pragma once

#include <atomic>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <thread>

namespace tributary::console {

class BackgroundThreads {
 public:
  ~BackgroundThreads() { stop_all(); }

  // Runs `body(stopping)` on a new thread; `stopping` turns true when the console stops. False (and
  // nothing runs) once stop_all() has begun.
  bool spawn(std::function<void(const std::atomic<bool>& stopping)> body);
  void stop_all();
  size_t running() const;

 private:
  struct Entry {
    std::thread thread;
    std::atomic<bool> done{false};
  };
  void reap_locked();  // joins threads that have finished

  mutable std::mutex mu_;
  std::atomic<bool> stopping_{false};
  std::list<std::unique_ptr<Entry>> entries_;
};

}  // namespace tributary::console
