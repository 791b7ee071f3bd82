#include "storage/recovery.h"

#include <string>

#include "storage/batch_scanner.h"

namespace tributary::storage {

Result<SegmentRecovery> recover_segment(Segment& segment, int32_t index_interval_bytes, int64_t min_offset) {
  segment.reset_state();
  SegmentRecovery result;
  BatchScanner scanner(segment.log(), 0, segment.size_bytes(), 1024 * 1024);
  int64_t expected_min = std::max(min_offset, segment.base_offset());
  for (;;) {
    std::span<const uint8_t> bytes;
    auto batch = scanner.next_verified(&bytes);
    if (!batch.ok()) {
      // An I/O error is not corruption: fail rather than throw away data that may be fine.
      if (batch.status().code() == Errc::io_error) return batch.status();
      result.stop_reason = batch.status();
      break;
    }
    if (!batch->has_value()) break;
    const ScannedBatch& b = **batch;
    if (b.header.base_offset < expected_min) {
      result.stop_reason = Status::error(Errc::corrupt, "batch at byte " + std::to_string(b.position) +
                                                            " has base offset " + std::to_string(b.header.base_offset) +
                                                            ", expected at least " + std::to_string(expected_min));
      break;
    }
    // Offsets are stored relative to the segment base in 32 bits (and must not overflow int64).
    if (b.header.base_offset - segment.base_offset() > INT32_MAX - int64_t{b.header.last_offset_delta}) {
      result.stop_reason = Status::error(Errc::corrupt, "batch at byte " + std::to_string(b.position) +
                                                            " has offsets too far from the segment base");
      break;
    }
    segment.track_batch(b.position, b.header, index_interval_bytes);
    expected_min = b.header.next_offset();
    result.valid_bytes = b.position + b.size();
    ++result.batches;
  }
  if (result.valid_bytes < segment.size_bytes()) {
    result.truncated_bytes = segment.size_bytes() - result.valid_bytes;
    TRY_STATUS(segment.truncate_to(result.valid_bytes));
    TRY_STATUS(segment.sync());
  }
  return result;
}

}  // namespace tributary::storage
