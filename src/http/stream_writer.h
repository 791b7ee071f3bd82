// The producer's end of a chunked streaming response (push queries, log tails).
// Thread-safe: write() and close() may be called from any thread. The stream ends when the producer
// closes it, the client disconnects, the buffer overflows (a client that does not read) or the server
// stops; on_close callbacks then run once, on an I/O thread, so the producer can stop.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace tributary::http {

// What a StreamWriter drives: the connection, which drains the writer on its own executor.
class StreamSink {
 public:
  virtual ~StreamSink() = default;
  virtual void wake() = 0;  // there is data (or a close) to send; called with no lock held
};

class StreamWriter {
 public:
  static constexpr size_t kDefaultMaxBuffered = 16 * 1024 * 1024;

  explicit StreamWriter(size_t max_buffered = kDefaultMaxBuffered) : max_buffered_(max_buffered) {}

  // Queues one chunk; false once the stream is closed (stop producing). Empty chunks are ignored.
  // A write that would buffer more than max_buffered bytes aborts the stream.
  bool write(std::string_view chunk);
  // Ends the response after everything queued so far has been sent.
  void close();
  bool is_open() const;
  size_t buffered_bytes() const;
  // Runs `callback` once when the stream has ended (immediately if it already has).
  void on_close(std::function<void()> callback);

  // ---- connection side ----
  void attach(std::weak_ptr<StreamSink> sink);
  struct Pending {
    std::string bytes;  // chunk-framed, ready for the socket
    bool last = false;  // bytes end with the terminating chunk
    bool abort = false; // drop the connection without a terminating chunk
  };
  Pending take();
  // The stream is over (sent, failed or cancelled): fires the callbacks.
  void mark_closed();

 private:
  void wake_sink();

  const size_t max_buffered_;
  mutable std::mutex mutex_;
  std::string pending_;
  bool close_requested_ = false;
  bool last_taken_ = false;
  bool aborted_ = false;
  bool closed_ = false;
  std::weak_ptr<StreamSink> sink_;
  std::vector<std::function<void()>> callbacks_;
};

}  // namespace tributary::http
