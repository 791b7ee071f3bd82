#include "storage/producer_snapshot.h"

#include <algorithm>
#include <string>

#include "common/crc32c.h"
#include "storage/file_io.h"
#include "storage/segment_files.h"

namespace tributary::storage {
namespace {
constexpr uint32_t kMagic = 0x54425053;  // "TBPS"
constexpr uint16_t kVersion = 1;
constexpr size_t kHeaderSize = 20;
constexpr size_t kEntryFixedSize = 8 + 2 + 8 + 1;
constexpr size_t kBatchSize = 4 + 4 + 8 + 8;
// Generous bound for read_file: a million producers with five batches each.
constexpr size_t kMaxSnapshotBytes = size_t{1} << 28;
}  // namespace

Bytes encode_producer_snapshot(int64_t offset, const ProducerMap& producers) {
  ByteWriter w(kHeaderSize + producers.size() * (kEntryFixedSize + kMaxRememberedBatches * kBatchSize) + 4);
  w.u32(kMagic);
  w.u16(kVersion);
  w.u16(0);
  w.i64(offset);
  w.u32(static_cast<uint32_t>(producers.size()));
  for (const auto& [id, entry] : producers) {
    w.i64(id);
    w.i16(entry.epoch);
    w.i64(entry.last_timestamp);
    w.i8(static_cast<int8_t>(entry.batches.size()));
    for (const auto& b : entry.batches) {
      w.i32(b.first_seq);
      w.i32(b.last_seq);
      w.i64(b.first_offset);
      w.i64(b.last_offset);
    }
  }
  w.u32(crc32c(w.buffer().data(), w.size()));
  return w.take();
}

Result<ProducerMap> decode_producer_snapshot(std::span<const uint8_t> data, int64_t expected_offset) {
  auto corrupt = [](const std::string& why) { return Status::error(Errc::corrupt, "producer snapshot: " + why); };
  if (data.size() < kHeaderSize + 4) return corrupt("too short");
  size_t body = data.size() - 4;
  if (load_be32(data.data() + body) != crc32c(data.data(), body)) return corrupt("checksum mismatch");
  ProducerMap producers;
  try {
    ByteReader r(data.data(), body);
    if (r.u32() != kMagic) return corrupt("bad magic");
    if (r.u16() != kVersion) return corrupt("unknown version");
    r.u16();
    if (r.i64() != expected_offset) return corrupt("offset does not match the file name");
    uint32_t count = r.u32();
    for (uint32_t i = 0; i < count; ++i) {
      int64_t id = r.i64();
      ProducerEntry entry;
      entry.epoch = r.i16();
      entry.last_timestamp = r.i64();
      int8_t batches = r.i8();
      if (id < 0 || batches < 0 || static_cast<size_t>(batches) > kMaxRememberedBatches) return corrupt("bad entry");
      for (int8_t j = 0; j < batches; ++j) {
        ProducerBatch b;
        b.first_seq = r.i32();
        b.last_seq = r.i32();
        b.first_offset = r.i64();
        b.last_offset = r.i64();
        entry.batches.push_back(b);
      }
      if (!producers.emplace(id, std::move(entry)).second) return corrupt("producer listed twice");
    }
    if (!r.empty()) return corrupt("trailing bytes");
  } catch (const DecodeError&) {
    return corrupt("truncated");
  }
  return producers;
}

Status write_producer_snapshot(const std::filesystem::path& dir, int64_t offset, const ProducerMap& producers,
                               bool durable) {
  Bytes data = encode_producer_snapshot(offset, producers);
  return write_file_atomically(files::producer_snapshot_path(dir, offset), data, durable);
}

Result<ProducerMap> read_producer_snapshot(const std::filesystem::path& dir, int64_t offset) {
  auto data = read_file(files::producer_snapshot_path(dir, offset), kMaxSnapshotBytes);
  if (!data.ok()) return data.status();
  return decode_producer_snapshot(*data, offset);
}

Result<std::vector<int64_t>> list_producer_snapshots(const std::filesystem::path& dir) {
  std::vector<int64_t> offsets;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (auto offset = files::parse_offset_file_name(entry.path().filename().string(), files::kProducerSnapshotSuffix)) {
      offsets.push_back(*offset);
    }
  }
  if (ec) return Status::error(Errc::io_error, "list " + dir.string() + ": " + ec.message());
  std::sort(offsets.begin(), offsets.end());
  return offsets;
}

}  // namespace tributary::storage
