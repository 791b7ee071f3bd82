// Log compaction (cleanup.policy=compact) over rolled segments: keep only the newest record of
// every key, drop tombstones (null value) once delete.retention.ms has passed since their
// timestamp, drop records without a key. Offsets are kept, so the cleaned log has gaps.
// Output batches are new uncompressed batches that keep the producer fields, timestamp type and
// transactional flag of their source batch; control batches are copied unchanged.
#pragma once

#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/status.h"
#include "storage/log_config.h"
#include "storage/segment.h"

namespace tributary::storage {

// Newest offset of every key in the segments being cleaned. Memory grows with distinct keys
// (Kafka bounds it with a fixed-size hash table; we keep it simple and exact).
using KeyOffsetMap = std::unordered_map<std::string, int64_t>;

Status build_key_offset_map(const std::vector<std::shared_ptr<Segment>>& segments, KeyOffsetMap& map);

struct CleanedSegment {
  std::filesystem::path cleaned_path;  // "<base>.log.cleaned", fdatasync'd; empty if unchanged
  int64_t records_kept = 0;
  int64_t records_dropped = 0;
  // Earliest time a tombstone kept now may be dropped (INT64_MAX when none was kept).
  int64_t next_tombstone_expiry_ms = std::numeric_limits<int64_t>::max();
};

// Last offsets of the batches that must survive even when all their records go: each
// idempotent producer's latest batch, which a producer-state rebuild from the log needs (as
// Kafka keeps it). Such a batch is kept as an empty batch (recordCount 0) with its offsets and
// sequence numbers.
using RetainedBatches = std::unordered_set<int64_t>;

// Writes the cleaned copy of `segment` next to it. When nothing would be dropped, no file is
// written and cleaned_path stays empty. Rewritten batches of idempotent producers keep their
// base offset, base sequence and lastOffsetDelta (the first surviving record's offsetDelta may
// then be > 0), so producer state read back from them is unchanged.
Result<CleanedSegment> clean_segment(const Segment& segment, const KeyOffsetMap& map, const LogConfig& config,
                                     int64_t now_ms, const RetainedBatches& retained = {});

}  // namespace tributary::storage
