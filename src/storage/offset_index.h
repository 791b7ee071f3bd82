// Sparse offset index of one segment: batch base offset -> byte position in the .log file,
// one entry roughly every index.interval.bytes. Held in memory (8 bytes per entry, i.e. ~2 KB
// per MB of log at the default interval) and written whole to the .index file when the segment
// is synced or the log closes; the on-disk copy only saves the scan on the next open.
#pragma once

#include <cstdint>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"

namespace tributary::storage {

class OffsetIndex {
 public:
  struct Entry {
    uint32_t relative_offset;  // offset - segment base offset
    uint32_t position;         // byte position of the batch in the .log file
  };
  static constexpr uint16_t kEntrySize = 8;

  explicit OffsetIndex(int64_t base_offset = 0) : base_offset_(base_offset) {}

  // Entries must arrive in increasing offset and position order; others are ignored.
  void append(int64_t offset, int64_t position);
  // Position of the last indexed batch whose base offset is <= offset (0 if none): a scan for
  // `offset` can start there.
  int64_t floor_position(int64_t offset) const;
  // Drops entries pointing at or beyond `position` (after a log truncation).
  void truncate_to_position(int64_t position);
  void clear() { entries_.clear(); }
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  const Entry& last() const { return entries_.back(); }
  int64_t base_offset() const { return base_offset_; }

  Bytes encode(int64_t log_size) const;
  // Replaces the contents from an .index file; Errc::corrupt when it does not check out.
  Status decode(const Bytes& file, int64_t* log_size);

 private:
  int64_t base_offset_;
  std::vector<Entry> entries_;
};

}  // namespace tributary::storage
