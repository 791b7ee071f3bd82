// Crash recovery of one segment: re-reads every batch with full checks (framing, magic, CRC,
// offsets increasing), rebuilds the indexes from what is valid, and truncates the file at the
// first torn or corrupt batch. After an unclean shutdown everything past that point is suspect.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "storage/segment.h"

namespace tributary::storage {

struct SegmentRecovery {
  int64_t valid_bytes = 0;
  int64_t truncated_bytes = 0;  // > 0 when a torn/corrupt tail was cut off
  int64_t batches = 0;
  Status stop_reason;  // why the scan stopped early (ok when the file was intact)
};

// `min_offset`: the first batch must not start below it (the previous segment's next offset).
Result<SegmentRecovery> recover_segment(Segment& segment, int32_t index_interval_bytes, int64_t min_offset);

}  // namespace tributary::storage
