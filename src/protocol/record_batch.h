// Kafka record batches, message format magic v2 (the only format Tributary stores).
//
// Layout of one batch (big-endian), per Kafka's protocol documentation:
//   0  baseOffset            int64   (not covered by the CRC: the broker rewrites it)
//   8  batchLength           int32   (bytes after this field)
//  12  partitionLeaderEpoch  int32   (not covered by the CRC)
//  16  magic                 int8    (= 2)
//  17  crc                   uint32  (CRC-32C of bytes 21..end)
//  21  attributes            int16
//  23  lastOffsetDelta       int32
//  27  baseTimestamp         int64
//  35  maxTimestamp          int64
//  43  producerId            int64
//  51  producerEpoch         int16
//  53  baseSequence          int32
//  57  recordCount           int32
//  61  records...            (compressed as a whole when the codec is not none)
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"
#include "protocol/compression.h"

namespace tributary::protocol {

namespace batch_offsets {
inline constexpr size_t kBaseOffset = 0;
inline constexpr size_t kBatchLength = 8;
inline constexpr size_t kPartitionLeaderEpoch = 12;
inline constexpr size_t kMagic = 16;
inline constexpr size_t kCrc = 17;
inline constexpr size_t kAttributes = 21;
inline constexpr size_t kLastOffsetDelta = 23;
inline constexpr size_t kBaseTimestamp = 27;
inline constexpr size_t kMaxTimestamp = 35;
inline constexpr size_t kProducerId = 43;
inline constexpr size_t kProducerEpoch = 51;
inline constexpr size_t kBaseSequence = 53;
inline constexpr size_t kRecordCount = 57;
inline constexpr size_t kRecords = 61;
}  // namespace batch_offsets

inline constexpr size_t kBatchHeaderSize = batch_offsets::kRecords;  // 61
// baseOffset + batchLength precede the part counted by batchLength.
inline constexpr size_t kBatchLengthPrefix = 12;
inline constexpr int8_t kMagicV2 = 2;

enum class TimestampType : int8_t { create_time = 0, log_append_time = 1 };

namespace attr {
inline constexpr int16_t kCodecMask = 0x07;
inline constexpr int16_t kTimestampType = 0x08;
inline constexpr int16_t kTransactional = 0x10;
inline constexpr int16_t kControl = 0x20;
}  // namespace attr

struct BatchHeader {
  int64_t base_offset = 0;
  int32_t batch_length = 0;
  int32_t partition_leader_epoch = -1;
  int8_t magic = kMagicV2;
  uint32_t crc = 0;
  int16_t attributes = 0;
  int32_t last_offset_delta = 0;
  int64_t base_timestamp = -1;
  int64_t max_timestamp = -1;
  int64_t producer_id = -1;
  int16_t producer_epoch = -1;
  int32_t base_sequence = -1;
  int32_t record_count = 0;

  size_t total_size() const { return kBatchLengthPrefix + static_cast<size_t>(batch_length); }
  int64_t last_offset() const { return base_offset + last_offset_delta; }
  int64_t next_offset() const { return last_offset() + 1; }
  CompressionCodec codec() const { return static_cast<CompressionCodec>(attributes & attr::kCodecMask); }
  TimestampType timestamp_type() const {
    return (attributes & attr::kTimestampType) ? TimestampType::log_append_time : TimestampType::create_time;
  }
  bool is_transactional() const { return attributes & attr::kTransactional; }
  bool is_control() const { return attributes & attr::kControl; }
};

// Parses the 61-byte header at the start of `data`. Checks size and magic only (no CRC).
Result<BatchHeader> parse_batch_header(std::span<const uint8_t> data);

// CRC-32C over attributes..end of one complete batch.
uint32_t compute_batch_crc(std::span<const uint8_t> batch);
// Recomputes and stores the CRC of a complete batch (after editing CRC-covered fields).
void rewrite_batch_crc(std::span<uint8_t> batch);

// In-place edits of fields that the broker owns. baseOffset and partitionLeaderEpoch are
// outside the CRC; set_log_append_time changes covered fields and so refreshes the CRC.
void set_base_offset(std::span<uint8_t> batch, int64_t base_offset);
void set_partition_leader_epoch(std::span<uint8_t> batch, int32_t epoch);
void set_log_append_time(std::span<uint8_t> batch, int64_t timestamp_ms);

struct BatchInfo {
  size_t position = 0;  // offset of the batch inside the validated buffer
  size_t size = 0;      // total bytes of the batch
  BatchHeader header;
};

struct ValidateOptions {
  size_t max_batch_bytes = SIZE_MAX;  // Errc::too_large above this
  bool verify_crc = true;
  // Producer-style strictness: at least one record and lastOffsetDelta == recordCount - 1.
  // Compacted batches may have gaps, so the log itself only requires lastOffsetDelta >= count - 1.
  bool require_dense_offsets = false;
};

// Walks a buffer of concatenated batches and checks framing (length, truncation), magic == 2
// (older magics -> Errc::unsupported), CRC (-> Errc::corrupt), size limit (-> Errc::too_large),
// recordCount >= 0 and a consistent lastOffsetDelta. The whole buffer must be consumed.
Result<std::vector<BatchInfo>> validate_batches(std::span<const uint8_t> buffer, const ValidateOptions& options = {});

// Like validate_batches but stops (without error) at the first batch that is truncated or
// invalid, reporting how many leading bytes are good. Used by log recovery.
struct ValidPrefix {
  std::vector<BatchInfo> batches;
  size_t valid_bytes = 0;
  Status first_error;  // why the scan stopped early (ok when the whole buffer was valid)
};
ValidPrefix valid_batch_prefix(std::span<const uint8_t> buffer, const ValidateOptions& options = {});

struct RecordHeader {
  std::string key;
  std::optional<Bytes> value;  // nullopt = null
  bool operator==(const RecordHeader&) const = default;
};

struct Record {
  int8_t attributes = 0;
  int64_t timestamp_delta = 0;
  int32_t offset_delta = 0;
  std::optional<Bytes> key;    // nullopt = null key
  std::optional<Bytes> value;  // nullopt = null value (a tombstone)
  std::vector<RecordHeader> headers;
  bool operator==(const Record&) const = default;
};

// Absolute timestamp of a record: the batch maxTimestamp under LogAppendTime, else
// baseTimestamp + timestampDelta (-1 when the batch carries no timestamps).
inline int64_t record_timestamp(const BatchHeader& batch, const Record& record) {
  if (batch.timestamp_type() == TimestampType::log_append_time) return batch.max_timestamp;
  return batch.base_timestamp < 0 ? -1 : batch.base_timestamp + record.timestamp_delta;
}

// Decodes (and decompresses) all records of one complete batch. The batch CRC is not checked
// here (validate_batches does that). Errors: Errc::corrupt, Errc::too_large (decompressed size
// above max_decompressed), Errc::unsupported (magic/codec).
Result<std::vector<Record>> decode_records(std::span<const uint8_t> batch,
                                           size_t max_decompressed = kDefaultMaxDecompressedBytes);

// Checks every record of one complete batch without copying keys and values (decompressing
// into a temporary buffer when the codec is not none): record framing, that exactly recordCount
// records fill the section, and with dense_offsets that offsetDelta runs 0, 1, 2, ... as
// producers write it. Errc::corrupt, Errc::too_large (decompressed size above max_decompressed),
// Errc::unsupported (codec).
Status validate_records(std::span<const uint8_t> batch, bool dense_offsets,
                        size_t max_decompressed = kDefaultMaxDecompressedBytes);

// Serialises records (no compression) exactly as they appear after the batch header.
Bytes encode_records(std::span<const Record> records);

struct BatchBuildOptions {
  int64_t base_offset = 0;
  int32_t partition_leader_epoch = -1;
  int16_t attributes = 0;  // codec bits are taken from `codec`, the rest as given
  int64_t base_timestamp = -1;
  int64_t max_timestamp = -1;  // -1 = computed from the records (CreateTime)
  int64_t producer_id = -1;
  int16_t producer_epoch = -1;
  int32_t base_sequence = -1;
  int32_t last_offset_delta = -1;  // -1 = largest record offset delta
};

// Builds one batch around an already encoded (and possibly compressed) records section;
// computes batchLength and the CRC.
Bytes assemble_batch(const BatchBuildOptions& options, CompressionCodec codec, int32_t record_count,
                     std::span<const uint8_t> records_section);

// Builds a new uncompressed batch from records (compaction output, tests).
Bytes build_record_batch(const BatchBuildOptions& options, std::span<const Record> records);

}  // namespace tributary::protocol
