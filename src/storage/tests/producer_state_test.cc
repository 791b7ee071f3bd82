// Idempotent-producer checks on append: sequences, duplicates, gaps, epochs, wrap-around, expiry.
#include "storage/producer_state.h"

#include <gtest/gtest.h>

#include "storage/partition_log.h"
#include "storage/tests/producer_batches.h"
#include "storage/tests/test_batches.h"

namespace tributary::storage {
namespace {

using testing::append_bytes;
using testing::concat;
using testing::producer_batch;
using testing::producer_header;
using testing::TempDir;

std::unique_ptr<PartitionLog> open_log(const std::filesystem::path& dir, const LogConfig& config = {}) {
  auto log = PartitionLog::open(dir, config);
  EXPECT_TRUE(log.ok()) << log.status().to_string();
  return log.ok() ? std::move(log.value()) : nullptr;
}

Errc append_error(PartitionLog& log, Bytes batch) {
  auto r = append_bytes(log, std::move(batch), 1000);
  return r.ok() ? Errc::ok : r.status().code();
}

TEST(ProducerState, ConsecutiveSequencesAreAccepted) {
  TempDir dir;
  auto log = open_log(dir.path());
  int32_t seq = 0;
  for (int i = 0; i < 10; ++i) {
    auto r = append_bytes(*log, producer_batch(7, 0, seq, 3), 1000);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_FALSE(r->duplicate);
    EXPECT_EQ(r->base_offset, i * 3);
    seq += 3;
  }
  auto state = log->producer_state();
  ASSERT_EQ(state.size(), 1u);
  EXPECT_EQ(state[7].epoch, 0);
  EXPECT_EQ(state[7].batches.size(), kMaxRememberedBatches);
  EXPECT_EQ(state[7].batches.back(), (ProducerBatch{27, 29, 27, 29}));
}

TEST(ProducerState, RetryOfAnyOfTheLastFiveReturnsTheOriginalOffsets) {
  TempDir dir;
  auto log = open_log(dir.path());
  ASSERT_TRUE(append_bytes(*log, testing::make_simple_batch(4, 1000), 1000).ok());  // offsets 0-3, no producer
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(append_bytes(*log, producer_batch(7, 0, i * 2, 2), 1000).ok());
  const int64_t end = log->log_end_offset();
  for (int i = 1; i < 6; ++i) {
    auto r = append_bytes(*log, producer_batch(7, 0, i * 2, 2), 1000);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_TRUE(r->duplicate);
    EXPECT_EQ(r->base_offset, 4 + i * 2);
    EXPECT_EQ(r->last_offset, 4 + i * 2 + 1);
  }
  EXPECT_EQ(log->log_end_offset(), end);  // nothing appended
  // The sixth-newest is no longer remembered: Kafka answers it as out of order.
  EXPECT_EQ(append_error(*log, producer_batch(7, 0, 0, 2)), Errc::out_of_order_sequence);
  // Same first sequence, different length: not the same batch.
  EXPECT_EQ(append_error(*log, producer_batch(7, 0, 10, 1)), Errc::out_of_order_sequence);
}

TEST(ProducerState, GapIsOutOfOrderAndNothingIsAppended) {
  TempDir dir;
  auto log = open_log(dir.path());
  ASSERT_TRUE(append_bytes(*log, producer_batch(7, 0, 0, 5), 1000).ok());
  EXPECT_EQ(append_error(*log, producer_batch(7, 0, 6, 1)), Errc::out_of_order_sequence);
  EXPECT_EQ(append_error(*log, producer_batch(7, 0, 4, 2)), Errc::out_of_order_sequence);  // overlaps
  EXPECT_EQ(log->log_end_offset(), 5);
  EXPECT_TRUE(append_bytes(*log, producer_batch(7, 0, 5, 1), 1000).ok());
}

TEST(ProducerState, UnknownProducerMustStartAtZero) {
  TempDir dir;
  auto log = open_log(dir.path());
  EXPECT_EQ(append_error(*log, producer_batch(9, 0, 3)), Errc::unknown_producer_id);
  EXPECT_EQ(append_error(*log, producer_batch(9, 0, 0)), Errc::ok);
  EXPECT_EQ(append_error(*log, producer_batch(10, 4, 0)), Errc::ok);  // any epoch
}

TEST(ProducerState, EpochBumpFencesTheOldEpoch) {
  TempDir dir;
  auto log = open_log(dir.path());
  ASSERT_EQ(append_error(*log, producer_batch(7, 0, 0, 3)), Errc::ok);
  EXPECT_EQ(append_error(*log, producer_batch(7, 1, 3)), Errc::out_of_order_sequence);  // new epoch must restart
  ASSERT_EQ(append_error(*log, producer_batch(7, 1, 0)), Errc::ok);
  EXPECT_EQ(append_error(*log, producer_batch(7, 0, 3)), Errc::invalid_producer_epoch);
  EXPECT_EQ(append_error(*log, producer_batch(7, 0, 0, 3)), Errc::invalid_producer_epoch);  // old duplicate too
  EXPECT_EQ(append_error(*log, producer_batch(7, 1, 1)), Errc::ok);
  auto state = log->producer_state();
  EXPECT_EQ(state[7].epoch, 1);
  EXPECT_EQ(state[7].batches.size(), 2u);
}

TEST(ProducerState, NonIdempotentBatchesAreNotChecked) {
  TempDir dir;
  auto log = open_log(dir.path());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(append_error(*log, producer_batch(-1, -1, -1)), Errc::ok);
  EXPECT_TRUE(log->producer_state().empty());
  EXPECT_EQ(append_error(*log, producer_batch(7, 0, -1)), Errc::invalid_argument);  // id without sequence
}

TEST(ProducerState, SeveralBatchesInOneRequestAreCheckedInOrderAllOrNothing) {
  TempDir dir;
  auto log = open_log(dir.path());
  auto r = append_bytes(*log, concat({producer_batch(7, 0, 0, 2), producer_batch(7, 0, 2, 2)}), 1000);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->last_offset, 3);
  EXPECT_EQ(append_error(*log, concat({producer_batch(7, 0, 4, 1), producer_batch(7, 0, 9, 1)})),
            Errc::out_of_order_sequence);
  EXPECT_EQ(log->log_end_offset(), 4);
  // A retry of the whole request is a duplicate spanning both batches.
  r = append_bytes(*log, concat({producer_batch(7, 0, 0, 2), producer_batch(7, 0, 2, 2)}), 1000);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->duplicate);
  EXPECT_EQ(r->base_offset, 0);
  EXPECT_EQ(r->last_offset, 3);
  // Half retry, half new: refused rather than half written.
  EXPECT_EQ(append_error(*log, concat({producer_batch(7, 0, 2, 2), producer_batch(7, 0, 4, 1)})),
            Errc::invalid_argument);
}

TEST(ProducerState, SequenceWrapsFromInt32MaxToZero) {
  ProducerStateTable table;
  table.apply(producer_header(7, 0, INT32_MAX - 4, 3, 0).header);  // last = INT32_MAX - 2
  std::vector<protocol::BatchInfo> next{producer_header(7, 0, INT32_MAX - 1, 4, 3)};  // spans the wrap
  ASSERT_TRUE(table.check(next).ok());
  EXPECT_EQ(batch_last_sequence(next[0].header), 1);
  table.apply(next[0].header);
  EXPECT_TRUE(table.check(std::vector{producer_header(7, 0, 2, 1)}).ok());
  EXPECT_EQ(table.check(std::vector{producer_header(7, 0, 0, 1)}).status().code(), Errc::out_of_order_sequence);
  auto dup = table.check(next);
  ASSERT_TRUE(dup.ok());
  ASSERT_TRUE(dup->duplicate.has_value());
  EXPECT_EQ(dup->duplicate->first_offset, 3);
  EXPECT_EQ(next_sequence(INT32_MAX), 0);
}

TEST(ProducerState, ExpiryForgetsIdleProducers) {
  TempDir dir;
  LogConfig config;
  config.producer_id_expiration_ms = 10000;
  auto log = open_log(dir.path(), config);
  ASSERT_TRUE(append_bytes(*log, producer_batch(7, 0, 0, 1, /*timestamp=*/1000), 1000).ok());
  ASSERT_TRUE(append_bytes(*log, producer_batch(8, 0, 0, 1, /*timestamp=*/9000), 9000).ok());
  ASSERT_TRUE(log->maintain(10999).ok());
  EXPECT_EQ(log->producer_state().size(), 2u);
  ASSERT_TRUE(log->maintain(11000).ok());
  auto state = log->producer_state();
  EXPECT_EQ(state.size(), 1u);
  EXPECT_TRUE(state.count(8));
  EXPECT_EQ(append_error(*log, producer_batch(7, 0, 1)), Errc::unknown_producer_id);
}

TEST(ProducerState, DeleteRecordsForgetsProducersWhollyBelowTheLogStart) {
  TempDir dir;
  auto log = open_log(dir.path());
  ASSERT_TRUE(append_bytes(*log, producer_batch(7, 0, 0, 2), 1000).ok());
  ASSERT_TRUE(append_bytes(*log, producer_batch(8, 0, 0, 2), 1000).ok());
  ASSERT_TRUE(log->delete_records_before(3).ok());
  auto state = log->producer_state();
  EXPECT_EQ(state.size(), 1u);
  EXPECT_TRUE(state.count(8));
}

}  // namespace
}  // namespace tributary::storage
