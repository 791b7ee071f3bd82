#include "storage/segment.h"

#include "storage/batch_scanner.h"
#include "storage/segment_files.h"

namespace tributary::storage {

namespace {
constexpr size_t kMaxIndexFileBytes = 256u * 1024 * 1024;
}

Segment::Segment(std::filesystem::path dir, int64_t base_offset, File log, int64_t size)
    : dir_(std::move(dir)),
      base_offset_(base_offset),
      log_(std::move(log)),
      size_(size),
      next_offset_(base_offset),
      offset_index_(base_offset),
      time_index_(base_offset) {}

Result<std::shared_ptr<Segment>> Segment::create(const std::filesystem::path& dir, int64_t base_offset) {
  auto file = File::open(files::log_path(dir, base_offset), File::Mode::create_read_write);
  if (!file.ok()) return file.status();
  auto size = file->size();
  if (!size.ok()) return size.status();
  if (*size != 0) {
    return Status::error(Errc::already_exists, "segment " + file->path().string() + " already has data");
  }
  // Stale index files from an earlier segment with this base would describe other bytes.
  TRY_STATUS(remove_file(files::offset_index_path(dir, base_offset)));
  TRY_STATUS(remove_file(files::time_index_path(dir, base_offset)));
  return std::shared_ptr<Segment>(new Segment(dir, base_offset, std::move(file.value()), 0));
}

Result<std::shared_ptr<Segment>> Segment::open(const std::filesystem::path& dir, int64_t base_offset) {
  auto file = File::open(files::log_path(dir, base_offset), File::Mode::read_write);
  if (!file.ok()) return file.status();
  auto size = file->size();
  if (!size.ok()) return size.status();
  return std::shared_ptr<Segment>(new Segment(dir, base_offset, std::move(file.value()), *size));
}

Status Segment::append(std::span<const uint8_t> data, const std::vector<protocol::BatchInfo>& batches,
                       int32_t index_interval_bytes, int64_t now_ms) {
  Status written = log_.write_at(size_, data);
  if (!written.ok()) {
    (void)log_.truncate(size_);  // best effort: never leave half a call on disk
    return written;
  }
  if (size_ == 0 && roll_base_ms_ < 0) roll_base_ms_ = now_ms;
  int64_t start = size_;
  size_ += static_cast<int64_t>(data.size());
  for (const auto& b : batches) track_batch(start + static_cast<int64_t>(b.position), b.header, index_interval_bytes);
  needs_sync = true;
  indexes_written = false;
  return Status();
}

void Segment::track_batch(int64_t position, const protocol::BatchHeader& h, int32_t index_interval_bytes) {
  // Index the first batch and then one batch whenever index.interval.bytes have gone by, as Kafka.
  bool index_now = offset_index_.empty() || bytes_since_index_entry_ >= index_interval_bytes;
  if (h.max_timestamp > max_timestamp_) {
    max_timestamp_ = h.max_timestamp;
    max_timestamp_offset_ = h.last_offset();
  }
  if (index_now) {
    offset_index_.append(h.base_offset, position);
    // Every record before this batch is no newer than max_timestamp_, so a search for a later
    // timestamp may start scanning here.
    if (max_timestamp_ >= 0) time_index_.append(max_timestamp_, h.base_offset);
    bytes_since_index_entry_ = 0;
  }
  bytes_since_index_entry_ += static_cast<int64_t>(h.total_size());
  next_offset_ = std::max(next_offset_, h.next_offset());
  last_batch_base_offset_ = h.base_offset;
  if (roll_base_ms_ < 0 && h.max_timestamp >= 0) roll_base_ms_ = h.max_timestamp;
  indexes_written = false;
}

void Segment::reset_state() {
  offset_index_.clear();
  time_index_.clear();
  next_offset_ = base_offset_;
  max_timestamp_ = -1;
  max_timestamp_offset_ = -1;
  last_batch_base_offset_ = -1;
  bytes_since_index_entry_ = 0;
  indexes_written = false;
}

Status Segment::truncate_to(int64_t size) {
  TRY_STATUS(log_.truncate(size));
  size_ = size;
  offset_index_.truncate_to_position(size);
  needs_sync = true;
  indexes_written = false;
  return Status();
}

void Segment::finish_time_index() {
  if (max_timestamp_ >= 0 && last_batch_base_offset_ >= 0) time_index_.append(max_timestamp_, last_batch_base_offset_);
}

Status Segment::write_indexes(bool durable) {
  TRY_STATUS(write_file_atomically(files::offset_index_path(dir_, base_offset_), offset_index_.encode(size_), durable));
  TRY_STATUS(write_file_atomically(files::time_index_path(dir_, base_offset_), time_index_.encode(size_), durable));
  indexes_written = true;
  return Status();
}

Status Segment::load_indexes() {
  reset_state();
  auto offset_file = read_file(files::offset_index_path(dir_, base_offset_), kMaxIndexFileBytes);
  if (!offset_file.ok()) return offset_file.status();
  auto time_file = read_file(files::time_index_path(dir_, base_offset_), kMaxIndexFileBytes);
  if (!time_file.ok()) return time_file.status();
  int64_t offset_log_size = -1, time_log_size = -1;
  Status s = offset_index_.decode(*offset_file, &offset_log_size);
  if (s.ok()) s = time_index_.decode(*time_file, &time_log_size);
  if (s.ok() && (offset_log_size != size_ || time_log_size != size_)) {
    s = Status::error(Errc::corrupt, "index files describe a different log size");
  }
  if (!s.ok()) {
    reset_state();
    return s;
  }
  if (!time_index_.empty()) {
    max_timestamp_ = time_index_.last().timestamp;
    max_timestamp_offset_ = base_offset_ + time_index_.last().relative_offset;
  }
  // The next offset and the index cadence come from the batches after the last index entry.
  int64_t from = offset_index_.empty() ? 0 : offset_index_.last().position;
  BatchScanner scanner(log_, from, size_);
  int64_t last_end = from;
  for (;;) {
    auto batch = scanner.next();
    if (!batch.ok()) {
      reset_state();
      return batch.status();
    }
    if (!batch->has_value()) break;
    const auto& b = **batch;
    if (offset_index_.empty()) offset_index_.append(b.header.base_offset, b.position);
    bytes_since_index_entry_ += b.size();
    next_offset_ = std::max(next_offset_, b.header.next_offset());
    last_batch_base_offset_ = b.header.base_offset;
    last_end = b.position + b.size();
  }
  if (last_end != size_) {
    reset_state();
    return Status::error(Errc::corrupt, "log tail does not end on a batch boundary");
  }
  if (size_ > 0 && roll_base_ms_ < 0) {
    auto first = BatchScanner(log_, 0, size_).next();
    if (first.ok() && first->has_value()) roll_base_ms_ = (*first)->header.max_timestamp;
  }
  indexes_written = true;
  return Status();
}

Result<std::vector<std::filesystem::path>> Segment::rename_for_deletion() {
  std::vector<std::filesystem::path> renamed;
  for (const auto& path : {files::log_path(dir_, base_offset_), files::offset_index_path(dir_, base_offset_),
                           files::time_index_path(dir_, base_offset_)}) {
    if (!file_exists(path)) continue;
    std::filesystem::path target = path;
    target += files::kDeletedSuffix;
    TRY_STATUS(rename_file(path, target));
    renamed.push_back(target);
  }
  return renamed;
}

}  // namespace tributary::storage
