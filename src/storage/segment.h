// One log segment: the .log file of raw batches plus its in-memory offset and time indexes and
// a summary (next offset, largest timestamp). Not thread-safe by itself: PartitionLog guards
// mutable state with its mutex; the File may be pread concurrently (pread is positional).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

#include "common/status.h"
#include "protocol/record_batch.h"
#include "storage/file_io.h"
#include "storage/offset_index.h"
#include "storage/time_index.h"

namespace tributary::storage {

class Segment {
 public:
  // A new, empty segment file (fails if one already exists with data).
  static Result<std::shared_ptr<Segment>> create(const std::filesystem::path& dir, int64_t base_offset);
  // Opens an existing .log file. Its summary and indexes are empty until load_indexes() or a
  // recovery scan fills them.
  static Result<std::shared_ptr<Segment>> open(const std::filesystem::path& dir, int64_t base_offset);

  int64_t base_offset() const { return base_offset_; }
  int64_t size_bytes() const { return size_; }
  bool empty() const { return size_ == 0; }
  // One past the last offset stored here (base offset when empty). After compaction the true
  // next offset may be larger; PartitionLog treats segment bases as authoritative.
  int64_t next_offset() const { return next_offset_; }
  int64_t max_timestamp() const { return max_timestamp_; }              // -1 when unknown
  // Last offset of the batch with the largest timestamp (after a reopen from index files: of a
  // batch at or after it). -1 when unknown.
  int64_t max_timestamp_offset() const { return max_timestamp_offset_; }
  // Time the segment.ms roll clock starts: first append (or the first batch's timestamp).
  int64_t roll_base_ms() const { return roll_base_ms_; }
  const File& log() const { return log_; }
  const std::filesystem::path& dir() const { return dir_; }

  // Appends batches that were validated and given offsets; `batches` positions are relative to
  // `data`. On a write error the file is truncated back and nothing is recorded.
  Status append(std::span<const uint8_t> data, const std::vector<protocol::BatchInfo>& batches,
                int32_t index_interval_bytes, int64_t now_ms);
  // Records one batch that lies at `position` in the file (append and recovery both use it).
  void track_batch(int64_t position, const protocol::BatchHeader& header, int32_t index_interval_bytes);
  // Forgets indexes and summary, before a rescan.
  void reset_state();
  Status truncate_to(int64_t size);
  // Adds the final (largest) timestamp to the time index; done when the segment stops growing.
  void finish_time_index();

  int64_t scan_start_position(int64_t offset) const { return offset_index_.floor_position(offset); }
  int64_t time_scan_start_offset(int64_t timestamp) const { return time_index_.scan_start_offset(timestamp); }

  // Writes .index and .timeindex (atomically, fdatasync'd when durable) describing the current
  // size. Only reads the indexes, so it may run outside the log mutex for a rolled segment; call
  // finish_time_index() first so the file records the largest timestamp.
  Status write_indexes(bool durable);
  // Loads both index files if they check out and describe exactly the current .log size, then
  // restores the summary from the indexes plus a short scan of the tail. Errc::corrupt otherwise.
  Status load_indexes();

  Status sync() { return log_.datasync(); }
  // Renames the three files to *.deleted; returns their new paths for delayed removal.
  Result<std::vector<std::filesystem::path>> rename_for_deletion();

  // Bookkeeping owned by PartitionLog (under its mutex).
  bool needs_sync = false;       // bytes written since the last fdatasync
  bool indexes_written = false;  // on-disk index files match the in-memory ones

 private:
  Segment(std::filesystem::path dir, int64_t base_offset, File log, int64_t size);

  std::filesystem::path dir_;
  int64_t base_offset_;
  File log_;
  int64_t size_;
  int64_t next_offset_;
  int64_t max_timestamp_ = -1;
  int64_t max_timestamp_offset_ = -1;
  int64_t roll_base_ms_ = -1;
  int64_t last_batch_base_offset_ = -1;
  int64_t bytes_since_index_entry_ = 0;
  OffsetIndex offset_index_;
  TimeIndex time_index_;
};

}  // namespace tributary::storage
