#include "protocol/record_batch.h"

#include <algorithm>
#include <string>

#include "common/crc32c.h"

namespace tributary::protocol {
namespace {

namespace off = batch_offsets;

Status corrupt_at(size_t position, const std::string& why) {
  return Status::error(Errc::corrupt, "record batch at byte " + std::to_string(position) + ": " + why);
}

// Checks one batch starting at buffer[pos]; returns its info or the reason it is unusable.
Result<BatchInfo> check_one(std::span<const uint8_t> buffer, size_t pos, const ValidateOptions& o) {
  size_t left = buffer.size() - pos;
  if (left < kBatchLengthPrefix + 5) {
    return corrupt_at(pos, "truncated: " + std::to_string(left) + " bytes left, too short for a batch header");
  }
  const uint8_t* p = buffer.data() + pos;
  // The magic byte sits at offset 16 in every message format version, so it can be checked
  // before trusting anything else; this is how old v0/v1 message sets are recognised.
  int8_t magic = static_cast<int8_t>(p[off::kMagic]);
  if (magic != kMagicV2) {
    if (magic == 0 || magic == 1) {
      return Status::error(Errc::unsupported, "record batch at byte " + std::to_string(pos) + " uses magic " +
                                                  std::to_string(magic) +
                                                  " (message format v" + std::to_string(magic) +
                                                  "); only magic 2 record batches are supported");
    }
    return corrupt_at(pos, "unknown magic " + std::to_string(magic));
  }
  auto header = parse_batch_header(buffer.subspan(pos));
  if (!header.ok()) return header.status();
  const BatchHeader& h = header.value();
  if (h.batch_length < static_cast<int32_t>(kBatchHeaderSize - kBatchLengthPrefix)) {
    return corrupt_at(pos, "batchLength " + std::to_string(h.batch_length) + " smaller than the header");
  }
  size_t total = h.total_size();
  if (total > o.max_batch_bytes) {
    return Status::error(Errc::too_large, "record batch at byte " + std::to_string(pos) + " is " +
                                              std::to_string(total) + " bytes, limit is " +
                                              std::to_string(o.max_batch_bytes));
  }
  if (total > left) {
    return corrupt_at(pos, "truncated: batch needs " + std::to_string(total) + " bytes, only " +
                               std::to_string(left) + " present");
  }
  if (h.record_count < 0) return corrupt_at(pos, "negative record count " + std::to_string(h.record_count));
  if (h.last_offset_delta < 0) return corrupt_at(pos, "negative lastOffsetDelta");
  if (h.record_count > 0 && h.last_offset_delta < h.record_count - 1) {
    return corrupt_at(pos, "lastOffsetDelta " + std::to_string(h.last_offset_delta) + " too small for " +
                               std::to_string(h.record_count) + " records");
  }
  if (o.require_dense_offsets && (h.record_count == 0 || h.last_offset_delta != h.record_count - 1)) {
    return corrupt_at(pos, "lastOffsetDelta " + std::to_string(h.last_offset_delta) + " does not match " +
                               std::to_string(h.record_count) + " records");
  }
  if (static_cast<int>(h.codec()) > static_cast<int>(CompressionCodec::zstd)) {
    return Status::error(Errc::unsupported, "record batch at byte " + std::to_string(pos) +
                                                " uses unknown compression codec " +
                                                std::to_string(static_cast<int>(h.codec())));
  }
  if (o.verify_crc) {
    uint32_t actual = compute_batch_crc(buffer.subspan(pos, total));
    if (actual != h.crc) {
      return corrupt_at(pos, "CRC mismatch (stored " + std::to_string(h.crc) + ", computed " +
                                 std::to_string(actual) + ")");
    }
  }
  return BatchInfo{pos, total, h};
}

std::optional<Bytes> read_nullable_bytes(ByteReader& r, const char* what) {
  int64_t n = r.varint();
  if (n == -1) return std::nullopt;
  if (n < 0) throw DecodeError(std::string("negative ") + what + " length");
  if (static_cast<uint64_t>(n) > r.remaining()) throw DecodeError(std::string(what) + " longer than the record");
  auto s = r.bytes(static_cast<size_t>(n));
  return Bytes(s.begin(), s.end());
}

void skip_nullable_bytes(ByteReader& r, const char* what) {
  int64_t n = r.varint();
  if (n == -1) return;
  if (n < 0 || static_cast<uint64_t>(n) > r.remaining()) throw DecodeError(std::string("bad ") + what + " length");
  r.skip(static_cast<size_t>(n));
}

// The same walk as decode_one, without materialising anything; returns the offsetDelta.
int32_t skip_one(ByteReader& outer) {
  int64_t length = outer.varint();
  if (length < 0 || static_cast<uint64_t>(length) > outer.remaining()) {
    throw DecodeError("record length " + std::to_string(length) + " out of bounds");
  }
  auto body = outer.bytes(static_cast<size_t>(length));
  ByteReader r(body.data(), body.size());
  r.i8();
  r.varlong();
  int32_t offset_delta = r.varint();
  skip_nullable_bytes(r, "key");
  skip_nullable_bytes(r, "value");
  int64_t header_count = r.varint();
  if (header_count < 0 || static_cast<uint64_t>(header_count) > r.remaining() / 2) {
    throw DecodeError("bad header count");
  }
  for (int64_t i = 0; i < header_count; ++i) {
    int64_t key_len = r.varint();
    if (key_len < 0 || static_cast<uint64_t>(key_len) > r.remaining()) throw DecodeError("bad header key length");
    r.skip(static_cast<size_t>(key_len));
    skip_nullable_bytes(r, "header value");
  }
  if (r.remaining() != 0) throw DecodeError("record has " + std::to_string(r.remaining()) + " trailing bytes");
  return offset_delta;
}

// The records section of a complete batch, decompressed into `storage` when needed.
Result<std::span<const uint8_t>> records_section(std::span<const uint8_t> batch, const BatchHeader& h,
                                                 size_t max_decompressed, Bytes& storage) {
  if (h.batch_length < 0 || h.total_size() > batch.size() || h.total_size() < kBatchHeaderSize) {
    return Status::error(Errc::corrupt, "record batch length " + std::to_string(h.batch_length) + " out of bounds");
  }
  if (h.record_count < 0) return Status::error(Errc::corrupt, "negative record count");
  auto section = batch.subspan(kBatchHeaderSize, h.total_size() - kBatchHeaderSize);
  if (h.codec() == CompressionCodec::none) return section;
  auto d = decompress(h.codec(), section, max_decompressed);
  if (!d.ok()) return d.status();
  storage = std::move(d.value());
  return std::span<const uint8_t>(storage);
}

Record decode_one(ByteReader& outer) {
  int64_t length = outer.varint();
  if (length < 0 || static_cast<uint64_t>(length) > outer.remaining()) {
    throw DecodeError("record length " + std::to_string(length) + " out of bounds");
  }
  auto body = outer.bytes(static_cast<size_t>(length));
  ByteReader r(body.data(), body.size());
  Record rec;
  rec.attributes = r.i8();
  rec.timestamp_delta = r.varlong();
  rec.offset_delta = r.varint();
  rec.key = read_nullable_bytes(r, "key");
  rec.value = read_nullable_bytes(r, "value");
  int64_t header_count = r.varint();
  if (header_count < 0) throw DecodeError("negative header count");
  // Every header needs at least 2 bytes, which bounds the loop by the real input size.
  if (static_cast<uint64_t>(header_count) > r.remaining() / 2) throw DecodeError("header count too large");
  rec.headers.reserve(static_cast<size_t>(header_count));
  for (int64_t i = 0; i < header_count; ++i) {
    int64_t key_len = r.varint();
    if (key_len < 0 || static_cast<uint64_t>(key_len) > r.remaining()) throw DecodeError("bad header key length");
    auto key = r.bytes(static_cast<size_t>(key_len));
    RecordHeader h;
    h.key.assign(reinterpret_cast<const char*>(key.data()), key.size());
    h.value = read_nullable_bytes(r, "header value");
    rec.headers.push_back(std::move(h));
  }
  if (r.remaining() != 0) throw DecodeError("record has " + std::to_string(r.remaining()) + " trailing bytes");
  return rec;
}

void write_nullable_bytes(ByteWriter& w, const std::optional<Bytes>& b) {
  if (!b) {
    w.varint(-1);
    return;
  }
  w.varint(static_cast<int32_t>(b->size()));
  if (!b->empty()) w.bytes(b->data(), b->size());
}

}  // namespace

Result<BatchHeader> parse_batch_header(std::span<const uint8_t> data) {
  if (data.size() < kBatchHeaderSize) {
    return Status::error(Errc::corrupt, "record batch header truncated: " + std::to_string(data.size()) + " of " +
                                            std::to_string(kBatchHeaderSize) + " bytes");
  }
  try {
    ByteReader r(data.data(), kBatchHeaderSize);
    BatchHeader h;
    h.base_offset = r.i64();
    h.batch_length = r.i32();
    h.partition_leader_epoch = r.i32();
    h.magic = r.i8();
    h.crc = r.u32();
    h.attributes = r.i16();
    h.last_offset_delta = r.i32();
    h.base_timestamp = r.i64();
    h.max_timestamp = r.i64();
    h.producer_id = r.i64();
    h.producer_epoch = r.i16();
    h.base_sequence = r.i32();
    h.record_count = r.i32();
    if (h.magic != kMagicV2) {
      return Status::error(Errc::unsupported, "record batch magic " + std::to_string(h.magic) +
                                                  " is not supported; only magic 2");
    }
    return h;
  } catch (const DecodeError& e) {
    return Status::error(Errc::corrupt, std::string("record batch header: ") + e.what());
  }
}

uint32_t compute_batch_crc(std::span<const uint8_t> batch) {
  if (batch.size() < off::kAttributes) return 0;
  return crc32c(batch.data() + off::kAttributes, batch.size() - off::kAttributes);
}

void rewrite_batch_crc(std::span<uint8_t> batch) {
  store_be32(batch.data() + off::kCrc, compute_batch_crc(batch));
}

void set_base_offset(std::span<uint8_t> batch, int64_t base_offset) {
  store_be64(batch.data() + off::kBaseOffset, static_cast<uint64_t>(base_offset));
}

void set_partition_leader_epoch(std::span<uint8_t> batch, int32_t epoch) {
  store_be32(batch.data() + off::kPartitionLeaderEpoch, static_cast<uint32_t>(epoch));
}

void set_log_append_time(std::span<uint8_t> batch, int64_t timestamp_ms) {
  uint16_t attributes = static_cast<uint16_t>((batch[off::kAttributes] << 8) | batch[off::kAttributes + 1]);
  attributes |= attr::kTimestampType;
  batch[off::kAttributes] = static_cast<uint8_t>(attributes >> 8);
  batch[off::kAttributes + 1] = static_cast<uint8_t>(attributes);
  store_be64(batch.data() + off::kMaxTimestamp, static_cast<uint64_t>(timestamp_ms));
  rewrite_batch_crc(batch);
}

Result<std::vector<BatchInfo>> validate_batches(std::span<const uint8_t> buffer, const ValidateOptions& options) {
  std::vector<BatchInfo> out;
  size_t pos = 0;
  while (pos < buffer.size()) {
    auto info = check_one(buffer, pos, options);
    if (!info.ok()) return info.status();
    pos += info->size;
    out.push_back(info.value());
  }
  return out;
}

ValidPrefix valid_batch_prefix(std::span<const uint8_t> buffer, const ValidateOptions& options) {
  ValidPrefix result;
  size_t pos = 0;
  while (pos < buffer.size()) {
    auto info = check_one(buffer, pos, options);
    if (!info.ok()) {
      result.first_error = info.status();
      break;
    }
    pos += info->size;
    result.batches.push_back(info.value());
  }
  result.valid_bytes = pos;
  return result;
}

Result<std::vector<Record>> decode_records(std::span<const uint8_t> batch, size_t max_decompressed) {
  auto header = parse_batch_header(batch);
  if (!header.ok()) return header.status();
  const BatchHeader& h = header.value();
  Bytes decompressed;
  auto found = records_section(batch, h, max_decompressed, decompressed);
  if (!found.ok()) return found.status();
  std::span<const uint8_t> section = found.value();
  try {
    ByteReader r(section.data(), section.size());
    std::vector<Record> records;
    // The smallest possible record is 7 bytes, so the real input bounds the reservation,
    // not the (attacker controlled) record count.
    records.reserve(std::min<size_t>(static_cast<size_t>(h.record_count), section.size() / 7));
    for (int32_t i = 0; i < h.record_count; ++i) records.push_back(decode_one(r));
    if (r.remaining() != 0) {
      return Status::error(Errc::corrupt, "record batch has " + std::to_string(r.remaining()) +
                                              " bytes after its " + std::to_string(h.record_count) + " records");
    }
    return records;
  } catch (const DecodeError& e) {
    return Status::error(Errc::corrupt, std::string("record decoding failed: ") + e.what());
  }
}

Status validate_records(std::span<const uint8_t> batch, bool dense_offsets, size_t max_decompressed) {
  auto header = parse_batch_header(batch);
  if (!header.ok()) return header.status();
  const BatchHeader& h = header.value();
  Bytes decompressed;
  auto found = records_section(batch, h, max_decompressed, decompressed);
  if (!found.ok()) return found.status();
  std::span<const uint8_t> section = found.value();
  try {
    ByteReader r(section.data(), section.size());
    for (int32_t i = 0; i < h.record_count; ++i) {
      int32_t delta = skip_one(r);
      if (dense_offsets && delta != i) {
        return Status::error(Errc::corrupt, "record " + std::to_string(i) + " has offsetDelta " +
                                                std::to_string(delta) + "; producers must number records 0, 1, 2, ...");
      }
      if (delta < 0 || delta > h.last_offset_delta) {
        return Status::error(Errc::corrupt, "record offsetDelta " + std::to_string(delta) + " outside the batch");
      }
    }
    if (r.remaining() != 0) {
      return Status::error(Errc::corrupt, "record batch has " + std::to_string(r.remaining()) +
                                              " bytes after its " + std::to_string(h.record_count) + " records");
    }
  } catch (const DecodeError& e) {
    return Status::error(Errc::corrupt, std::string("record validation failed: ") + e.what());
  }
  return Status();
}

Bytes encode_records(std::span<const Record> records) {
  ByteWriter out;
  for (const Record& rec : records) {
    ByteWriter body;
    body.i8(rec.attributes);
    body.varlong(rec.timestamp_delta);
    body.varint(rec.offset_delta);
    write_nullable_bytes(body, rec.key);
    write_nullable_bytes(body, rec.value);
    body.varint(static_cast<int32_t>(rec.headers.size()));
    for (const RecordHeader& h : rec.headers) {
      body.varint(static_cast<int32_t>(h.key.size()));
      if (!h.key.empty()) body.bytes(h.key.data(), h.key.size());
      write_nullable_bytes(body, h.value);
    }
    Bytes b = body.take();
    out.varint(static_cast<int32_t>(b.size()));
    if (!b.empty()) out.bytes(b.data(), b.size());
  }
  return out.take();
}

Bytes assemble_batch(const BatchBuildOptions& o, CompressionCodec codec, int32_t record_count,
                     std::span<const uint8_t> records_section) {
  ByteWriter w;
  w.i64(o.base_offset);
  w.i32(static_cast<int32_t>(kBatchHeaderSize - kBatchLengthPrefix + records_section.size()));
  w.i32(o.partition_leader_epoch);
  w.i8(kMagicV2);
  w.u32(0);  // CRC, patched below once the covered bytes exist
  w.i16(static_cast<int16_t>((o.attributes & ~attr::kCodecMask) | static_cast<int16_t>(codec)));
  w.i32(o.last_offset_delta);
  w.i64(o.base_timestamp);
  w.i64(o.max_timestamp);
  w.i64(o.producer_id);
  w.i16(o.producer_epoch);
  w.i32(o.base_sequence);
  w.i32(record_count);
  if (!records_section.empty()) w.bytes(records_section.data(), records_section.size());
  Bytes batch = w.take();
  rewrite_batch_crc(batch);
  return batch;
}

Bytes build_record_batch(const BatchBuildOptions& options, std::span<const Record> records) {
  BatchBuildOptions o = options;
  if (o.last_offset_delta < 0) {
    int32_t last = 0;
    for (const Record& r : records) last = std::max(last, r.offset_delta);
    o.last_offset_delta = last;
  }
  if (o.max_timestamp < 0 && o.base_timestamp >= 0) {
    int64_t max_delta = 0;
    for (const Record& r : records) max_delta = std::max(max_delta, r.timestamp_delta);
    o.max_timestamp = o.base_timestamp + max_delta;
  }
  Bytes section = encode_records(records);
  return assemble_batch(o, CompressionCodec::none, static_cast<int32_t>(records.size()), section);
}

}  // namespace tributary::protocol
