// errors.retry.timeout / errors.retry.delay.max.ms as Kafka Connect defines them: an operation that
// fails with a retriable error is tried again after 300 ms, then twice as long each time (at most
// errors.retry.delay.max.ms), until it succeeds, fails for good, or errors.retry.timeout has passed
// since the first failure (0: no retries, -1: forever). Only then do the errors.tolerance rules (or,
// for a connector's poll/put, failing the task) apply. errors.log.enable logs every failed attempt.
//
// Retriable: Errc::io_error and Errc::timed_out (a connection lost, a service busy or unavailable);
// anything else (bad data, a rejected request) fails at once.
//
// Threads: one operator per task runner, used on the runner's thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include "common/status.h"
#include "connect/api/config_def.h"

namespace tributary::connect {

using RetrySleep = std::function<bool(std::chrono::milliseconds)>;

bool is_retriable(const Status& status);

// Sleeps in short steps, so a stopping task does not wait out a long backoff.
RetrySleep sleep_unless(std::function<bool()> stopping);

struct RetrySettings {
  int64_t timeout_ms = 0;         // errors.retry.timeout
  int64_t max_delay_ms = 60000;   // errors.retry.delay.max.ms
  bool log = false;               // errors.log.enable
  static RetrySettings from(const Config& connector_config);
};

class RetryOperator {
 public:
  using Clock = std::chrono::steady_clock;
  // Waits `delay` unless the task is stopping: false when it should give up now.
  using Sleep = RetrySleep;
  using Now = std::function<Clock::time_point()>;

  static constexpr int64_t kFirstDelayMs = 300;

  // `what` names the task in log lines ("connector=x task=0").
  RetryOperator(RetrySettings settings, std::string what, Sleep sleep, Now now = Clock::now);

  // Runs `op` until it succeeds or its failure is final; returns its last Status. `stage` names the
  // operation in logs (KEY_CONVERTER, VALUE_CONVERTER, TRANSFORMATION, TASK_POLL, TASK_PUT).
  // Inline first attempt: the per-record path costs no allocation unless something fails.
  template <class Op>
  Status execute(const char* stage, Op&& op) {
    attempts_ = 1;
    Status first = op();
    if (first.ok()) return first;
    return retry(stage, std::move(first), std::function<Status()>(std::forward<Op>(op)));
  }

  // The pause before attempt `attempt` + 1 (attempt >= 1), before the cap by the time left.
  int64_t delay_ms(int attempt) const;
  int attempts() const { return attempts_; }  // of the current or last execute(), from 1
  // False when errors.retry.timeout is 0: callers then need not keep a copy to retry with.
  bool retries() const { return settings_.timeout_ms != 0; }

 private:
  // After the first attempt failed with `failure`.
  Status retry(const char* stage, Status failure, const std::function<Status()>& op);

  RetrySettings settings_;
  std::string what_;
  Sleep sleep_;
  Now now_;
  int attempts_ = 0;
};

}  // namespace tributary::connect
