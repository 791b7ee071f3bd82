#include "http/stream_writer.h"

#include <fmt/format.h>

namespace tributary::http {

bool StreamWriter::write(std::string_view chunk) {
  bool wake = false;
  bool abort_now = false;
  {
    std::lock_guard lock(mutex_);
    if (closed_ || close_requested_ || aborted_) return false;
    if (chunk.empty()) return true;  // an empty chunk would end the response
    if (pending_.size() + chunk.size() > max_buffered_) {
      aborted_ = abort_now = true;  // the client does not keep up: drop it rather than grow without bound
    } else {
      wake = pending_.empty();
      pending_ += fmt::format("{:x}\r\n", chunk.size());
      pending_.append(chunk);
      pending_ += "\r\n";
    }
  }
  if (wake || abort_now) wake_sink();
  return !abort_now;
}

void StreamWriter::close() {
  {
    std::lock_guard lock(mutex_);
    if (closed_ || close_requested_) return;
    close_requested_ = true;
  }
  wake_sink();
}

bool StreamWriter::is_open() const {
  std::lock_guard lock(mutex_);
  return !closed_ && !close_requested_ && !aborted_;
}

size_t StreamWriter::buffered_bytes() const {
  std::lock_guard lock(mutex_);
  return pending_.size();
}

void StreamWriter::on_close(std::function<void()> callback) {
  {
    std::lock_guard lock(mutex_);
    if (!closed_) {
      callbacks_.push_back(std::move(callback));
      return;
    }
  }
  callback();
}

void StreamWriter::attach(std::weak_ptr<StreamSink> sink) {
  {
    std::lock_guard lock(mutex_);
    sink_ = std::move(sink);
  }
  wake_sink();  // whatever was written before the connection was ready
}

StreamWriter::Pending StreamWriter::take() {
  std::lock_guard lock(mutex_);
  Pending p;
  if (closed_ || last_taken_) return p;
  if (aborted_) {
    p.abort = true;
    pending_.clear();
    return p;
  }
  p.bytes.swap(pending_);
  if (close_requested_) {
    p.bytes += "0\r\n\r\n";
    p.last = true;
    last_taken_ = true;
  }
  return p;
}

void StreamWriter::mark_closed() {
  std::vector<std::function<void()>> callbacks;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    closed_ = true;
    pending_.clear();
    callbacks.swap(callbacks_);
  }
  for (auto& callback : callbacks) callback();
}

void StreamWriter::wake_sink() {
  std::shared_ptr<StreamSink> sink;
  {
    std::lock_guard lock(mutex_);
    sink = sink_.lock();
  }
  if (sink) sink->wake();
}

}  // namespace tributary::http
