// The durable log of one partition: a directory of segments (see docs/storage-format.md).
//
// Thread safety: every method may be called from any thread. One mutex guards the segment list
// and offsets and is held only briefly; data is read with pread outside it (segments are
// shared_ptrs, so a segment deleted or compacted meanwhile stays readable until the read ends).
// fdatasync (sync) and compaction also run outside it, so appends are not blocked by disk flushes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"
#include "storage/log_config.h"
#include "storage/producer_state.h"
#include "storage/segment.h"

namespace tributary::storage {

struct AppendResult {
  int64_t base_offset;
  int64_t last_offset;
  int64_t log_append_time;  // -1 unless LogAppendTime
  int64_t log_start_offset;
  // An idempotent producer's retry of batches already in the log: nothing was written and the
  // offsets are the original ones (Kafka answers such a retry with success).
  bool duplicate = false;
};

struct ReadResult {
  Bytes records;
  int64_t log_start_offset;
  int64_t log_end_offset;
};

struct TimestampLookup {
  int64_t offset;     // -1 when no record has timestamp >= the target
  int64_t timestamp;  // -1 with offset -1
};

class PartitionLog {
 public:
  // Creates the directory or reopens it; after an unclean shutdown recovers the tail first.
  static Result<std::unique_ptr<PartitionLog>> open(const std::filesystem::path& dir, const LogConfig& config);
  ~PartitionLog();  // without close() this behaves like a crash: nothing is synced
  PartitionLog(const PartitionLog&) = delete;
  PartitionLog& operator=(const PartitionLog&) = delete;

  // Validates every batch (CRC failure or undecodable records -> Errc::corrupt, above
  // max.message.bytes -> Errc::too_large, magic 0/1 -> Errc::unsupported), assigns offsets by rewriting each baseOffset in place (and
  // maxTimestamp + timestamp-type + CRC under LogAppendTime; partitionLeaderEpoch when
  // leader_epoch >= 0), then appends the bytes. All or nothing per call.
  // Batches with a producer id are checked against the producer state first (see
  // producer_state.h): a retry returns the original offsets with `duplicate` set, a sequence
  // gap / stale epoch / unknown producer fails with out_of_order_sequence /
  // invalid_producer_epoch / unknown_producer_id.
  Result<AppendResult> append(std::span<uint8_t> batches, int64_t now_ms, int32_t leader_epoch = -1);
  // fdatasync of everything written since the last sync; cheap no-op when clean.
  Status sync();
  int64_t unsynced_end_offset() const;  // = log end offset
  int64_t synced_end_offset() const;    // offsets below this are on disk

  // Whole batches from the one containing `offset`, up to max_bytes (at least one batch when
  // min_one_batch). offset == log end -> empty; outside [start, end] -> Errc::out_of_range.
  // Reads stay within one segment, as Kafka's do.
  Result<ReadResult> read(int64_t offset, int32_t max_bytes, bool min_one_batch) const;
  int64_t log_start_offset() const;
  int64_t log_end_offset() const;
  int64_t size_bytes() const;
  // First offset whose record timestamp >= timestamp (ListOffsets); {-1, -1} when none.
  Result<TimestampLookup> offset_for_timestamp(int64_t timestamp) const;
  // Last offset of the batch holding the largest timestamp; -1 for an empty log.
  int64_t max_timestamp_offset() const;

  // Raises the log start offset (persisted) and deletes whole segments below it.
  // offset > log end -> Errc::out_of_range; offset <= log start is a no-op.
  Status delete_records_before(int64_t offset);
  // Roll by segment.ms, retention by time and size (delete policy), compaction when due
  // (compact policy), removal of *.deleted files older than file.delete.delay.ms.
  Status maintain(int64_t now_ms);
  void update_config(const LogConfig& config);
  LogConfig config() const;
  // Syncs, writes all index files and the clean-shutdown marker. Later calls fail.
  Status close();
  // Deletes the directory (topic deletion). The log must be closed or never opened.
  static Status remove_all(const std::filesystem::path& dir);

  size_t segment_count() const;  // for tests and metrics
  ProducerMap producer_state() const;  // a copy, for tests

 private:
  struct PendingDelete {
    std::filesystem::path path;
    int64_t delete_after_ms;
  };

  PartitionLog(std::filesystem::path dir, const LogConfig& config);
  Status load();  // log_loader.cc

  // Helpers that expect mu_ to be held.
  Segment& active() const { return *segments_.back(); }
  Status roll_locked(int64_t now_ms);
  size_t segment_index_locked(int64_t offset) const;  // segment whose range may hold offset
  Status set_log_start_locked(int64_t offset);
  Status remove_leading_segments_locked(size_t count, int64_t now_ms);
  Status compact(int64_t now_ms);  // log_maintenance.cc, called with maint_mu_ held
  Status purge_deleted_files(int64_t now_ms, bool everything);
  // Producer state (log_producer_state.cc).
  Status load_producer_state();  // from load(): latest usable snapshot + replay of later batches
  Status replay_producer_batches_locked(int64_t from_offset);
  Status snapshot_producers_locked(bool durable);  // <log end>.snapshot, then prune
  void prune_producer_snapshots_locked();

  const std::filesystem::path dir_;
  mutable std::mutex mu_;  // segments_, offsets, config_, pending_deletes_
  std::mutex sync_mu_;     // one sync (or compaction swap) at a time; taken before mu_
  std::mutex maint_mu_;    // maintain / delete_records_before / close; taken before sync_mu_
  LogConfig config_;
  std::vector<std::shared_ptr<Segment>> segments_;  // by base offset; back() is active
  int64_t log_start_offset_ = 0;
  int64_t synced_end_offset_ = 0;
  bool directory_dirty_ = false;  // segment files created or renamed since the last sync
  bool closed_ = false;
  int64_t compacted_up_to_ = -1;  // every rolled segment below this offset is clean
  int64_t next_tombstone_expiry_ms_ = std::numeric_limits<int64_t>::max();
  std::vector<PendingDelete> pending_deletes_;
  ProducerStateTable producers_;  // under mu_
};

}  // namespace tributary::storage
