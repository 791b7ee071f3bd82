// Compaction keeps what producer state needs: each producer's last batch (empty when all its
// records are superseded) and the original last offset and sequence of rewritten batches.
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
using testing::keyed_producer_batch;
using testing::TempDir;

LogConfig compact_config() {
  LogConfig config;
  config.cleanup_delete = false;
  config.cleanup_compact = true;
  config.segment_bytes = 300;
  return config;
}

void remove_snapshots(const std::filesystem::path& dir) {
  auto list = list_producer_snapshots(dir);
  ASSERT_TRUE(list.ok());
  for (int64_t offset : *list) ASSERT_TRUE(remove_file(files::producer_snapshot_path(dir, offset)).ok());
}

TEST(ProducerCompaction, LastBatchOfAProducerSurvivesAndStateRebuildsFromTheLog) {
  TempDir dir;
  ProducerMap before;
  size_t size_before = 0;
  {
    auto log = PartitionLog::open(dir.path(), compact_config());
    ASSERT_TRUE(log.ok());
    auto& l = **log;
    // Producer 7: seq 0..2 (key a), then its last batch seq 3..5 (key b); both keys are
    // superseded below, so every record of both batches goes.
    ASSERT_TRUE(append_bytes(l, keyed_producer_batch(7, 0, 0, 3, "a"), 1000).ok());
    ASSERT_TRUE(append_bytes(l, keyed_producer_batch(7, 0, 3, 3, "b"), 1000).ok());
    // Producer 8 writes 4 records with key c; only its last record survives (a rewritten batch).
    ASSERT_TRUE(append_bytes(l, keyed_producer_batch(8, 2, 0, 4, "c"), 1000).ok());
    // Other writers supersede keys a and b, enough to roll a few segments.
    for (int i = 0; i < 12; ++i) {
      ASSERT_TRUE(append_bytes(l, testing::make_batch({{i % 2 ? "a" : "b", "new", 2000}}), 2000).ok());
    }
    ASSERT_GT(l.segment_count(), 2u);
    before = l.producer_state();
    size_before = static_cast<size_t>(l.size_bytes());
    ASSERT_TRUE(l.maintain(3000).ok());
    ASSERT_LT(static_cast<size_t>(l.size_bytes()), size_before);  // compaction did run
    EXPECT_EQ(l.producer_state(), before);
    ASSERT_TRUE(l.sync().ok());
  }
  remove_snapshots(dir.path());  // force the rebuild to read the compacted segments
  auto log = PartitionLog::open(dir.path(), compact_config());
  ASSERT_TRUE(log.ok()) << log.status().to_string();
  // A rebuild from a compacted log knows each producer's epoch and last batch (older batches
  // whose records were all superseded are gone, as in Kafka): enough to continue the sequence.
  ProducerMap after = (*log)->producer_state();
  ASSERT_EQ(after.size(), before.size());
  for (const auto& [id, entry] : before) {
    EXPECT_EQ(after[id].epoch, entry.epoch);
    EXPECT_EQ(after[id].batches.back(), entry.batches.back()) << "producer " << id;
  }
  EXPECT_TRUE(append_bytes(**log, keyed_producer_batch(7, 0, 6, 1, "z"), 4000).ok());
  EXPECT_TRUE(append_bytes(**log, keyed_producer_batch(8, 2, 4, 1, "z"), 4000).ok());
}

}  // namespace
}  // namespace tributary::storage
