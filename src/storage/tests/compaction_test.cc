// Compaction (compact policy) through PartitionLog::maintain.
#include <gtest/gtest.h>

#include <map>

#include "storage/partition_log.h"
#include "storage/tests/test_batches.h"

namespace tributary::storage {
namespace {

using testing::decode_all;
using testing::make_batch;
using testing::TempDir;
using testing::append_bytes;
using testing::TestRecord;

std::vector<testing::DecodedRecord> read_everything(const PartitionLog& log) {
  std::vector<testing::DecodedRecord> out;
  int64_t next = log.log_start_offset();
  while (next < log.log_end_offset()) {
    auto r = log.read(next, 1 << 20, true);
    EXPECT_TRUE(r.ok()) << r.status().to_string();
    if (!r.ok() || r->records.empty()) break;
    for (auto& rec : decode_all(r->records)) {
      if (rec.offset >= next) out.push_back(rec);
    }
    next = protocol::validate_batches(r->records)->back().header.next_offset();
  }
  return out;
}

LogConfig compact_config() {
  LogConfig config;
  config.cleanup_delete = false;
  config.cleanup_compact = true;
  config.segment_bytes = 400;
  config.delete_retention_ms = 5000;
  return config;
}

TEST(Compaction, KeepsTheLastValuePerKeyAndOffsets) {
  TempDir dir;
  auto opened = PartitionLog::open(dir.path(), compact_config());
  ASSERT_TRUE(opened.ok());
  auto& log = *opened.value();
  // 40 records over keys k0..k4, plus records without a key; values name their offset.
  std::map<std::string, int64_t> latest;
  int64_t offset = 0;
  for (int b = 0; b < 20; ++b) {
    std::vector<TestRecord> batch;
    for (int i = 0; i < 2; ++i, ++offset) {
      std::string key = "k" + std::to_string(offset % 5);
      batch.push_back({key, "value@" + std::to_string(offset), 1000 + offset});
      latest[key] = offset;
    }
    ASSERT_TRUE(append_bytes(log, make_batch(batch), 1000).ok());
  }
  ASSERT_TRUE(append_bytes(log, make_batch({{std::nullopt, "unkeyed", 2000}}), 1000).ok());
  ASSERT_TRUE(append_bytes(log, make_batch({{"k0", "final", 2001}}), 1000).ok());  // goes to the active segment or not
  int64_t end = log.log_end_offset();
  int64_t size_before = log.size_bytes();
  size_t segments = log.segment_count();
  ASSERT_GT(segments, 3u);

  ASSERT_TRUE(log.maintain(3000).ok());
  EXPECT_EQ(log.log_end_offset(), end);
  EXPECT_LT(log.size_bytes(), size_before);
  EXPECT_EQ(log.segment_count(), segments);

  auto records = read_everything(log);
  std::map<std::string, int> seen;
  int64_t previous = -1;
  for (const auto& r : records) {
    EXPECT_GT(r.offset, previous);  // offsets keep their order, with gaps
    previous = r.offset;
    ASSERT_TRUE(r.value.has_value());
    if (*r.value == "final" || *r.value == "unkeyed") continue;  // may sit in the active segment
    ASSERT_TRUE(r.key.has_value());
    EXPECT_EQ(*r.value, "value@" + std::to_string(r.offset));
    ++seen[*r.key];
  }
  for (const auto& [key, offset] : latest) {
    bool kept = false;
    for (const auto& r : records) kept = kept || r.offset == offset;
    EXPECT_TRUE(kept || key == "k0") << key;  // k0's newest is "final"
    EXPECT_LE(seen[key], 1) << key;  // at most one value per key in the cleaned segments
  }
  // Reads from an offset that was compacted away start at the next surviving batch.
  auto r = log.read(0, 1 << 20, true);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->records.empty());

  // Compacted state survives a clean reopen and an unclean one.
  ASSERT_TRUE(log.close().ok());
  auto reopened = PartitionLog::open(dir.path(), compact_config());
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(read_everything(*reopened.value()).size(), records.size());
}

TEST(Compaction, TombstonesExpireAfterDeleteRetention) {
  TempDir dir;
  auto opened = PartitionLog::open(dir.path(), compact_config());
  ASSERT_TRUE(opened.ok());
  auto& log = *opened.value();
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(append_bytes(log, make_batch({{"a", "a" + std::to_string(i), 1000}, {"b", "b" + std::to_string(i), 1000}}), 1000).ok());
  }
  ASSERT_TRUE(append_bytes(log, make_batch({{"a", std::nullopt, 2000}}), 1000).ok());  // delete "a" at t=2000
  for (int i = 0; i < 8; ++i) ASSERT_TRUE(append_bytes(log, make_batch({{"c", "filler-value-" + std::to_string(i), 2500}}), 1000).ok());

  auto count = [&](const std::string& key, bool tombstone) {
    int n = 0;
    for (const auto& r : read_everything(log)) n += r.key == key && (r.value.has_value() != tombstone);
    return n;
  };
  // Before delete.retention.ms has passed: "a" has only its tombstone left.
  ASSERT_TRUE(log.maintain(3000).ok());
  EXPECT_EQ(count("a", false), 0);
  EXPECT_EQ(count("a", true), 1);
  EXPECT_EQ(count("b", false), 1);
  // After 2000 + 5000: the tombstone goes too, even with no new data.
  ASSERT_TRUE(log.maintain(7001).ok());
  EXPECT_EQ(count("a", true), 0);
  EXPECT_EQ(count("b", false), 1);
}

TEST(Compaction, MinCompactionLagProtectsRecentSegments) {
  TempDir dir;
  LogConfig config = compact_config();
  config.min_compaction_lag_ms = 10000;
  auto opened = PartitionLog::open(dir.path(), config);
  ASSERT_TRUE(opened.ok());
  auto& log = *opened.value();
  for (int i = 0; i < 12; ++i) ASSERT_TRUE(append_bytes(log, make_batch({{"same", "v" + std::to_string(i), 1000}}), 1000).ok());
  int64_t size = log.size_bytes();
  ASSERT_TRUE(log.maintain(5000).ok());
  EXPECT_EQ(log.size_bytes(), size);
  ASSERT_TRUE(log.maintain(20000).ok());
  EXPECT_LT(log.size_bytes(), size);
}

}  // namespace
}  // namespace tributary::storage
