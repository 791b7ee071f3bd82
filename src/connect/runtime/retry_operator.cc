#include "connect/runtime/retry_operator.h"

#include <algorithm>
#include <thread>

#include "common/logging.h"

namespace tributary::connect {
namespace {

int64_t long_or(const Config& c, const std::string& key, int64_t fallback) {
  auto it = c.find(key);
  if (it == c.end() || it->second.empty()) return fallback;
  try {
    return std::stoll(it->second);
  } catch (...) {
    return fallback;
  }
}

}  // namespace

bool is_retriable(const Status& status) {
  return status.code() == Errc::io_error || status.code() == Errc::timed_out;
}

RetrySleep sleep_unless(std::function<bool()> stopping) {
  return [stopping = std::move(stopping)](std::chrono::milliseconds delay) {
    auto end = std::chrono::steady_clock::now() + delay;
    while (!stopping() && std::chrono::steady_clock::now() < end)
      std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(delay, std::chrono::milliseconds(50)));
    return !stopping();
  };
}

RetrySettings RetrySettings::from(const Config& c) {
  RetrySettings s;
  s.timeout_ms = long_or(c, "errors.retry.timeout", 0);
  s.max_delay_ms = std::max<int64_t>(0, long_or(c, "errors.retry.delay.max.ms", 60000));
  auto log = c.find("errors.log.enable");
  s.log = log != c.end() && log->second == "true";
  return s;
}

RetryOperator::RetryOperator(RetrySettings settings, std::string what, Sleep sleep, Now now)
    : settings_(settings), what_(std::move(what)), sleep_(std::move(sleep)), now_(std::move(now)) {}

int64_t RetryOperator::delay_ms(int attempt) const {
  int shift = std::min(attempt - 1, 30);
  return std::min(kFirstDelayMs << shift, settings_.max_delay_ms);
}

Status RetryOperator::retry(const char* stage, Status failure, const std::function<Status()>& op) {
  // Kafka Connect measures errors.retry.timeout from the first failure.
  const bool forever = settings_.timeout_ms < 0;
  const auto deadline = now_() + std::chrono::milliseconds(std::max<int64_t>(0, settings_.timeout_ms));
  Status s = std::move(failure);
  for (;;) {
    bool retriable = is_retriable(s);
    int64_t wait = delay_ms(attempts_);
    if (!forever) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now_()).count();
      if (left <= 0) retriable = false;
      wait = std::min(wait, left);
    }
    if (settings_.log && (retriable || attempts_ > 1))
      component_logger("connect")->warn("operation_failed {} stage={} attempt={} retriable={} error=\"{}\"", what_,
                                        stage, attempts_, retriable, s.message());
    if (!retriable || !sleep_(std::chrono::milliseconds(wait))) return s;
    ++attempts_;
    s = op();
    if (s.ok()) return s;
  }
}

}  // namespace tributary::connect
