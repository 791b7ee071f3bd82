// Compressed batches built with the codec libraries directly must decode through ours.
#include "protocol/compression.h"

#include <gtest/gtest.h>

#include "protocol/record_batch.h"
#include "storage/tests/test_batches.h"

namespace tributary::protocol {
namespace {

using storage::testing::compress_with;
using storage::testing::decode_all;
using storage::testing::make_batch;
using storage::testing::TestRecord;

std::vector<TestRecord> sample_records() {
  std::vector<TestRecord> records;
  for (int i = 0; i < 200; ++i) {
    records.push_back({"key-" + std::to_string(i % 17), std::string(100, static_cast<char>('a' + i % 26)), 5000 + i});
  }
  records.push_back({std::nullopt, "no key", 6000});
  records.push_back({"tomb", std::nullopt, 6001});
  return records;
}

struct CodecCase {
  CompressionCodec codec;
  bool xerial;
};

class CompressedBatch : public ::testing::TestWithParam<CodecCase> {};

TEST_P(CompressedBatch, DecodesToTheSameRecords) {
  auto records = sample_records();
  Bytes batch = make_batch(records, GetParam().codec, GetParam().xerial);
  Bytes plain = make_batch(records);
  if (GetParam().codec != CompressionCodec::none) {
    EXPECT_LT(batch.size(), plain.size());
  }
  auto infos = validate_batches(batch);
  ASSERT_TRUE(infos.ok()) << infos.status().to_string();
  EXPECT_EQ((*infos)[0].header.codec(), GetParam().codec);
  auto got = decode_all(batch);
  ASSERT_EQ(got.size(), records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(got[i].offset, static_cast<int64_t>(i));
    EXPECT_EQ(got[i].key, records[i].key);
    EXPECT_EQ(got[i].value, records[i].value);
    EXPECT_EQ(got[i].timestamp, records[i].timestamp);
  }
}

TEST_P(CompressedBatch, GarbageAndTruncationFailCleanly) {
  Bytes batch = make_batch(sample_records(), GetParam().codec, GetParam().xerial);
  for (size_t cut : {batch.size() - 1, batch.size() - 7, kBatchHeaderSize + 3}) {
    Bytes bad(batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(cut));
    store_be32(bad.data() + batch_offsets::kBatchLength, static_cast<uint32_t>(cut - kBatchLengthPrefix));
    auto r = decode_records(bad);
    EXPECT_FALSE(r.ok()) << "cut " << cut;
  }
  for (size_t i = kBatchHeaderSize; i < batch.size(); i += 7) {
    Bytes bad = batch;
    bad[i] ^= 0x5a;
    (void)decode_records(bad);  // must not crash; result may be ok for benign flips
  }
}

TEST_P(CompressedBatch, OutputIsCapped) {
  Bytes big(1 << 20, 'x');  // compresses to almost nothing: a small "bomb"
  Bytes compressed = compress_with(GetParam().codec, big, GetParam().xerial);
  auto r = decompress(GetParam().codec, compressed, 64 * 1024);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Errc::too_large);
  auto ok = decompress(GetParam().codec, compressed, 2 << 20);
  ASSERT_TRUE(ok.ok()) << ok.status().to_string();
  EXPECT_EQ(ok->size(), big.size());
}

INSTANTIATE_TEST_SUITE_P(Codecs, CompressedBatch,
                         ::testing::Values(CodecCase{CompressionCodec::none, false},
                                           CodecCase{CompressionCodec::gzip, false},
                                           CodecCase{CompressionCodec::snappy, false},
                                           CodecCase{CompressionCodec::snappy, true},
                                           CodecCase{CompressionCodec::lz4, false},
                                           CodecCase{CompressionCodec::zstd, false}),
                         [](const auto& info) {
                           return std::string(codec_name(info.param.codec)) + (info.param.xerial ? "_xerial" : "");
                         });

TEST(Compression, UnknownCodecIsUnsupported) {
  Bytes data{1, 2, 3};
  EXPECT_EQ(decompress(static_cast<CompressionCodec>(6), data).status().code(), Errc::unsupported);
  Bytes batch = make_batch(sample_records());
  batch[batch_offsets::kAttributes + 1] |= 0x07;
  rewrite_batch_crc(batch);
  EXPECT_EQ(validate_batches(batch).status().code(), Errc::unsupported);
}

TEST(Compression, EmptyOrJunkInputIsCorrupt) {
  Bytes junk(100, 0xab);
  for (auto codec : {CompressionCodec::gzip, CompressionCodec::snappy, CompressionCodec::lz4, CompressionCodec::zstd}) {
    EXPECT_FALSE(decompress(codec, junk).ok()) << codec_name(codec);
    EXPECT_FALSE(decompress(codec, Bytes{}).ok()) << codec_name(codec);
  }
}

}  // namespace
}  // namespace tributary::protocol
