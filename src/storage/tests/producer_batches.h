// Test helpers for idempotent-producer batches.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "common/bytes.h"
#include "protocol/record_batch.h"
#include "storage/producer_state.h"

namespace tributary::storage {
// Readable GoogleTest failure messages.
inline void PrintTo(const ProducerEntry& e, std::ostream* os) {
  *os << "{epoch " << e.epoch << " ts " << e.last_timestamp << " batches";
  for (const auto& b : e.batches) *os << " [seq " << b.first_seq << "-" << b.last_seq << " @" << b.first_offset << "-" << b.last_offset << "]";
  *os << "}";
}
}  // namespace tributary::storage

namespace tributary::storage::testing {

// `count` records "v0".."v<count-1>" from producer `pid` at `epoch`, numbered from `seq`.
inline Bytes producer_batch(int64_t pid, int16_t epoch, int32_t seq, int count = 1, int64_t timestamp = 1000) {
  std::vector<protocol::Record> records(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    records[static_cast<size_t>(i)].offset_delta = i;
    std::string value = "v" + std::to_string(i);
    records[static_cast<size_t>(i)].value = Bytes(value.begin(), value.end());
  }
  protocol::BatchBuildOptions options;
  options.producer_id = pid;
  options.producer_epoch = epoch;
  options.base_sequence = seq;
  options.base_timestamp = timestamp;
  return protocol::build_record_batch(options, records);
}

// Like producer_batch, with key "<key>" on every record (for compaction tests).
inline Bytes keyed_producer_batch(int64_t pid, int16_t epoch, int32_t seq, int count, const std::string& key,
                                  int64_t timestamp = 1000) {
  std::vector<protocol::Record> records(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    records[static_cast<size_t>(i)].offset_delta = i;
    records[static_cast<size_t>(i)].key = Bytes(key.begin(), key.end());
    records[static_cast<size_t>(i)].value = Bytes{'x'};
  }
  protocol::BatchBuildOptions options;
  options.producer_id = pid;
  options.producer_epoch = epoch;
  options.base_sequence = seq;
  options.base_timestamp = timestamp;
  return protocol::build_record_batch(options, records);
}

inline Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// A header alone, for ProducerStateTable tests that need no bytes.
inline protocol::BatchInfo producer_header(int64_t pid, int16_t epoch, int32_t seq, int count, int64_t base_offset = 0,
                                           int64_t timestamp = 1000) {
  protocol::BatchInfo info;
  info.header.producer_id = pid;
  info.header.producer_epoch = epoch;
  info.header.base_sequence = seq;
  info.header.record_count = count;
  info.header.last_offset_delta = count - 1;
  info.header.base_offset = base_offset;
  info.header.max_timestamp = timestamp;
  return info;
}

}  // namespace tributary::storage::testing
