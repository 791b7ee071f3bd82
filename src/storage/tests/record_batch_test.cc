// Record batch parsing, validation, decoding and building (src/protocol/record_batch.*).
#include "protocol/record_batch.h"

#include <gtest/gtest.h>

#include "storage/tests/test_batches.h"

namespace tributary::protocol {
namespace {

using storage::testing::decode_all;
using storage::testing::make_batch;
using storage::testing::make_simple_batch;

TEST(RecordBatch, BuildThenValidateAndDecode) {
  Record r;
  r.key = Bytes{'k'};
  r.value = Bytes{'v', 'w'};
  r.timestamp_delta = 5;
  r.headers.push_back({"h1", Bytes{1, 2}});
  r.headers.push_back({"h2", std::nullopt});
  Record tombstone;
  tombstone.offset_delta = 1;
  tombstone.key = Bytes{'k'};
  BatchBuildOptions o;
  o.base_offset = 100;
  o.base_timestamp = 1000;
  Record rs[] = {r, tombstone};
  Bytes batch = build_record_batch(o, rs);

  auto infos = validate_batches(batch);
  ASSERT_TRUE(infos.ok()) << infos.status().to_string();
  ASSERT_EQ(infos->size(), 1u);
  const BatchHeader& h = (*infos)[0].header;
  EXPECT_EQ(h.base_offset, 100);
  EXPECT_EQ(h.record_count, 2);
  EXPECT_EQ(h.last_offset_delta, 1);
  EXPECT_EQ(h.max_timestamp, 1005);
  EXPECT_EQ(h.magic, 2);
  EXPECT_EQ(h.total_size(), batch.size());

  auto records = decode_records(batch);
  ASSERT_TRUE(records.ok()) << records.status().to_string();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0], r);
  EXPECT_EQ((*records)[1], tombstone);
  EXPECT_FALSE((*records)[1].value.has_value());
}

TEST(RecordBatch, ConcatenatedBatchesAreWalked) {
  Bytes a = make_simple_batch(3, 10);
  Bytes b = make_simple_batch(2, 20);
  Bytes both = a;
  both.insert(both.end(), b.begin(), b.end());
  auto infos = validate_batches(both);
  ASSERT_TRUE(infos.ok());
  ASSERT_EQ(infos->size(), 2u);
  EXPECT_EQ((*infos)[1].position, a.size());
  EXPECT_EQ((*infos)[1].size, b.size());
}

TEST(RecordBatch, CrcMismatchIsCorrupt) {
  Bytes batch = make_simple_batch(3, 10);
  batch.back() ^= 0xff;
  auto infos = validate_batches(batch);
  ASSERT_FALSE(infos.ok());
  EXPECT_EQ(infos.status().code(), Errc::corrupt);
  EXPECT_NE(infos.status().message().find("CRC"), std::string::npos);
}

TEST(RecordBatch, BaseOffsetAndLeaderEpochAreOutsideTheCrc) {
  Bytes batch = make_simple_batch(3, 10);
  set_base_offset(batch, 12345);
  set_partition_leader_epoch(batch, 7);
  auto infos = validate_batches(batch);
  ASSERT_TRUE(infos.ok());
  EXPECT_EQ((*infos)[0].header.base_offset, 12345);
  EXPECT_EQ((*infos)[0].header.partition_leader_epoch, 7);
}

TEST(RecordBatch, LogAppendTimeRewritesCrc) {
  Bytes batch = make_simple_batch(3, 10);
  set_log_append_time(batch, 999999);
  auto infos = validate_batches(batch);
  ASSERT_TRUE(infos.ok()) << infos.status().to_string();
  EXPECT_EQ((*infos)[0].header.max_timestamp, 999999);
  EXPECT_EQ((*infos)[0].header.timestamp_type(), TimestampType::log_append_time);
  for (const auto& r : decode_all(batch)) EXPECT_EQ(r.timestamp, 999999);
}

TEST(RecordBatch, OldMagicIsUnsupportedAndNamed) {
  for (int magic : {0, 1}) {
    Bytes batch = make_simple_batch(1, 10);
    batch[batch_offsets::kMagic] = static_cast<uint8_t>(magic);
    auto infos = validate_batches(batch);
    ASSERT_FALSE(infos.ok());
    EXPECT_EQ(infos.status().code(), Errc::unsupported);
    EXPECT_NE(infos.status().message().find("magic " + std::to_string(magic)), std::string::npos)
        << infos.status().message();
  }
}

TEST(RecordBatch, TruncationAndBadLengthsAreCorrupt) {
  Bytes batch = make_simple_batch(3, 10);
  for (size_t cut : {size_t{1}, size_t{12}, size_t{60}, batch.size() - 1}) {
    auto infos = validate_batches(std::span<const uint8_t>(batch.data(), cut));
    ASSERT_FALSE(infos.ok()) << cut;
    EXPECT_EQ(infos.status().code(), Errc::corrupt);
  }
  Bytes bad = batch;
  store_be32(bad.data() + batch_offsets::kBatchLength, 5);
  EXPECT_EQ(validate_batches(bad).status().code(), Errc::corrupt);
  bad = batch;
  store_be32(bad.data() + batch_offsets::kBatchLength, 0x7fffffff);
  EXPECT_EQ(validate_batches(bad).status().code(), Errc::corrupt);
}

TEST(RecordBatch, SizeLimitIsTooLarge) {
  Bytes batch = make_simple_batch(50, 10);
  ValidateOptions o;
  o.max_batch_bytes = batch.size() - 1;
  EXPECT_EQ(validate_batches(batch, o).status().code(), Errc::too_large);
  o.max_batch_bytes = batch.size();
  EXPECT_TRUE(validate_batches(batch, o).ok());
}

TEST(RecordBatch, InconsistentCountsAreRejected) {
  Bytes batch = make_simple_batch(3, 10);
  Bytes bad = batch;
  store_be32(bad.data() + batch_offsets::kRecordCount, static_cast<uint32_t>(-1));
  rewrite_batch_crc(bad);
  EXPECT_EQ(validate_batches(bad).status().code(), Errc::corrupt);
  bad = batch;
  store_be32(bad.data() + batch_offsets::kLastOffsetDelta, 1);  // 3 records need delta >= 2
  rewrite_batch_crc(bad);
  EXPECT_EQ(validate_batches(bad).status().code(), Errc::corrupt);
  // A gap (as compaction leaves) is fine for the log, not for a producer.
  bad = batch;
  store_be32(bad.data() + batch_offsets::kLastOffsetDelta, 9);
  rewrite_batch_crc(bad);
  EXPECT_TRUE(validate_batches(bad).ok());
  ValidateOptions strict;
  strict.require_dense_offsets = true;
  EXPECT_EQ(validate_batches(bad, strict).status().code(), Errc::corrupt);
}

TEST(RecordBatch, CorruptRecordsGiveStatusNotCrash) {
  Bytes batch = make_simple_batch(3, 10);
  // Every single-byte corruption inside the records section must decode or fail cleanly.
  for (size_t i = kBatchHeaderSize; i < batch.size(); ++i) {
    for (uint8_t v : {uint8_t{0x00}, uint8_t{0x7f}, uint8_t{0xff}}) {
      Bytes bad = batch;
      bad[i] = v;
      auto records = decode_records(bad);
      if (!records.ok()) {
        EXPECT_EQ(records.status().code(), Errc::corrupt);
      }
    }
  }
  // A huge record count with no data behind it must not allocate or loop for long.
  Bytes bad = batch;
  store_be32(bad.data() + batch_offsets::kRecordCount, 0x7fffffff);
  EXPECT_EQ(decode_records(bad).status().code(), Errc::corrupt);
}

TEST(RecordBatch, ValidateRecordsMatchesDecode) {
  Bytes batch = make_simple_batch(3, 10);
  EXPECT_TRUE(validate_records(batch, true).ok());
  for (size_t i = kBatchHeaderSize; i < batch.size(); ++i) {
    for (uint8_t v : {uint8_t{0x00}, uint8_t{0x01}, uint8_t{0xff}}) {
      Bytes bad = batch;
      bad[i] = v;
      Status checked = validate_records(bad, false);
      auto decoded = decode_records(bad);
      // validate_records also checks offset deltas, so it may refuse what decodes, never the reverse.
      EXPECT_TRUE(!checked.ok() || decoded.ok()) << "byte " << i << " = " << int(v);
    }
  }
}

TEST(RecordBatch, ValidPrefixStopsAtDamage) {
  Bytes a = make_simple_batch(3, 10);
  Bytes all = a;
  all.insert(all.end(), a.begin(), a.end());
  all.resize(all.size() - 5);
  ValidPrefix p = valid_batch_prefix(all);
  EXPECT_EQ(p.valid_bytes, a.size());
  EXPECT_EQ(p.batches.size(), 1u);
  EXPECT_FALSE(p.first_error.ok());
}

}  // namespace
}  // namespace tributary::protocol
