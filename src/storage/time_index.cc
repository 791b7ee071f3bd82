#include "storage/time_index.h"

#include <algorithm>

#include "storage/index_file.h"

namespace tributary::storage {

void TimeIndex::append(int64_t timestamp, int64_t offset) {
  int64_t rel = offset - base_offset_;
  if (rel < 0 || rel > UINT32_MAX || timestamp < 0) return;
  if (!entries_.empty() && timestamp <= entries_.back().timestamp) return;
  if (!entries_.empty() && rel < entries_.back().relative_offset) return;
  entries_.push_back({timestamp, static_cast<uint32_t>(rel)});
}

int64_t TimeIndex::scan_start_offset(int64_t target_timestamp) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), target_timestamp,
                             [](const Entry& e, int64_t t) { return e.timestamp < t; });
  if (it == entries_.begin()) return base_offset_;
  return base_offset_ + std::prev(it)->relative_offset;
}

void TimeIndex::truncate_to_offset(int64_t offset) {
  while (!entries_.empty() && base_offset_ + entries_.back().relative_offset >= offset) entries_.pop_back();
}

Bytes TimeIndex::encode(int64_t log_size) const {
  ByteWriter w(entries_.size() * kEntrySize);
  for (const Entry& e : entries_) {
    w.i64(e.timestamp);
    w.u32(e.relative_offset);
  }
  return encode_index_file(kTimeIndexMagic, kEntrySize, base_offset_, log_size,
                           static_cast<uint32_t>(entries_.size()), w.buffer());
}

Status TimeIndex::decode(const Bytes& file, int64_t* log_size) {
  auto contents = decode_index_file(file, kTimeIndexMagic, kEntrySize, base_offset_);
  if (!contents.ok()) return contents.status();
  std::vector<Entry> entries;
  entries.reserve(contents->entry_count);
  ByteReader r(contents->entries.data(), contents->entries.size());
  for (uint32_t i = 0; i < contents->entry_count; ++i) {
    Entry e{r.i64(), r.u32()};
    if (!entries.empty() && (e.timestamp <= entries.back().timestamp || e.relative_offset < entries.back().relative_offset)) {
      return Status::error(Errc::corrupt, "time index entries out of order");
    }
    entries.push_back(e);
  }
  entries_ = std::move(entries);
  *log_size = contents->log_size;
  return Status();
}

}  // namespace tributary::storage
