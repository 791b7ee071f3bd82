#include "storage/compaction.h"

#include <algorithm>

#include "protocol/record_batch.h"
#include "storage/batch_scanner.h"
#include "storage/file_io.h"
#include "storage/segment_files.h"

namespace tributary::storage {
namespace {

using protocol::BatchHeader;
using protocol::Record;

std::string key_string(const Bytes& key) { return std::string(key.begin(), key.end()); }


// Walks the verified batches of a segment, calling fn(header, bytes).
template <class Fn>
Status for_each_batch(const Segment& segment, Fn&& fn) {
  BatchScanner scanner(segment.log(), 0, segment.size_bytes(), 1024 * 1024);
  for (;;) {
    std::span<const uint8_t> bytes;
    auto batch = scanner.next_verified(&bytes);
    if (!batch.ok()) return batch.status();
    if (!batch->has_value()) return Status();
    TRY_STATUS(fn((*batch)->header, bytes));
  }
}

}  // namespace

Status build_key_offset_map(const std::vector<std::shared_ptr<Segment>>& segments, KeyOffsetMap& map) {
  for (const auto& segment : segments) {
    TRY_STATUS(for_each_batch(*segment, [&](const BatchHeader& h, std::span<const uint8_t> bytes) -> Status {
      if (h.is_control()) return Status();
      auto records = protocol::decode_records(bytes);
      if (!records.ok()) return records.status();
      for (const Record& r : *records) {
        if (!r.key) continue;
        int64_t offset = h.base_offset + r.offset_delta;
        auto [it, inserted] = map.try_emplace(key_string(*r.key), offset);
        if (!inserted && offset > it->second) it->second = offset;
      }
      return Status();
    }));
  }
  return Status();
}

Result<CleanedSegment> clean_segment(const Segment& segment, const KeyOffsetMap& map, const LogConfig& config,
                                     int64_t now_ms, const RetainedBatches& retained) {
  CleanedSegment result;
  Bytes output;
  TRY_STATUS(for_each_batch(segment, [&](const BatchHeader& h, std::span<const uint8_t> bytes) -> Status {
    if (h.is_control()) {
      output.insert(output.end(), bytes.begin(), bytes.end());
      return Status();
    }
    auto records = protocol::decode_records(bytes);
    if (!records.ok()) return records.status();
    std::vector<Record> kept;
    std::vector<int64_t> kept_offsets;
    for (Record& r : *records) {
      int64_t offset = h.base_offset + r.offset_delta;
      bool keep = false;
      if (r.key) {
        auto it = map.find(key_string(*r.key));
        keep = it != map.end() && it->second == offset;
      }
      if (keep && !r.value) {
        // Tombstones stay long enough for consumers to see the delete.
        int64_t ts = protocol::record_timestamp(h, r);
        int64_t expiry = ts + config.delete_retention_ms;
        if (ts < 0 || expiry <= now_ms) {
          keep = false;
        } else {
          result.next_tombstone_expiry_ms = std::min(result.next_tombstone_expiry_ms, expiry);
        }
      }
      if (keep) {
        kept_offsets.push_back(offset);
        kept.push_back(std::move(r));
      } else {
        ++result.records_dropped;
      }
    }
    result.records_kept += static_cast<int64_t>(kept.size());
    const bool must_retain = h.producer_id >= 0 && retained.count(h.last_offset()) > 0;
    if (kept.empty() && !must_retain) return Status();
    if (kept.size() == records->size()) {
      output.insert(output.end(), bytes.begin(), bytes.end());  // untouched batch: keep it as is
      return Status();
    }
    // Rebase onto the first surviving record; timestamps keep the source batch's base. An
    // idempotent producer's batch keeps its base offset, base sequence and lastOffsetDelta (as
    // Kafka's cleaner does), so producer state read back from it equals what the append recorded.
    const bool keep_shape = h.producer_id >= 0;
    int64_t new_base = keep_shape || kept.empty() ? h.base_offset : kept_offsets.front();
    for (size_t i = 0; i < kept.size(); ++i) kept[i].offset_delta = static_cast<int32_t>(kept_offsets[i] - new_base);
    protocol::BatchBuildOptions o;
    o.base_offset = new_base;
    o.partition_leader_epoch = h.partition_leader_epoch;
    o.attributes = static_cast<int16_t>(h.attributes & ~protocol::attr::kCodecMask);
    o.base_timestamp = h.base_timestamp;
    o.max_timestamp = h.max_timestamp;
    o.producer_id = h.producer_id;
    o.producer_epoch = h.producer_epoch;
    o.base_sequence = h.base_sequence;
    if (keep_shape) o.last_offset_delta = h.last_offset_delta;
    Bytes batch = protocol::build_record_batch(o, kept);
    output.insert(output.end(), batch.begin(), batch.end());
    return Status();
  }));
  if (result.records_dropped == 0) return result;
  std::filesystem::path path = files::log_path(segment.dir(), segment.base_offset());
  path += files::kCleanedSuffix;
  auto file = File::open(path, File::Mode::create_read_write);
  if (!file.ok()) return file.status();
  TRY_STATUS(file->truncate(0));
  TRY_STATUS(file->write_at(0, output));
  TRY_STATUS(file->datasync());
  TRY_STATUS(file->close());
  result.cleaned_path = path;
  return result;
}

}  // namespace tributary::storage
