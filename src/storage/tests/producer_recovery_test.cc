// Producer state across reopen: rebuilt after a crash, snapshots used, damaged ones ignored,
// old ones pruned; and the snapshot format itself.
#include <gtest/gtest.h>

#include "storage/file_io.h"
#include "storage/partition_log.h"
#include "storage/producer_snapshot.h"
#include "storage/segment_files.h"
#include "storage/tests/producer_batches.h"
#include "storage/tests/test_batches.h"

namespace tributary::storage {
namespace {

using testing::append_bytes;
using testing::producer_batch;
using testing::TempDir;

std::unique_ptr<PartitionLog> open_log(const std::filesystem::path& dir, const LogConfig& config) {
  auto log = PartitionLog::open(dir, config);
  EXPECT_TRUE(log.ok()) << log.status().to_string();
  return log.ok() ? std::move(log.value()) : nullptr;
}

LogConfig small_segments() {
  LogConfig config;
  config.segment_bytes = 400;  // a few batches per segment, so appends roll (and snapshot) often
  config.index_interval_bytes = 100;
  return config;
}

// Three producers interleaved, one of them bumping its epoch half way.
void write_history(PartitionLog& log, int rounds) {
  int32_t seq[3] = {0, 0, 0};
  for (int i = 0; i < rounds; ++i) {
    for (int p = 0; p < 3; ++p) {
      int16_t epoch = (p == 2 && i >= rounds / 2) ? 1 : 0;
      if (p == 2 && i == rounds / 2) seq[p] = 0;
      auto r = append_bytes(log, producer_batch(100 + p, epoch, seq[p], 1 + p, 1000 + i), 1000 + i);
      ASSERT_TRUE(r.ok()) << r.status().to_string();
      seq[p] += 1 + p;
    }
  }
}

std::vector<int64_t> snapshots(const std::filesystem::path& dir) {
  auto list = list_producer_snapshots(dir);
  EXPECT_TRUE(list.ok());
  return list.ok() ? *list : std::vector<int64_t>{};
}

TEST(ProducerRecovery, UncleanReopenRebuildsTheSameState) {
  TempDir dir;
  ProducerMap before;
  {
    auto log = open_log(dir.path(), small_segments());
    write_history(*log, 20);
    ASSERT_GT(log->segment_count(), 3u);
    before = log->producer_state();
    ASSERT_TRUE(log->sync().ok());
    // Destroyed without close(): like kill -9.
  }
  auto log = open_log(dir.path(), small_segments());
  EXPECT_EQ(log->producer_state(), before);
  // The last batch of producer 101 is still recognised as a retry.
  const ProducerBatch& last = before[101].batches.back();
  auto r = append_bytes(*log, producer_batch(101, 0, last.first_seq, 2, 1019), 5000);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_TRUE(r->duplicate);
  EXPECT_EQ(r->base_offset, last.first_offset);
}

TEST(ProducerRecovery, RebuildWithoutAnySnapshotScansTheWholeLog) {
  TempDir dir;
  ProducerMap before;
  {
    auto log = open_log(dir.path(), small_segments());
    write_history(*log, 12);
    before = log->producer_state();
  }
  for (int64_t offset : snapshots(dir.path())) ASSERT_TRUE(remove_file(files::producer_snapshot_path(dir.path(), offset)).ok());
  auto log = open_log(dir.path(), small_segments());
  EXPECT_EQ(log->producer_state(), before);
}

TEST(ProducerRecovery, CleanCloseSnapshotIsUsedWithoutAScan) {
  TempDir dir;
  int64_t end = 0;
  {
    auto log = open_log(dir.path(), LogConfig{});
    write_history(*log, 4);
    end = log->log_end_offset();
    ASSERT_TRUE(log->close().ok());
  }
  auto on_disk = read_producer_snapshot(dir.path(), end);
  ASSERT_TRUE(on_disk.ok()) << on_disk.status().to_string();
  // Plant a producer that exists only in the snapshot: if the open scanned the log instead, it would vanish.
  ProducerMap planted = *on_disk;
  planted[555].epoch = 3;
  planted[555].last_timestamp = 1000;
  planted[555].batches.push_back({0, 0, 1, 1});
  ASSERT_TRUE(write_producer_snapshot(dir.path(), end, planted, true).ok());
  auto log = open_log(dir.path(), LogConfig{});
  EXPECT_EQ(log->producer_state(), planted);
}

TEST(ProducerRecovery, DamagedSnapshotFallsBackToAnOlderOneOrTheLog) {
  TempDir dir;
  ProducerMap before;
  int64_t end = 0;
  {
    auto log = open_log(dir.path(), small_segments());
    write_history(*log, 12);
    before = log->producer_state();
    end = log->log_end_offset();
    ASSERT_TRUE(log->close().ok());
  }
  auto path = files::producer_snapshot_path(dir.path(), end);
  auto file = File::open(path, File::Mode::read_write);
  ASSERT_TRUE(file.ok());
  const uint8_t garbage[] = {0xde, 0xad};
  ASSERT_TRUE(file->write_at(30, garbage).ok());
  auto log = open_log(dir.path(), small_segments());
  EXPECT_EQ(log->producer_state(), before);
  EXPECT_FALSE(file_exists(path));
}

TEST(ProducerRecovery, SnapshotBeyondTheRecoveredEndIsDiscarded) {
  TempDir dir;
  ProducerMap before;
  int64_t end = 0;
  {
    auto log = open_log(dir.path(), LogConfig{});
    write_history(*log, 4);
    before = log->producer_state();
    end = log->log_end_offset();
  }
  // As if the data a snapshot describes had been lost in a crash.
  ProducerMap bogus;
  bogus[999].epoch = 0;
  ASSERT_TRUE(write_producer_snapshot(dir.path(), end + 10, bogus, false).ok());
  auto log = open_log(dir.path(), LogConfig{});
  EXPECT_EQ(log->producer_state(), before);
  EXPECT_FALSE(file_exists(files::producer_snapshot_path(dir.path(), end + 10)));
}

TEST(ProducerRecovery, SnapshotsAreWrittenAtRollAndPruned) {
  TempDir dir;
  auto log = open_log(dir.path(), small_segments());
  write_history(*log, 20);
  auto list = snapshots(dir.path());
  ASSERT_EQ(list.size(), 3u);  // one per roll, only the newest three kept
  EXPECT_LE(list.back(), log->log_end_offset());
  int64_t start = list[1];
  ASSERT_TRUE(log->delete_records_before(start).ok());
  for (int64_t offset : snapshots(dir.path())) EXPECT_GE(offset, start);
  ProducerMap before = log->producer_state();
  ASSERT_TRUE(log->close().ok());
  auto reopened = open_log(dir.path(), small_segments());
  EXPECT_EQ(reopened->producer_state(), before);
}

TEST(ProducerSnapshot, RoundTripAndDamageDetection) {
  ProducerMap producers;
  producers[1].epoch = 2;
  producers[1].last_timestamp = 12345;
  producers[1].batches = {{0, 4, 10, 14}, {5, 5, 20, 20}};
  producers[1LL << 40].epoch = 0;
  Bytes data = encode_producer_snapshot(77, producers);
  auto decoded = decode_producer_snapshot(data, 77);
  ASSERT_TRUE(decoded.ok()) << decoded.status().to_string();
  EXPECT_EQ(*decoded, producers);
  EXPECT_EQ(decode_producer_snapshot(data, 78).status().code(), Errc::corrupt);
  for (size_t i = 0; i < data.size(); ++i) {
    Bytes damaged = data;
    damaged[i] ^= 0x01;
    EXPECT_EQ(decode_producer_snapshot(damaged, 77).status().code(), Errc::corrupt) << "byte " << i;
  }
  EXPECT_EQ(decode_producer_snapshot(std::span(data).first(data.size() - 1), 77).status().code(), Errc::corrupt);
}

}  // namespace
}  // namespace tributary::storage
