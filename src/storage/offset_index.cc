#include "storage/offset_index.h"

#include <algorithm>

#include "storage/index_file.h"

namespace tributary::storage {

void OffsetIndex::append(int64_t offset, int64_t position) {
  int64_t rel = offset - base_offset_;
  if (rel < 0 || rel > UINT32_MAX || position < 0 || position > UINT32_MAX) return;
  if (!entries_.empty() && (rel <= entries_.back().relative_offset || position <= entries_.back().position)) return;
  entries_.push_back({static_cast<uint32_t>(rel), static_cast<uint32_t>(position)});
}

int64_t OffsetIndex::floor_position(int64_t offset) const {
  int64_t rel = offset - base_offset_;
  if (rel < 0 || entries_.empty()) return 0;
  auto it = std::upper_bound(entries_.begin(), entries_.end(), rel,
                             [](int64_t r, const Entry& e) { return r < static_cast<int64_t>(e.relative_offset); });
  if (it == entries_.begin()) return 0;
  return std::prev(it)->position;
}

void OffsetIndex::truncate_to_position(int64_t position) {
  while (!entries_.empty() && entries_.back().position >= position) entries_.pop_back();
}

Bytes OffsetIndex::encode(int64_t log_size) const {
  ByteWriter w(entries_.size() * kEntrySize);
  for (const Entry& e : entries_) {
    w.u32(e.relative_offset);
    w.u32(e.position);
  }
  return encode_index_file(kOffsetIndexMagic, kEntrySize, base_offset_, log_size,
                           static_cast<uint32_t>(entries_.size()), w.buffer());
}

Status OffsetIndex::decode(const Bytes& file, int64_t* log_size) {
  auto contents = decode_index_file(file, kOffsetIndexMagic, kEntrySize, base_offset_);
  if (!contents.ok()) return contents.status();
  std::vector<Entry> entries;
  entries.reserve(contents->entry_count);
  ByteReader r(contents->entries.data(), contents->entries.size());
  for (uint32_t i = 0; i < contents->entry_count; ++i) {
    Entry e{r.u32(), r.u32()};
    // A checksum-valid file must still be ordered; anything else means a bug wrote it.
    if (!entries.empty() && (e.relative_offset <= entries.back().relative_offset || e.position <= entries.back().position)) {
      return Status::error(Errc::corrupt, "offset index entries out of order");
    }
    if (static_cast<int64_t>(e.position) >= contents->log_size) {
      return Status::error(Errc::corrupt, "offset index entry beyond the log size");
    }
    entries.push_back(e);
  }
  entries_ = std::move(entries);
  *log_size = contents->log_size;
  return Status();
}

}  // namespace tributary::storage
