// Offset and time indexes, and their checksummed file framing.
#include <gtest/gtest.h>

#include "storage/index_file.h"
#include "storage/offset_index.h"
#include "storage/retention.h"
#include "storage/segment_files.h"
#include "storage/time_index.h"

namespace tributary::storage {
namespace {

TEST(OffsetIndex, FloorLookup) {
  OffsetIndex index(100);
  index.append(100, 0);
  index.append(110, 4096);
  index.append(130, 9000);
  index.append(120, 10000);  // out of order: ignored
  EXPECT_EQ(index.size(), 3u);
  EXPECT_EQ(index.floor_position(99), 0);
  EXPECT_EQ(index.floor_position(100), 0);
  EXPECT_EQ(index.floor_position(109), 0);
  EXPECT_EQ(index.floor_position(110), 4096);
  EXPECT_EQ(index.floor_position(129), 4096);
  EXPECT_EQ(index.floor_position(1000), 9000);
  index.truncate_to_position(9000);
  EXPECT_EQ(index.floor_position(1000), 4096);
}

TEST(OffsetIndex, FileRoundTripAndDamageDetection) {
  OffsetIndex index(500);
  for (int i = 0; i < 10; ++i) index.append(500 + i * 10, i * 1000);
  Bytes file = index.encode(20000);
  OffsetIndex loaded(500);
  int64_t log_size = 0;
  ASSERT_TRUE(loaded.decode(file, &log_size).ok());
  EXPECT_EQ(log_size, 20000);
  EXPECT_EQ(loaded.size(), 10u);
  EXPECT_EQ(loaded.floor_position(555), 5000);

  for (size_t i = 0; i < file.size(); ++i) {
    Bytes bad = file;
    bad[i] ^= 0x01;
    OffsetIndex damaged(500);
    EXPECT_FALSE(damaged.decode(bad, &log_size).ok()) << "flipped byte " << i;
  }
  Bytes short_file(file.begin(), file.end() - 3);
  EXPECT_FALSE(loaded.decode(short_file, &log_size).ok());
  OffsetIndex other_base(501);
  EXPECT_FALSE(other_base.decode(file, &log_size).ok());
}

TEST(TimeIndex, ScanStart) {
  TimeIndex index(0);
  index.append(100, 0);
  index.append(200, 10);
  index.append(150, 20);  // not larger than the last timestamp: ignored
  index.append(300, 30);
  EXPECT_EQ(index.scan_start_offset(50), 0);
  EXPECT_EQ(index.scan_start_offset(100), 0);
  EXPECT_EQ(index.scan_start_offset(101), 0);
  EXPECT_EQ(index.scan_start_offset(201), 10);
  EXPECT_EQ(index.scan_start_offset(300), 10);
  EXPECT_EQ(index.scan_start_offset(301), 30);
  Bytes file = index.encode(1234);
  TimeIndex loaded(0);
  int64_t log_size = 0;
  ASSERT_TRUE(loaded.decode(file, &log_size).ok());
  EXPECT_EQ(loaded.scan_start_offset(301), 30);
  file[40] ^= 0x10;
  EXPECT_EQ(loaded.decode(file, &log_size).code(), Errc::corrupt);
}

TEST(SegmentFiles, Names) {
  EXPECT_EQ(files::offset_name(42), "00000000000000000042");
  EXPECT_EQ(files::parse_log_file_name("00000000000000000042.log"), 42);
  EXPECT_FALSE(files::parse_log_file_name("00000000000000000042.index").has_value());
  EXPECT_FALSE(files::parse_log_file_name("0000000000000000004x.log").has_value());
  EXPECT_FALSE(files::parse_log_file_name("42.log").has_value());
}

TEST(RetentionRules, ByTimeAndSize) {
  LogConfig c;
  c.retention_ms = 1000;
  std::vector<SegmentSummary> segs = {{0, 100, 100}, {10, 100, 500}, {20, 100, 3000}, {30, 50, 3500}};
  EXPECT_EQ(segments_to_delete(segs, c, 1200), 1u);
  EXPECT_EQ(segments_to_delete(segs, c, 1600), 2u);
  EXPECT_EQ(segments_to_delete(segs, c, 100000), 4u);  // the active one too (the log rolls it first)
  std::vector<SegmentSummary> empty_active = {{0, 100, 100}, {10, 0, -1}};
  EXPECT_EQ(segments_to_delete(empty_active, c, 100000), 1u);  // an empty active segment stays
  c.retention_ms = -1;
  c.retention_bytes = 150;
  EXPECT_EQ(segments_to_delete(segs, c, 0), 2u);  // 350 -> 150 after dropping two
  c.retention_bytes = 200;
  EXPECT_EQ(segments_to_delete(segs, c, 0), 1u);  // dropping a second would go below the limit
  c.retention_bytes = 250;
  EXPECT_EQ(segments_to_delete(segs, c, 0), 1u);
  c.cleanup_delete = false;
  EXPECT_EQ(segments_to_delete(segs, c, 0), 0u);
}

}  // namespace
}  // namespace tributary::storage
