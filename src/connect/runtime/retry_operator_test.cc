#include "connect/runtime/retry_operator.h"

#include <gtest/gtest.h>

#include <vector>

namespace tributary::connect {
namespace {

using namespace std::chrono;

// A clock that only moves when the operator sleeps.
struct FakeTime {
  RetryOperator::Clock::time_point now{};
  std::vector<int64_t> sleeps;
  bool stop_after_sleeps = false;
  size_t max_sleeps = 0;
  RetryOperator make(RetrySettings s) {
    return RetryOperator(
        s, "connector=c task=0",
        [this](milliseconds d) {
          sleeps.push_back(d.count());
          now += d;
          return !(stop_after_sleeps && sleeps.size() >= max_sleeps);
        },
        [this] { return now; });
  }
};

Status busy() { return Status::error(Errc::io_error, "ServiceUnavailable: try later"); }

TEST(RetryOperator, BacksOffExponentiallyUntilTheTimeout) {
  FakeTime t;
  auto op = t.make({.timeout_ms = 5000, .max_delay_ms = 60000});
  Status s = op.execute("TASK_POLL", [] { return busy(); });
  EXPECT_FALSE(s.ok());
  // 300, 600, 1200, 2400, then only the 500 ms left; then the deadline has passed.
  EXPECT_EQ(t.sleeps, (std::vector<int64_t>{300, 600, 1200, 2400, 500}));
  EXPECT_EQ(op.attempts(), 6);
}

TEST(RetryOperator, DelaysAreCappedByTheMaximum) {
  FakeTime t;
  auto op = t.make({.timeout_ms = 3000, .max_delay_ms = 1000});
  op.execute("TASK_PUT", [] { return busy(); });
  EXPECT_EQ(t.sleeps, (std::vector<int64_t>{300, 600, 1000, 1000, 100}));
}

TEST(RetryOperator, SucceedsOnceTheFailurePasses) {
  FakeTime t;
  auto op = t.make({.timeout_ms = 60000});
  int calls = 0;
  Status s = op.execute("TASK_POLL", [&] { return ++calls < 3 ? busy() : Status(); });
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(t.sleeps, (std::vector<int64_t>{300, 600}));
}

TEST(RetryOperator, ZeroMeansNoRetryAndNonRetriableFailsAtOnce) {
  FakeTime t;
  auto none = t.make({.timeout_ms = 0});
  EXPECT_FALSE(none.execute("TASK_POLL", [] { return busy(); }).ok());
  EXPECT_EQ(none.attempts(), 1);
  auto patient = t.make({.timeout_ms = -1});
  EXPECT_EQ(patient.execute("VALUE_CONVERTER", [] { return Status::error(Errc::corrupt, "not JSON"); }).code(),
            Errc::corrupt);
  EXPECT_EQ(patient.attempts(), 1);
  EXPECT_TRUE(t.sleeps.empty());
}

TEST(RetryOperator, ForeverRetriesUntilStopped) {
  FakeTime t;
  t.stop_after_sleeps = true;
  t.max_sleeps = 40;
  auto op = t.make({.timeout_ms = -1, .max_delay_ms = 2000});
  EXPECT_FALSE(op.execute("TASK_POLL", [] { return Status::error(Errc::timed_out, "slow"); }).ok());
  EXPECT_EQ(t.sleeps.size(), 40u);
  EXPECT_EQ(t.sleeps.back(), 2000);
}

TEST(RetryOperator, SettingsComeFromTheConnectorConfig) {
  auto s = RetrySettings::from({{"errors.retry.timeout", "-1"}, {"errors.retry.delay.max.ms", "500"},
                                {"errors.log.enable", "true"}});
  EXPECT_EQ(s.timeout_ms, -1);
  EXPECT_EQ(s.max_delay_ms, 500);
  EXPECT_TRUE(s.log);
  auto d = RetrySettings::from({});
  EXPECT_EQ(d.timeout_ms, 0);
  EXPECT_EQ(d.max_delay_ms, 60000);
  EXPECT_FALSE(d.log);
}

}  // namespace
}  // namespace tributary::connect
