#include "storage/tests/test_batches.h"

#include <gtest/gtest.h>
#include <lz4frame.h>
#include <snappy.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <atomic>
#include <stdexcept>

namespace tributary::storage::testing {

using protocol::CompressionCodec;

namespace {

Bytes gzip(std::span<const uint8_t> data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2");
  }
  Bytes out(deflateBound(&zs, data.size()) + 32);
  zs.next_in = const_cast<Bytef*>(data.data());
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  if (deflate(&zs, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

Bytes snappy_raw(std::span<const uint8_t> data) {
  std::string out;
  snappy::Compress(reinterpret_cast<const char*>(data.data()), data.size(), &out);
  return Bytes(out.begin(), out.end());
}

void put_be32(Bytes& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
}

Bytes snappy_xerial(std::span<const uint8_t> data) {
  Bytes out = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
  put_be32(out, 1);
  put_be32(out, 1);
  // Two blocks, to exercise the block loop.
  size_t half = data.size() / 2;
  for (auto part : {data.subspan(0, half), data.subspan(half)}) {
    Bytes block = snappy_raw(part);
    put_be32(out, static_cast<uint32_t>(block.size()));
    out.insert(out.end(), block.begin(), block.end());
  }
  return out;
}

Bytes lz4_frame(std::span<const uint8_t> data) {
  Bytes out(LZ4F_compressFrameBound(data.size(), nullptr));
  size_t n = LZ4F_compressFrame(out.data(), out.size(), data.data(), data.size(), nullptr);
  if (LZ4F_isError(n)) throw std::runtime_error("lz4");
  out.resize(n);
  return out;
}

Bytes zstd(std::span<const uint8_t> data) {
  Bytes out(ZSTD_compressBound(data.size()));
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  if (ZSTD_isError(n)) throw std::runtime_error("zstd");
  out.resize(n);
  return out;
}

std::optional<Bytes> to_bytes(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return Bytes(s->begin(), s->end());
}

std::optional<std::string> to_string(const std::optional<Bytes>& b) {
  if (!b) return std::nullopt;
  return std::string(b->begin(), b->end());
}

}  // namespace

Bytes compress_with(CompressionCodec codec, std::span<const uint8_t> data, bool xerial) {
  switch (codec) {
    case CompressionCodec::none: return Bytes(data.begin(), data.end());
    case CompressionCodec::gzip: return gzip(data);
    case CompressionCodec::snappy: return xerial ? snappy_xerial(data) : snappy_raw(data);
    case CompressionCodec::lz4: return lz4_frame(data);
    case CompressionCodec::zstd: return zstd(data);
  }
  throw std::runtime_error("codec");
}

Bytes make_batch(const std::vector<TestRecord>& records, CompressionCodec codec, bool xerial) {
  std::vector<protocol::Record> recs;
  int64_t base_ts = records.empty() ? -1 : records.front().timestamp;
  int64_t max_ts = -1;
  for (size_t i = 0; i < records.size(); ++i) {
    protocol::Record r;
    r.offset_delta = static_cast<int32_t>(i);
    r.timestamp_delta = records[i].timestamp - base_ts;
    r.key = to_bytes(records[i].key);
    r.value = to_bytes(records[i].value);
    max_ts = std::max(max_ts, records[i].timestamp);
    recs.push_back(std::move(r));
  }
  protocol::BatchBuildOptions o;
  o.base_timestamp = base_ts;
  o.max_timestamp = max_ts;
  o.last_offset_delta = static_cast<int32_t>(records.size()) - 1;
  Bytes section = compress_with(codec, protocol::encode_records(recs), xerial);
  return protocol::assemble_batch(o, codec, static_cast<int32_t>(recs.size()), section);
}

Bytes make_simple_batch(int count, int64_t timestamp, const std::string& prefix, size_t value_size) {
  std::vector<TestRecord> records;
  for (int i = 0; i < count; ++i) {
    std::string value = prefix + std::to_string(i);
    if (value.size() < value_size) value.resize(value_size, '.');
    records.push_back({"k" + std::to_string(i), value, timestamp});
  }
  return make_batch(records);
}

std::vector<DecodedRecord> decode_all(std::span<const uint8_t> batches) {
  std::vector<DecodedRecord> out;
  auto infos = protocol::validate_batches(batches);
  EXPECT_TRUE(infos.ok()) << infos.status().to_string();
  if (!infos.ok()) return out;
  for (const auto& info : *infos) {
    auto records = protocol::decode_records(batches.subspan(info.position, info.size));
    EXPECT_TRUE(records.ok()) << records.status().to_string();
    if (!records.ok()) continue;
    for (const auto& r : *records) {
      out.push_back({info.header.base_offset + r.offset_delta, to_string(r.key), to_string(r.value),
                     protocol::record_timestamp(info.header, r)});
    }
  }
  return out;
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("tributary-storage-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace tributary::storage::testing
