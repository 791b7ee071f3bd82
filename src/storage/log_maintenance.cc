// PartitionLog housekeeping: segment.ms rolls, retention (delete policy), compaction (compact
// policy), DeleteRecords, and the delayed removal of *.deleted files.
#include <algorithm>
#include <string>

#include "common/clock.h"
#include "storage/compaction.h"
#include "storage/file_io.h"
#include "storage/log_start_checkpoint.h"
#include "storage/partition_log.h"
#include "storage/recovery.h"
#include "storage/retention.h"
#include "storage/segment_files.h"

namespace tributary::storage {

Status PartitionLog::maintain(int64_t now_ms) {
  std::lock_guard maint_lock(maint_mu_);
  LogConfig config;
  {
    std::lock_guard lock(mu_);
    if (closed_) return Status();
    config = config_;
    producers_.expire(now_ms, config.producer_id_expiration_ms);
    Segment& seg = active();
    if (!seg.empty() && seg.roll_base_ms() >= 0 && now_ms - seg.roll_base_ms() >= config.segment_ms) {
      TRY_STATUS(roll_locked(now_ms));
    }
    if (config.cleanup_delete) {
      std::vector<SegmentSummary> summaries;
      summaries.reserve(segments_.size());
      for (const auto& s : segments_) summaries.push_back({s->base_offset(), s->size_bytes(), s->max_timestamp()});
      size_t count = segments_to_delete(summaries, config, now_ms);
      // Expired data in the active segment: roll so that segment can go too (as Kafka does).
      if (count == segments_.size()) TRY_STATUS(roll_locked(now_ms));
      if (count > 0) TRY_STATUS(remove_leading_segments_locked(count, now_ms));
    }
  }
  if (config.cleanup_compact) TRY_STATUS(compact(now_ms));
  return purge_deleted_files(now_ms, false);
}

Status PartitionLog::delete_records_before(int64_t offset) {
  std::lock_guard maint_lock(maint_mu_);
  std::lock_guard lock(mu_);
  if (closed_) return Status::error(Errc::invalid_argument, "partition log is closed");
  int64_t end = active().next_offset();
  if (offset > end || offset < 0) {
    return Status::error(Errc::out_of_range, "delete records before " + std::to_string(offset) +
                                                 ": log end offset is " + std::to_string(end));
  }
  if (offset <= log_start_offset_) return Status();
  // Persist first: a crash after this point finishes the deletion on the next open.
  TRY_STATUS(set_log_start_locked(offset));
  int64_t now = tributary::now_ms();
  if (offset == end && !active().empty()) TRY_STATUS(roll_locked(now));  // lets the old active go
  size_t count = 0;
  while (count + 1 < segments_.size() && segments_[count + 1]->base_offset() <= offset) ++count;
  return remove_leading_segments_locked(count, now);
}

Status PartitionLog::set_log_start_locked(int64_t offset) {
  TRY_STATUS(write_log_start_checkpoint(dir_, offset));
  log_start_offset_ = offset;
  // As Kafka: producers whose every batch is gone are forgotten, with the snapshots below.
  producers_.evict_below(offset);
  prune_producer_snapshots_locked();
  return Status();
}

Status PartitionLog::remove_leading_segments_locked(size_t count, int64_t now_ms) {
  count = std::min(count, segments_.size() - 1);  // the active segment always stays
  if (count == 0) return Status();
  int64_t new_start = segments_[count]->base_offset();
  if (new_start > log_start_offset_) TRY_STATUS(set_log_start_locked(new_start));
  for (size_t i = 0; i < count; ++i) {
    // Renamed now, unlinked after file.delete.delay.ms; readers holding the segment keep
    // reading through their open descriptor either way.
    auto renamed = segments_[i]->rename_for_deletion();
    if (!renamed.ok()) return renamed.status();
    for (auto& path : *renamed) pending_deletes_.push_back({std::move(path), now_ms + config_.file_delete_delay_ms});
  }
  segments_.erase(segments_.begin(), segments_.begin() + static_cast<std::ptrdiff_t>(count));
  directory_dirty_ = true;
  return Status();
}

Status PartitionLog::purge_deleted_files(int64_t now_ms, bool everything) {
  std::vector<std::filesystem::path> due;
  {
    std::lock_guard lock(mu_);
    auto keep = std::partition(pending_deletes_.begin(), pending_deletes_.end(),
                               [&](const PendingDelete& p) { return !everything && p.delete_after_ms > now_ms; });
    for (auto it = keep; it != pending_deletes_.end(); ++it) due.push_back(it->path);
    pending_deletes_.erase(keep, pending_deletes_.end());
  }
  Status result;
  for (const auto& path : due) {
    Status s = remove_file(path);
    if (!s.ok()) result = s;
  }
  return result;
}

Status PartitionLog::compact(int64_t now_ms) {
  LogConfig config;
  std::vector<std::shared_ptr<Segment>> eligible;
  int64_t clean_end = 0;
  RetainedBatches retained;
  {
    std::lock_guard lock(mu_);
    config = config_;
    for (const auto& [id, entry] : producers_.entries()) {
      if (!entry.batches.empty()) retained.insert(entry.batches.back().last_offset);
    }
    // Rolled segments only, oldest first, stopping at the first one still inside
    // min.compaction.lag.ms (its newest record is too recent).
    for (size_t i = 0; i + 1 < segments_.size(); ++i) {
      const auto& seg = segments_[i];
      if (seg->max_timestamp() >= 0 && now_ms - seg->max_timestamp() < config.min_compaction_lag_ms) break;
      eligible.push_back(seg);
    }
    if (eligible.empty()) return Status();
    clean_end = segments_[eligible.size()]->base_offset();
    bool new_data = clean_end > compacted_up_to_;
    bool tombstones_due = now_ms >= next_tombstone_expiry_ms_;
    if (!new_data && !tombstones_due) return Status();
  }
  // Reading and rewriting happen without mu_: rolled segments no longer change, and maint_mu_
  // keeps retention and DeleteRecords away from them meanwhile.
  KeyOffsetMap map;
  TRY_STATUS(build_key_offset_map(eligible, map));
  int64_t next_expiry = std::numeric_limits<int64_t>::max();
  for (const auto& seg : eligible) {
    auto cleaned = clean_segment(*seg, map, config, now_ms, retained);
    if (!cleaned.ok()) return cleaned.status();
    next_expiry = std::min(next_expiry, cleaned->next_tombstone_expiry_ms);
    if (cleaned->cleaned_path.empty()) continue;
    // sync_mu_ keeps sync() from writing the old segment's index files over the new ones.
    std::lock_guard sync_lock(sync_mu_);
    // The old index files describe the old bytes; without them a crash right after the swap
    // makes the next open rebuild the indexes instead of trusting stale ones.
    TRY_STATUS(remove_file(files::offset_index_path(dir_, seg->base_offset())));
    TRY_STATUS(remove_file(files::time_index_path(dir_, seg->base_offset())));
    // rename() swaps the file atomically; readers of the old segment keep their descriptor.
    TRY_STATUS(rename_file(cleaned->cleaned_path, files::log_path(dir_, seg->base_offset())));
    TRY_STATUS(sync_directory(dir_));
    auto fresh = Segment::open(dir_, seg->base_offset());
    if (!fresh.ok()) return fresh.status();
    auto rebuilt = recover_segment(**fresh, config.index_interval_bytes, seg->base_offset());
    if (!rebuilt.ok()) return rebuilt.status();
    (*fresh)->finish_time_index();
    TRY_STATUS((*fresh)->write_indexes(/*durable=*/false));
    std::lock_guard lock(mu_);
    auto it = std::find(segments_.begin(), segments_.end(), seg);
    if (it != segments_.end()) *it = std::move(fresh.value());
  }
  std::lock_guard lock(mu_);
  compacted_up_to_ = clean_end;
  next_tombstone_expiry_ms_ = next_expiry;
  return Status();
}

}  // namespace tributary::storage
