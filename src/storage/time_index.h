// Sparse time index of one segment: (largest timestamp seen so far, base offset of the batch that
// carried it). Timestamps in the index only increase, so a binary search finds where a
// ListOffsets-by-timestamp scan may start. Held in memory, persisted like the offset index.
#pragma once

#include <cstdint>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"

namespace tributary::storage {

class TimeIndex {
 public:
  struct Entry {
    int64_t timestamp;
    uint32_t relative_offset;
  };
  static constexpr uint16_t kEntrySize = 12;

  explicit TimeIndex(int64_t base_offset = 0) : base_offset_(base_offset) {}

  // Ignored unless timestamp is larger than the last entry's (keeps the index monotonic).
  void append(int64_t timestamp, int64_t offset);
  // Offset from which a scan for the first record with timestamp >= target may start: the
  // offset of the last entry whose timestamp is < target (everything before it is older), or
  // the segment base offset when there is none.
  int64_t scan_start_offset(int64_t target_timestamp) const;
  void truncate_to_offset(int64_t offset);  // drops entries at or beyond offset
  void clear() { entries_.clear(); }
  bool empty() const { return entries_.empty(); }
  const Entry& last() const { return entries_.back(); }

  Bytes encode(int64_t log_size) const;
  Status decode(const Bytes& file, int64_t* log_size);

 private:
  int64_t base_offset_;
  std::vector<Entry> entries_;
};

}  // namespace tributary::storage
