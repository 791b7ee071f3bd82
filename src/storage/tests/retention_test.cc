// Retention (delete policy) and segment.ms rolls through PartitionLog::maintain.
#include <gtest/gtest.h>

#include "storage/partition_log.h"
#include "storage/segment_files.h"
#include "storage/tests/test_batches.h"

namespace tributary::storage {
namespace {

using testing::make_simple_batch;
using testing::TempDir;
using testing::append_bytes;

TEST(Retention, ByTime) {
  TempDir dir;
  LogConfig config;
  config.segment_bytes = 500;
  config.retention_ms = 10000;
  config.file_delete_delay_ms = 0;
  auto opened = PartitionLog::open(dir.path(), config);
  ASSERT_TRUE(opened.ok());
  auto& log = *opened.value();
  // Old data (timestamps ~1000), then new data (timestamps ~50000).
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(append_bytes(log, make_simple_batch(2, 1000 + i, "v", 40), 1000).ok());
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(append_bytes(log, make_simple_batch(2, 50000 + i, "v", 40), 50000).ok());
  size_t before = log.segment_count();
  ASSERT_TRUE(log.maintain(55000).ok());
  EXPECT_LT(log.segment_count(), before);
  EXPECT_GT(log.log_start_offset(), 0);
  EXPECT_LE(log.log_start_offset(), 20);  // none of the new records went
  auto r = log.read(log.log_start_offset(), 1 << 20, true);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(std::filesystem::exists(files::log_path(dir.path(), 0)));
  // Far in the future everything goes; the active segment is rolled first, so the log stays
  // appendable at the same offsets.
  ASSERT_TRUE(log.maintain(1000000).ok());
  EXPECT_EQ(log.segment_count(), 1u);
  EXPECT_EQ(log.log_end_offset(), 40);
  EXPECT_EQ(log.log_start_offset(), 40);
  EXPECT_EQ(log.size_bytes(), 0);
  auto next = append_bytes(log, make_simple_batch(1, 2000000), 2000000);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->base_offset, 40);
}

TEST(Retention, BySize) {
  TempDir dir;
  LogConfig config;
  config.segment_bytes = 500;
  config.retention_ms = -1;
  config.retention_bytes = 1200;
  auto opened = PartitionLog::open(dir.path(), config);
  ASSERT_TRUE(opened.ok());
  auto& log = *opened.value();
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(append_bytes(log, make_simple_batch(2, 1000, "v", 40), 1000).ok());
  ASSERT_GT(log.size_bytes(), 1200);
  ASSERT_TRUE(log.maintain(2000).ok());
  // Whole segments only: what stays is above the limit by less than one segment.
  EXPECT_LT(log.size_bytes(), 1200 + 500);
  EXPECT_GT(log.size_bytes(), 1200 - 500);
  EXPECT_GT(log.log_start_offset(), 0);
  EXPECT_EQ(log.log_end_offset(), 60);
  // Deleted segments linger as *.deleted until file.delete.delay.ms passes.
  bool pending = false;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    pending = pending || e.path().string().ends_with(files::kDeletedSuffix);
  }
  EXPECT_TRUE(pending);
  ASSERT_TRUE(log.maintain(2000 + config.file_delete_delay_ms + 1).ok());
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_FALSE(e.path().string().ends_with(files::kDeletedSuffix)) << e.path();
  }
}

TEST(Retention, SegmentMsRollsTheActiveSegment) {
  TempDir dir;
  LogConfig config;
  config.segment_ms = 1000;
  auto opened = PartitionLog::open(dir.path(), config);
  ASSERT_TRUE(opened.ok());
  auto& log = *opened.value();
  ASSERT_TRUE(append_bytes(log, make_simple_batch(2, 1000), 1000).ok());
  ASSERT_TRUE(log.maintain(1500).ok());
  EXPECT_EQ(log.segment_count(), 1u);
  ASSERT_TRUE(log.maintain(2000).ok());
  EXPECT_EQ(log.segment_count(), 2u);
  ASSERT_TRUE(log.maintain(5000).ok());  // new active segment is empty: no roll
  EXPECT_EQ(log.segment_count(), 2u);
}

}  // namespace
}  // namespace tributary::storage
