// Unclean shutdowns: torn tails, garbage, damaged indexes. Files are damaged through the same
// file layer the log uses.
#include <gtest/gtest.h>

#include "storage/file_io.h"
#include "storage/partition_log.h"
#include "storage/segment_files.h"
#include "storage/tests/test_batches.h"

namespace tributary::storage {
namespace {

using testing::make_simple_batch;
using testing::TempDir;
using testing::append_bytes;

std::unique_ptr<PartitionLog> open_log(const std::filesystem::path& dir, const LogConfig& config = {}) {
  auto log = PartitionLog::open(dir, config);
  EXPECT_TRUE(log.ok()) << log.status().to_string();
  return log.ok() ? std::move(log.value()) : nullptr;
}

void damage(const std::filesystem::path& path, int64_t offset, std::span<const uint8_t> bytes) {
  auto file = File::open(path, File::Mode::read_write);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE(file->write_at(offset, bytes).ok());
}

void truncate_file(const std::filesystem::path& path, int64_t size) {
  auto file = File::open(path, File::Mode::read_write);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE(file->truncate(size).ok());
}

int64_t size_of(const std::filesystem::path& path) { return static_cast<int64_t>(std::filesystem::file_size(path)); }

// Every offset in [0, end) reads back as a whole, valid batch.
void expect_readable(const PartitionLog& log) {
  for (int64_t offset = log.log_start_offset(); offset < log.log_end_offset(); ++offset) {
    auto r = log.read(offset, 1, true);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    auto infos = protocol::validate_batches(r->records);
    ASSERT_TRUE(infos.ok()) << infos.status().to_string();
    ASSERT_EQ(infos->size(), 1u);
    EXPECT_LE((*infos)[0].header.base_offset, offset);
    EXPECT_GE((*infos)[0].header.last_offset(), offset);
  }
}

TEST(Recovery, TornTailIsCutAtTheLastWholeBatch) {
  TempDir dir;
  LogConfig config;
  config.index_interval_bytes = 100;
  Bytes batch = make_simple_batch(2, 1000, "v", 30);
  const int64_t batch_size = static_cast<int64_t>(batch.size());
  {
    auto log = open_log(dir.path(), config);
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(append_bytes(*log, Bytes(batch), 1000).ok());
    ASSERT_TRUE(log->sync().ok());
    // Destroyed without close(): an unclean shutdown.
  }
  auto path = files::log_path(dir.path(), 0);
  ASSERT_EQ(size_of(path), 10 * batch_size);
  truncate_file(path, 9 * batch_size + batch_size / 2);  // half of the last batch made it
  Bytes garbage(37, 0xee);
  damage(path, size_of(path), garbage);

  auto log = open_log(dir.path(), config);
  EXPECT_EQ(log->log_end_offset(), 18);
  EXPECT_EQ(size_of(path), 9 * batch_size);
  expect_readable(*log);
  auto next = append_bytes(*log, Bytes(batch), 1000);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->base_offset, 18);
  expect_readable(*log);
}

TEST(Recovery, CorruptBatchInTheMiddleOfTheLastSegment) {
  TempDir dir;
  Bytes batch = make_simple_batch(2, 1000, "v", 30);
  const int64_t batch_size = static_cast<int64_t>(batch.size());
  {
    auto log = open_log(dir.path());
    for (int i = 0; i < 6; ++i) ASSERT_TRUE(append_bytes(*log, Bytes(batch), 1000).ok());
  }
  uint8_t flip[] = {0x42};
  damage(files::log_path(dir.path(), 0), 3 * batch_size + 70, flip);  // inside batch 3's records
  auto log = open_log(dir.path());
  EXPECT_EQ(log->log_end_offset(), 6);  // batches 0..2 survive
  expect_readable(*log);
}

TEST(Recovery, UncleanReopenWithRolledSegments) {
  TempDir dir;
  LogConfig config;
  config.segment_bytes = 600;
  Bytes batch = make_simple_batch(2, 1000, "v", 30);
  {
    auto log = open_log(dir.path(), config);
    for (int i = 0; i < 25; ++i) ASSERT_TRUE(append_bytes(*log, Bytes(batch), 1000).ok());
    ASSERT_TRUE(log->sync().ok());
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(append_bytes(*log, Bytes(batch), 1000).ok());
  }
  auto log = open_log(dir.path(), config);
  EXPECT_EQ(log->log_end_offset(), 56);
  EXPECT_GT(log->segment_count(), 3u);
  expect_readable(*log);
}

TEST(Recovery, DamagedIndexIsRebuilt) {
  TempDir dir;
  LogConfig config;
  config.segment_bytes = 800;
  config.index_interval_bytes = 100;
  {
    auto log = open_log(dir.path(), config);
    for (int i = 0; i < 30; ++i) ASSERT_TRUE(append_bytes(*log, make_simple_batch(2, 1000 + i, "v", 30), 1000).ok());
    ASSERT_TRUE(log->close().ok());
  }
  // Corrupt an entry of the first segment's index and delete the second's time index.
  auto index = files::offset_index_path(dir.path(), 0);
  ASSERT_GT(size_of(index), 40);
  uint8_t junk[] = {0xff, 0xff, 0xff, 0x7f};
  damage(index, 36, junk);
  auto log_files = std::vector<std::filesystem::path>();
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) log_files.push_back(e.path());
  std::sort(log_files.begin(), log_files.end());
  int64_t second_base = -1;
  for (const auto& p : log_files) {
    auto base = files::parse_log_file_name(p.filename().string());
    if (base && *base > 0) {
      second_base = *base;
      break;
    }
  }
  ASSERT_GT(second_base, 0);
  std::filesystem::remove(files::time_index_path(dir.path(), second_base));

  auto log = open_log(dir.path(), config);
  EXPECT_EQ(log->log_end_offset(), 60);
  expect_readable(*log);
  auto ts = log->offset_for_timestamp(1020);
  ASSERT_TRUE(ts.ok());
  EXPECT_EQ(ts->offset, 40);
  // The rebuilt index files are valid again after the next clean close.
  ASSERT_TRUE(log->close().ok());
  log = open_log(dir.path(), config);
  expect_readable(*log);
}

TEST(Recovery, StaleIndexAfterCleanCloseThenCrash) {
  TempDir dir;
  Bytes batch = make_simple_batch(2, 1000, "v", 30);
  {
    auto log = open_log(dir.path());
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(append_bytes(*log, Bytes(batch), 1000).ok());
    ASSERT_TRUE(log->close().ok());
  }
  {
    auto log = open_log(dir.path());
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(append_bytes(*log, Bytes(batch), 1000).ok());
    // crash: the index files on disk still describe 3 batches, and the marker is gone
  }
  auto log = open_log(dir.path());
  EXPECT_EQ(log->log_end_offset(), 12);
  expect_readable(*log);
}

TEST(Recovery, LeftoverTemporaryFilesAreRemoved) {
  TempDir dir;
  {
    auto log = open_log(dir.path());
    ASSERT_TRUE(append_bytes(*log, make_simple_batch(1, 1000), 1000).ok());
    ASSERT_TRUE(log->close().ok());
  }
  for (const char* name : {"00000000000000000000.log.cleaned", "00000000000000000000.index.tmp",
                           "00000000000000000099.log.deleted"}) {
    auto f = File::open(dir.path() / name, File::Mode::create_read_write);
    ASSERT_TRUE(f.ok());
  }
  auto log = open_log(dir.path());
  EXPECT_EQ(log->log_end_offset(), 1);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "00000000000000000000.log.cleaned"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "00000000000000000000.index.tmp"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "00000000000000000099.log.deleted"));
}

TEST(Recovery, DamageInAnUnsyncedRolledSegmentDropsLaterSegments) {
  TempDir dir;
  LogConfig config;
  config.segment_bytes = 600;
  Bytes batch = make_simple_batch(2, 1000, "v", 30);
  const int64_t batch_size = static_cast<int64_t>(batch.size());
  {
    auto log = open_log(dir.path(), config);
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(append_bytes(*log, batch, 1000).ok());
    ASSERT_GT(log->segment_count(), 3u);
    // Never synced: rolled segments have no index files, so all of them are re-verified.
  }
  EXPECT_FALSE(std::filesystem::exists(files::offset_index_path(dir.path(), 0)));
  uint8_t flip[] = {0x99};
  damage(files::log_path(dir.path(), 0), batch_size + 70, flip);  // second batch of segment 0
  auto log = open_log(dir.path(), config);
  EXPECT_EQ(log->log_end_offset(), 2);
  EXPECT_EQ(log->segment_count(), 1u);
  expect_readable(*log);
  auto next = append_bytes(*log, batch, 1000);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->base_offset, 2);
}

TEST(Recovery, CorruptLogStartCheckpointFallsBack) {
  TempDir dir;
  {
    auto log = open_log(dir.path());
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(append_bytes(*log, make_simple_batch(2, 1000), 1000).ok());
    ASSERT_TRUE(log->delete_records_before(3).ok());
    ASSERT_TRUE(log->close().ok());
  }
  {
    auto log = open_log(dir.path());
    EXPECT_EQ(log->log_start_offset(), 3);
    ASSERT_TRUE(log->close().ok());
  }
  uint8_t junk[] = {0x00};
  damage(dir.path() / files::kLogStartCheckpoint, 15, junk);
  auto log = open_log(dir.path());
  EXPECT_EQ(log->log_start_offset(), 0);  // the first segment's base
  EXPECT_EQ(log->log_end_offset(), 8);
}

TEST(Recovery, OffsetsOutOfSegmentRangeAreCut) {
  TempDir dir;
  {
    auto log = open_log(dir.path());
    ASSERT_TRUE(append_bytes(*log, make_simple_batch(2, 1000), 1000).ok());
  }
  // A CRC-valid batch whose offsets cannot be stored relative to the segment base.
  Bytes far = make_simple_batch(2, 1000);
  protocol::set_base_offset(far, int64_t{1} << 40);
  auto path = files::log_path(dir.path(), 0);
  damage(path, size_of(path), far);
  auto log = open_log(dir.path());
  EXPECT_EQ(log->log_end_offset(), 2);
  expect_readable(*log);
}

}  // namespace
}  // namespace tributary::storage
