// PartitionLog::load: turns a partition directory back into segments.
//  - clean shutdown (marker present): trust every index file that checks out; no data scan.
//  - unclean: trust index files of rolled segments (they are only written after the segment's
//    data was fdatasync'd), fully re-verify the last segment and any segment whose index does not
//    check out, and truncate at the first torn or corrupt batch.
#include <algorithm>
#include <string>

#include "storage/file_io.h"
#include "storage/log_start_checkpoint.h"
#include "storage/partition_log.h"
#include "storage/recovery.h"
#include "storage/segment_files.h"

namespace tributary::storage {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Deletes leftovers of interrupted work and returns the base offsets of the segments, sorted.
Result<std::vector<int64_t>> scan_directory(const std::filesystem::path& dir) {
  std::vector<int64_t> bases;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (ends_with(name, files::kTmpSuffix) || ends_with(name, files::kCleanedSuffix) ||
        ends_with(name, files::kDeletedSuffix)) {
      // Unfinished atomic writes, unfinished compaction output (the original .log is still in
      // place) and segments already scheduled for deletion.
      TRY_STATUS(remove_file(entry.path()));
    } else if (auto base = files::parse_log_file_name(name)) {
      bases.push_back(*base);
    }
  }
  if (ec) return Status::error(Errc::io_error, "list " + dir.string() + ": " + ec.message());
  std::sort(bases.begin(), bases.end());
  return bases;
}

Status delete_segment_files(Segment& segment) {
  auto renamed = segment.rename_for_deletion();
  if (!renamed.ok()) return renamed.status();
  for (const auto& path : *renamed) TRY_STATUS(remove_file(path));
  return Status();
}

}  // namespace

Status PartitionLog::load() {
  auto bases = scan_directory(dir_);
  if (!bases.ok()) return bases.status();
  const bool clean = file_exists(dir_ / files::kCleanShutdownMarker);
  auto checkpoint = read_log_start_checkpoint(dir_);
  int64_t checkpoint_offset = 0;
  if (checkpoint.ok() && checkpoint->has_value()) {
    checkpoint_offset = **checkpoint;
  } else if (!checkpoint.ok() && checkpoint.status().code() != Errc::corrupt) {
    return checkpoint.status();  // a corrupt checkpoint falls back to the first segment's base
  }

  int64_t previous_next = -1;
  for (size_t i = 0; i < bases->size(); ++i) {
    const bool last = i + 1 == bases->size();
    auto opened = Segment::open(dir_, (*bases)[i]);
    if (!opened.ok()) return opened.status();
    std::shared_ptr<Segment> seg = std::move(opened.value());
    bool trusted = (clean || !last) && seg->load_indexes().ok();
    if (!trusted) {
      auto recovered = recover_segment(*seg, config_.index_interval_bytes, previous_next);
      if (!recovered.ok()) return recovered.status();
      TRY_STATUS(seg->sync());
      if (!last) {
        seg->finish_time_index();
        TRY_STATUS(seg->write_indexes(/*durable=*/false));
      }
      if (recovered->truncated_bytes > 0 && !last) {
        // Data after a damaged point cannot be trusted to follow on: drop the later segments.
        segments_.push_back(std::move(seg));
        for (size_t j = i + 1; j < bases->size(); ++j) {
          auto later = Segment::open(dir_, (*bases)[j]);
          if (later.ok()) TRY_STATUS(delete_segment_files(**later));
        }
        break;
      }
    }
    previous_next = std::max(previous_next, seg->next_offset());
    segments_.push_back(std::move(seg));
  }

  if (segments_.empty()) {
    auto created = Segment::create(dir_, checkpoint_offset);
    if (!created.ok()) return created.status();
    segments_.push_back(std::move(created.value()));
  }
  log_start_offset_ = std::max(checkpoint_offset, segments_.front()->base_offset());
  if (log_start_offset_ > active().next_offset()) {
    // The checkpoint is ahead of all surviving data (records deleted up to the end, then a
    // crash lost the tail): start an empty segment at the log start offset.
    if (!active().empty() || active().base_offset() != log_start_offset_) {
      auto created = Segment::create(dir_, log_start_offset_);
      if (!created.ok()) return created.status();
      segments_.push_back(std::move(created.value()));
    }
  }
  // Segments wholly below the log start (a crash between checkpoint and deletion).
  size_t below = 0;
  while (below + 1 < segments_.size() && segments_[below + 1]->base_offset() <= log_start_offset_) ++below;
  for (size_t i = 0; i < below; ++i) TRY_STATUS(delete_segment_files(*segments_[i]));
  segments_.erase(segments_.begin(), segments_.begin() + static_cast<std::ptrdiff_t>(below));

  synced_end_offset_ = active().next_offset();
  compacted_up_to_ = -1;
  TRY_STATUS(load_producer_state());
  // From here on the log may change, so the marker must go before the first append.
  TRY_STATUS(remove_file(dir_ / files::kCleanShutdownMarker));
  return sync_directory(dir_);
}

}  // namespace tributary::storage
