// PartitionLog's producer state across restarts: snapshot files written at segment roll and
// clean close, and on open the newest usable snapshot plus a replay of the batch headers after
// it (just the headers: producer id, epoch, sequences, offsets).
#include <string>

#include "storage/batch_scanner.h"
#include "storage/file_io.h"
#include "storage/partition_log.h"
#include "storage/producer_snapshot.h"
#include "storage/segment_files.h"

namespace tributary::storage {
namespace {
// Older snapshots are kept only as fall-backs for a damaged newer one.
constexpr size_t kKeptProducerSnapshots = 3;
}  // namespace

Status PartitionLog::load_producer_state() {
  std::lock_guard lock(mu_);
  const int64_t start = log_start_offset_;
  const int64_t end = active().next_offset();
  auto offsets = list_producer_snapshots(dir_);
  if (!offsets.ok()) return offsets.status();
  producers_.clear();
  int64_t replay_from = start;
  for (auto it = offsets->rbegin(); it != offsets->rend(); ++it) {
    // Beyond the end: it described data a crash took away. Below the start: those producers are gone.
    if (*it > end || *it < start) {
      TRY_STATUS(remove_file(files::producer_snapshot_path(dir_, *it)));
      continue;
    }
    auto snapshot = read_producer_snapshot(dir_, *it);
    if (!snapshot.ok()) {
      if (snapshot.status().code() == Errc::io_error) return snapshot.status();
      TRY_STATUS(remove_file(files::producer_snapshot_path(dir_, *it)));  // torn or damaged
      continue;
    }
    producers_.replace(std::move(snapshot.value()));
    replay_from = *it;
    break;
  }
  TRY_STATUS(replay_producer_batches_locked(replay_from));
  producers_.evict_below(start);
  prune_producer_snapshots_locked();
  return Status();
}

Status PartitionLog::replay_producer_batches_locked(int64_t from_offset) {
  for (size_t i = segment_index_locked(from_offset); i < segments_.size(); ++i) {
    const Segment& seg = *segments_[i];
    if (seg.next_offset() <= from_offset) continue;
    BatchScanner scanner(seg.log(), seg.scan_start_position(from_offset), seg.size_bytes());
    for (;;) {
      auto batch = scanner.next();
      if (!batch.ok()) return batch.status();
      if (!batch->has_value()) break;
      const protocol::BatchHeader& h = (*batch)->header;
      if (h.last_offset() >= from_offset) producers_.apply(h);
    }
  }
  return Status();
}

Status PartitionLog::snapshot_producers_locked(bool durable) {
  TRY_STATUS(write_producer_snapshot(dir_, active().next_offset(), producers_.entries(), durable));
  prune_producer_snapshots_locked();
  return Status();
}

void PartitionLog::prune_producer_snapshots_locked() {
  auto offsets = list_producer_snapshots(dir_);
  if (!offsets.ok()) return;  // pruning is retried with the next snapshot
  size_t kept = 0;
  for (auto it = offsets->rbegin(); it != offsets->rend(); ++it) {
    bool keep = *it >= log_start_offset_ && kept < kKeptProducerSnapshots;
    if (keep) {
      ++kept;
    } else {
      (void)remove_file(files::producer_snapshot_path(dir_, *it));
    }
  }
}

}  // namespace tributary::storage
