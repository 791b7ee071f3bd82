// PartitionLog: append/read, offsets, limits, timestamps, sync, reopen, DeleteRecords.
#include "storage/partition_log.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "storage/segment_files.h"
#include "storage/tests/test_batches.h"

namespace tributary::storage {
namespace {

using testing::decode_all;
using testing::make_batch;
using testing::make_simple_batch;
using testing::TempDir;
using testing::append_bytes;

std::unique_ptr<PartitionLog> open_log(const std::filesystem::path& dir, const LogConfig& config = {}) {
  auto log = PartitionLog::open(dir, config);
  EXPECT_TRUE(log.ok()) << log.status().to_string();
  return log.ok() ? std::move(log.value()) : nullptr;
}

AppendResult append(PartitionLog& log, Bytes batch, int64_t now = 1000) {
  auto r = append_bytes(log, batch, now);
  EXPECT_TRUE(r.ok()) << r.status().to_string();
  return r.ok() ? r.value() : AppendResult{-1, -1, -1, -1};
}

std::vector<testing::DecodedRecord> read_all(const PartitionLog& log, int64_t from) {
  std::vector<testing::DecodedRecord> out;
  int64_t next = from;
  while (next < log.log_end_offset()) {
    auto r = log.read(next, 1 << 20, true);
    EXPECT_TRUE(r.ok()) << r.status().to_string();
    if (!r.ok() || r->records.empty()) break;
    for (auto& rec : decode_all(r->records)) {
      if (rec.offset >= next) out.push_back(rec);
    }
    auto infos = protocol::validate_batches(r->records);
    next = infos->back().header.next_offset();
  }
  return out;
}

TEST(PartitionLog, AppendAssignsOffsetsAndReadsBack) {
  TempDir dir;
  auto log = open_log(dir.path());
  EXPECT_EQ(log->log_start_offset(), 0);
  EXPECT_EQ(log->log_end_offset(), 0);
  auto a = append(*log, make_simple_batch(3, 1000));
  EXPECT_EQ(a.base_offset, 0);
  EXPECT_EQ(a.last_offset, 2);
  EXPECT_EQ(a.log_append_time, -1);
  // Two batches in one call, with a producer-chosen base offset that must be overwritten.
  Bytes two = make_simple_batch(2, 1001);
  protocol::set_base_offset(two, 777);
  Bytes second = make_simple_batch(4, 1002);
  two.insert(two.end(), second.begin(), second.end());
  auto b = append(*log, two);
  EXPECT_EQ(b.base_offset, 3);
  EXPECT_EQ(b.last_offset, 8);
  EXPECT_EQ(log->log_end_offset(), 9);

  auto all = read_all(*log, 0);
  ASSERT_EQ(all.size(), 9u);
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].offset, static_cast<int64_t>(i));
  // Reading from the middle of a batch returns the whole batch containing it.
  auto mid = log->read(4, 1 << 20, true);
  ASSERT_TRUE(mid.ok());
  auto infos = protocol::validate_batches(mid->records);
  ASSERT_TRUE(infos.ok());
  EXPECT_EQ((*infos)[0].header.base_offset, 3);
}

TEST(PartitionLog, ReadBoundsAndLimits) {
  TempDir dir;
  auto log = open_log(dir.path());
  Bytes batch = make_simple_batch(5, 1000, "v", 100);
  size_t batch_size = batch.size();
  for (int i = 0; i < 4; ++i) append(*log, batch);

  auto at_end = log->read(20, 1000, true);
  ASSERT_TRUE(at_end.ok());
  EXPECT_TRUE(at_end->records.empty());
  EXPECT_EQ(at_end->log_end_offset, 20);
  EXPECT_EQ(log->read(21, 1000, true).status().code(), Errc::out_of_range);
  EXPECT_EQ(log->read(-1, 1000, true).status().code(), Errc::out_of_range);

  auto two = log->read(0, static_cast<int32_t>(batch_size * 2 + 10), false);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->records.size(), batch_size * 2);  // only whole batches

  auto none = log->read(0, 10, false);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->records.empty());
  auto one = log->read(0, 10, true);  // min_one_batch: the first batch even though larger
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->records.size(), batch_size);
}

TEST(PartitionLog, RollsSegmentsAndReadsAcrossThem) {
  TempDir dir;
  LogConfig config;
  config.segment_bytes = 1000;
  config.index_interval_bytes = 200;
  auto log = open_log(dir.path(), config);
  for (int i = 0; i < 30; ++i) append(*log, make_simple_batch(3, 1000 + i, "v", 50), 1000 + i);
  EXPECT_GT(log->segment_count(), 5u);
  EXPECT_EQ(log->log_end_offset(), 90);
  auto all = read_all(*log, 0);
  ASSERT_EQ(all.size(), 90u);
  for (int64_t i = 0; i < 90; ++i) EXPECT_EQ(all[static_cast<size_t>(i)].offset, i);
  for (int64_t offset : {0, 1, 44, 45, 89}) {
    auto r = log->read(offset, 1, true);
    ASSERT_TRUE(r.ok());
    auto infos = protocol::validate_batches(r->records);
    ASSERT_TRUE(infos.ok());
    ASSERT_EQ(infos->size(), 1u);
    EXPECT_LE((*infos)[0].header.base_offset, offset);
    EXPECT_GE((*infos)[0].header.last_offset(), offset);
  }
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "00000000000000000000.log"));
}

TEST(PartitionLog, RejectsBadBatchesAndAppendsNothing) {
  TempDir dir;
  LogConfig config;
  config.max_message_bytes = 2000;
  auto log = open_log(dir.path(), config);
  append(*log, make_simple_batch(2, 1000));
  int64_t size = log->size_bytes();

  Bytes good = make_simple_batch(2, 1000);
  Bytes bad_crc = make_simple_batch(2, 1000);
  bad_crc[bad_crc.size() - 2] ^= 0x40;
  Bytes mixed = good;
  mixed.insert(mixed.end(), bad_crc.begin(), bad_crc.end());
  EXPECT_EQ(append_bytes(*log, mixed, 1000).status().code(), Errc::corrupt);

  for (int magic : {0, 1}) {
    Bytes old = make_simple_batch(1, 1000);
    old[protocol::batch_offsets::kMagic] = static_cast<uint8_t>(magic);
    auto r = append_bytes(*log, old, 1000);
    EXPECT_EQ(r.status().code(), Errc::unsupported);
    EXPECT_NE(r.status().message().find("magic " + std::to_string(magic)), std::string::npos);
  }
  EXPECT_EQ(append_bytes(*log, make_simple_batch(100, 1000, "v", 100), 1000).status().code(), Errc::too_large);
  Bytes truncated = good;
  truncated.pop_back();
  EXPECT_EQ(append_bytes(*log, truncated, 1000).status().code(), Errc::corrupt);
  EXPECT_EQ(append_bytes(*log, Bytes{}, 1000).status().code(), Errc::invalid_argument);
  // A correct CRC over records that do not decode (the record count claims one more).
  Bytes lying = make_simple_batch(2, 1000);
  store_be32(lying.data() + protocol::batch_offsets::kRecordCount, 3);
  store_be32(lying.data() + protocol::batch_offsets::kLastOffsetDelta, 2);
  protocol::rewrite_batch_crc(lying);
  EXPECT_EQ(append_bytes(*log, lying, 1000).status().code(), Errc::corrupt);
  // Records numbered out of order.
  std::vector<protocol::Record> records(2);
  records[0].offset_delta = 1;
  records[1].offset_delta = 0;
  protocol::BatchBuildOptions o;
  o.base_timestamp = 1000;
  o.last_offset_delta = 1;
  EXPECT_EQ(append_bytes(*log, protocol::build_record_batch(o, records), 1000).status().code(), Errc::corrupt);
  // A compressed batch that inflates beyond max_decompressed_batch_bytes.
  LogConfig small = config;
  small.max_decompressed_batch_bytes = 1000;
  log->update_config(small);
  std::vector<testing::TestRecord> big(20, testing::TestRecord{"k", std::string(200, 'z'), 1000});
  EXPECT_EQ(append_bytes(*log, make_batch(big, protocol::CompressionCodec::zstd), 1000).status().code(),
            Errc::too_large);
  log->update_config(config);

  EXPECT_EQ(log->log_end_offset(), 2);
  EXPECT_EQ(log->size_bytes(), size);
}

TEST(PartitionLog, LogAppendTime) {
  TempDir dir;
  LogConfig config;
  config.log_append_time = true;
  auto log = open_log(dir.path(), config);
  auto r = append(*log, make_simple_batch(3, 5), 424242);
  EXPECT_EQ(r.log_append_time, 424242);
  auto read = log->read(0, 1 << 20, true);
  ASSERT_TRUE(read.ok());
  for (const auto& rec : decode_all(read->records)) EXPECT_EQ(rec.timestamp, 424242);
}

TEST(PartitionLog, OffsetForTimestamp) {
  TempDir dir;
  LogConfig config;
  config.segment_bytes = 600;
  config.index_interval_bytes = 100;
  auto log = open_log(dir.path(), config);
  // Batch i holds timestamps 1000+10i, 1000+10i+1, 1000+10i+2.
  for (int i = 0; i < 20; ++i) {
    int64_t ts = 1000 + 10 * i;
    append(*log, make_batch({{"a", "x", ts}, {"b", "y", ts + 1}, {"c", "z", ts + 2}}), 1000);
  }
  ASSERT_GT(log->segment_count(), 2u);
  auto check = [&](int64_t ts, int64_t offset, int64_t found_ts) {
    auto r = log->offset_for_timestamp(ts);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_EQ(r->offset, offset) << "timestamp " << ts;
    EXPECT_EQ(r->timestamp, found_ts) << "timestamp " << ts;
  };
  check(0, 0, 1000);
  check(1000, 0, 1000);
  check(1001, 1, 1001);
  check(1003, 3, 1010);
  check(1101, 31, 1101);
  check(1192, 59, 1192);
  check(1193, -1, -1);
  EXPECT_EQ(log->max_timestamp_offset(), 59);
}

TEST(PartitionLog, SyncTracksDurableOffsets) {
  TempDir dir;
  LogConfig config;
  config.segment_bytes = 500;
  auto log = open_log(dir.path(), config);
  EXPECT_EQ(log->synced_end_offset(), 0);
  for (int i = 0; i < 10; ++i) append(*log, make_simple_batch(2, 1000, "v", 40));
  EXPECT_EQ(log->unsynced_end_offset(), 20);
  EXPECT_EQ(log->synced_end_offset(), 0);
  ASSERT_TRUE(log->sync().ok());
  EXPECT_EQ(log->synced_end_offset(), 20);
  ASSERT_TRUE(log->sync().ok());  // clean: no-op
  // Rolled segments got their index files after being synced.
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "00000000000000000000.index"));
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "00000000000000000000.timeindex"));
}

TEST(PartitionLog, ReopenAfterCleanClose) {
  TempDir dir;
  LogConfig config;
  config.segment_bytes = 700;
  {
    auto log = open_log(dir.path(), config);
    for (int i = 0; i < 20; ++i) append(*log, make_simple_batch(2, 2000 + i, "v", 30), 1000);
    ASSERT_TRUE(log->close().ok());
    EXPECT_FALSE(append_bytes(*log, make_simple_batch(1, 1), 1).ok());
    EXPECT_TRUE(std::filesystem::exists(dir.path() / files::kCleanShutdownMarker));
  }
  auto log = open_log(dir.path(), config);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / files::kCleanShutdownMarker));
  EXPECT_EQ(log->log_end_offset(), 40);
  EXPECT_EQ(log->synced_end_offset(), 40);
  EXPECT_EQ(read_all(*log, 0).size(), 40u);
  auto r = append(*log, make_simple_batch(2, 3000));
  EXPECT_EQ(r.base_offset, 40);
  auto ts = log->offset_for_timestamp(2019);
  ASSERT_TRUE(ts.ok());
  EXPECT_EQ(ts->offset, 38);
}

TEST(PartitionLog, DeleteRecordsBefore) {
  TempDir dir;
  LogConfig config;
  config.segment_bytes = 500;
  auto log = open_log(dir.path(), config);
  for (int i = 0; i < 20; ++i) append(*log, make_simple_batch(2, 1000, "v", 40));
  size_t segments = log->segment_count();
  EXPECT_EQ(log->delete_records_before(41).code(), Errc::out_of_range);
  ASSERT_TRUE(log->delete_records_before(15).ok());
  EXPECT_EQ(log->log_start_offset(), 15);
  EXPECT_LT(log->segment_count(), segments);
  EXPECT_EQ(log->read(14, 1000, true).status().code(), Errc::out_of_range);
  auto r = log->read(15, 1 << 20, true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->log_start_offset, 15);
  ASSERT_TRUE(log->delete_records_before(10).ok());  // lower: no-op
  EXPECT_EQ(log->log_start_offset(), 15);

  // Survives a restart, even though no segment starts at 15.
  log.reset();
  log = open_log(dir.path(), config);
  EXPECT_EQ(log->log_start_offset(), 15);
  // Up to the end: every segment goes, the log stays appendable at the same offsets.
  ASSERT_TRUE(log->delete_records_before(40).ok());
  EXPECT_EQ(log->segment_count(), 1u);
  EXPECT_EQ(log->size_bytes(), 0);
  EXPECT_EQ(append(*log, make_simple_batch(1, 1000)).base_offset, 40);
}

TEST(PartitionLog, RemoveAll) {
  TempDir dir;
  auto path = dir.path() / "topic-0";
  {
    auto log = open_log(path);
    append(*log, make_simple_batch(1, 1000));
    ASSERT_TRUE(log->close().ok());
  }
  ASSERT_TRUE(PartitionLog::remove_all(path).ok());
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace tributary::storage

namespace tributary::storage {
namespace {

TEST(PartitionLog, CompressedBatchesAndLeaderEpoch) {
  TempDir dir;
  auto log = open_log(dir.path());
  using protocol::CompressionCodec;
  int64_t expected = 0;
  for (auto codec : {CompressionCodec::gzip, CompressionCodec::snappy, CompressionCodec::lz4, CompressionCodec::zstd}) {
    std::vector<testing::TestRecord> records;
    for (int i = 0; i < 50; ++i) records.push_back({"k", std::string(64, 'x'), 1000 + i});
    Bytes batch = make_batch(records, codec);
    auto r = log->append(batch, 1000, /*leader_epoch=*/7);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_EQ(r->base_offset, expected);
    expected += 50;
  }
  auto all = read_all(*log, 0);
  ASSERT_EQ(all.size(), 200u);
  for (int64_t i = 0; i < 200; ++i) EXPECT_EQ(all[static_cast<size_t>(i)].offset, i);
  auto r = log->read(0, 1 << 20, true);
  ASSERT_TRUE(r.ok());
  auto infos = protocol::validate_batches(r->records);
  ASSERT_TRUE(infos.ok());
  for (const auto& info : *infos) EXPECT_EQ(info.header.partition_leader_epoch, 7);
}

TEST(PartitionLog, ConcurrentAppendReadSync) {
  TempDir dir;
  LogConfig config;
  config.segment_bytes = 4000;
  auto log = open_log(dir.path(), config);
  constexpr int kBatches = 300;
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < kBatches; ++i) ASSERT_TRUE(append_bytes(*log, make_simple_batch(2, 1000 + i, "v", 20), 1000).ok());
    done = true;
  });
  std::thread syncer([&] {
    while (!done) {
      ASSERT_TRUE(log->sync().ok());
      EXPECT_LE(log->synced_end_offset(), log->unsynced_end_offset());
    }
  });
  std::thread reader([&] {
    while (!done) {
      int64_t end = log->log_end_offset();
      if (end == 0) continue;
      auto r = log->read(end - 1, 1 << 16, true);
      ASSERT_TRUE(r.ok()) << r.status().to_string();
      ASSERT_TRUE(protocol::validate_batches(r->records).ok());
      auto ts = log->offset_for_timestamp(1000);
      ASSERT_TRUE(ts.ok());
    }
  });
  std::thread maintainer([&] {
    while (!done) ASSERT_TRUE(log->maintain(2000).ok());
  });
  writer.join();
  syncer.join();
  reader.join();
  maintainer.join();
  ASSERT_TRUE(log->sync().ok());
  EXPECT_EQ(log->synced_end_offset(), 2 * kBatches);
  EXPECT_EQ(read_all(*log, 0).size(), static_cast<size_t>(2 * kBatches));
}

}  // namespace
}  // namespace tributary::storage
