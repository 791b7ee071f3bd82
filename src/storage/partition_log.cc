// PartitionLog: appends, reads, sync and queries. Opening/recovery is in log_loader.cc,
// retention/compaction/DeleteRecords in log_maintenance.cc.
#include "storage/partition_log.h"

#include <algorithm>
#include <string>

#include "protocol/record_batch.h"
#include "storage/batch_scanner.h"
#include "storage/file_io.h"
#include "storage/segment_files.h"

namespace tributary::storage {

namespace {
Status closed_error() { return Status::error(Errc::invalid_argument, "partition log is closed"); }
}  // namespace

PartitionLog::PartitionLog(std::filesystem::path dir, const LogConfig& config) : dir_(std::move(dir)), config_(config) {}

PartitionLog::~PartitionLog() = default;

Result<std::unique_ptr<PartitionLog>> PartitionLog::open(const std::filesystem::path& dir, const LogConfig& config) {
  TRY_STATUS(make_directories(dir));
  std::unique_ptr<PartitionLog> log(new PartitionLog(dir, config));
  TRY_STATUS(log->load());
  return log;
}

Result<AppendResult> PartitionLog::append(std::span<uint8_t> batches, int64_t now_ms, int32_t leader_epoch) {
  if (batches.empty()) return Status::error(Errc::invalid_argument, "append of zero bytes");
  LogConfig config;
  {
    std::lock_guard lock(mu_);
    if (closed_) return closed_error();
    config = config_;
  }
  // Validation (CRC over every byte, record walk, maybe decompression) runs before taking the
  // lock, so reads, syncs and other producers' appends do not wait for it.
  protocol::ValidateOptions options;
  options.max_batch_bytes = static_cast<size_t>(std::max<int32_t>(config.max_message_bytes, 0));
  options.require_dense_offsets = true;
  auto validated = protocol::validate_batches(batches, options);
  if (!validated.ok()) return validated.status();
  std::vector<protocol::BatchInfo>& infos = validated.value();
  // The CRC only proves the bytes arrived as the client sent them; checking the records too
  // keeps batches that no consumer (or compaction) could decode out of the log.
  for (const auto& b : infos) {
    TRY_STATUS(protocol::validate_records(batches.subspan(b.position, b.size), /*dense_offsets=*/true,
                                          static_cast<size_t>(std::max<int64_t>(config.max_decompressed_batch_bytes, 0))));
  }

  std::lock_guard lock(mu_);
  if (closed_) return closed_error();
  // Before any offset is assigned, so a refused or duplicate request changes nothing.
  auto producer_check = producers_.check(infos);
  if (!producer_check.ok()) return producer_check.status();
  if (const auto& original = producer_check->duplicate) {
    return AppendResult{original->first_offset, original->last_offset, -1, log_start_offset_, /*duplicate=*/true};
  }
  int64_t count = 0;
  for (const auto& b : infos) count += int64_t{b.header.last_offset_delta} + 1;
  Segment* seg = &active();
  int64_t base = seg->next_offset();
  int64_t size = static_cast<int64_t>(batches.size());
  bool too_big = seg->size_bytes() + size > config_.segment_bytes || seg->size_bytes() + size > UINT32_MAX;
  bool too_old = seg->roll_base_ms() >= 0 && now_ms - seg->roll_base_ms() >= config_.segment_ms;
  bool offsets_overflow = base + count - 1 - seg->base_offset() > INT32_MAX;  // relative offsets are 32-bit
  if (!seg->empty() && (too_big || too_old || offsets_overflow)) {
    TRY_STATUS(roll_locked(now_ms));
    seg = &active();
  }
  int64_t next = base;
  for (auto& b : infos) {
    std::span<uint8_t> bytes = batches.subspan(b.position, b.size);
    protocol::set_base_offset(bytes, next);
    b.header.base_offset = next;
    if (leader_epoch >= 0) {
      protocol::set_partition_leader_epoch(bytes, leader_epoch);
      b.header.partition_leader_epoch = leader_epoch;
    }
    if (config_.log_append_time) {
      protocol::set_log_append_time(bytes, now_ms);
      b.header.max_timestamp = now_ms;
      b.header.attributes |= protocol::attr::kTimestampType;
    }
    next = b.header.next_offset();
  }
  TRY_STATUS(seg->append(batches, infos, config_.index_interval_bytes, now_ms));
  for (const auto& b : infos) producers_.apply(b.header);
  return AppendResult{base, next - 1, config_.log_append_time ? now_ms : -1, log_start_offset_};
}

Status PartitionLog::roll_locked(int64_t now_ms) {
  (void)now_ms;
  active().finish_time_index();
  auto segment = Segment::create(dir_, active().next_offset());
  if (!segment.ok()) return segment.status();
  segments_.push_back(std::move(segment.value()));
  directory_dirty_ = true;
  // Lets the next open replay only from here. Not durable and not required: a snapshot beyond
  // what survives a crash is discarded at open, and a missing one only means a longer replay.
  (void)snapshot_producers_locked(/*durable=*/false);
  return Status();
}

Status PartitionLog::sync() {
  std::lock_guard sync_lock(sync_mu_);
  std::vector<std::shared_ptr<Segment>> dirty;
  std::shared_ptr<Segment> active_segment;
  bool directory = false;
  int64_t end = 0;
  {
    std::lock_guard lock(mu_);
    for (const auto& seg : segments_) {
      if (seg->needs_sync) {
        dirty.push_back(seg);
        seg->needs_sync = false;
      }
    }
    directory = directory_dirty_;
    directory_dirty_ = false;
    active_segment = segments_.back();
    end = active().next_offset();
  }
  // The slow part runs without mu_, so appends continue while the disk flushes.
  Status s;
  for (const auto& seg : dirty) {
    s = seg->sync();
    if (!s.ok()) break;
  }
  if (s.ok() && directory) s = sync_directory(dir_);
  // A rolled segment's data is now durable, so its index files may be written: a valid index
  // file therefore always describes synced bytes, which is what lets recovery trust it. They only
  // save a scan at the next open, so failing to write them does not fail the sync (close retries).
  for (const auto& seg : dirty) {
    if (!s.ok()) break;
    if (seg != active_segment && !seg->indexes_written) (void)seg->write_indexes(/*durable=*/false);
  }
  std::lock_guard lock(mu_);
  if (!s.ok()) {
    for (const auto& seg : dirty) seg->needs_sync = true;
    directory_dirty_ = directory_dirty_ || directory;
    return s;
  }
  synced_end_offset_ = std::max(synced_end_offset_, end);
  return Status();
}

int64_t PartitionLog::unsynced_end_offset() const { return log_end_offset(); }

int64_t PartitionLog::synced_end_offset() const {
  std::lock_guard lock(mu_);
  return synced_end_offset_;
}

size_t PartitionLog::segment_index_locked(int64_t offset) const {
  auto it = std::upper_bound(segments_.begin(), segments_.end(), offset,
                             [](int64_t o, const std::shared_ptr<Segment>& s) { return o < s->base_offset(); });
  return it == segments_.begin() ? 0 : static_cast<size_t>(std::prev(it) - segments_.begin());
}

Result<ReadResult> PartitionLog::read(int64_t offset, int32_t max_bytes, bool min_one_batch) const {
  ReadResult result{Bytes(), 0, 0};
  int64_t cursor = offset;
  for (;;) {
    std::shared_ptr<Segment> seg;
    int64_t scan_from = 0, end = 0;
    {
      std::lock_guard lock(mu_);
      if (closed_) return closed_error();
      result.log_start_offset = log_start_offset_;
      result.log_end_offset = active().next_offset();
      if (offset < log_start_offset_ || offset > result.log_end_offset) {
        return Status::error(Errc::out_of_range, "offset " + std::to_string(offset) + " is outside [" +
                                                     std::to_string(log_start_offset_) + ", " +
                                                     std::to_string(result.log_end_offset) + "]");
      }
      if (cursor >= result.log_end_offset) return result;
      size_t i = segment_index_locked(cursor);
      // Past the data of this segment (compaction may leave a gap at its end): use the next.
      while (i + 1 < segments_.size() && cursor >= segments_[i]->next_offset()) ++i;
      seg = segments_[i];
      scan_from = seg->scan_start_position(cursor);
      end = seg->size_bytes();
    }
    auto read = read_batches_from(seg->log(), scan_from, end, cursor, max_bytes, min_one_batch);
    if (!read.ok()) return read.status();
    if (read->found) {
      result.records = std::move(read->data);
      return result;
    }
    std::lock_guard lock(mu_);
    size_t i = segment_index_locked(seg->base_offset());
    if (i + 1 >= segments_.size() || segments_[i]->base_offset() != seg->base_offset()) return result;
    cursor = segments_[i + 1]->base_offset();
  }
}

int64_t PartitionLog::log_start_offset() const {
  std::lock_guard lock(mu_);
  return log_start_offset_;
}

int64_t PartitionLog::log_end_offset() const {
  std::lock_guard lock(mu_);
  return active().next_offset();
}

int64_t PartitionLog::size_bytes() const {
  std::lock_guard lock(mu_);
  int64_t total = 0;
  for (const auto& seg : segments_) total += seg->size_bytes();
  return total;
}

ProducerMap PartitionLog::producer_state() const {
  std::lock_guard lock(mu_);
  return producers_.entries();
}

size_t PartitionLog::segment_count() const {
  std::lock_guard lock(mu_);
  return segments_.size();
}

int64_t PartitionLog::max_timestamp_offset() const {
  std::lock_guard lock(mu_);
  int64_t best_ts = -1, best_offset = -1;
  for (const auto& seg : segments_) {
    if (seg->max_timestamp() > best_ts) {
      best_ts = seg->max_timestamp();
      best_offset = seg->max_timestamp_offset();
    }
  }
  return best_offset;
}

Result<TimestampLookup> PartitionLog::offset_for_timestamp(int64_t timestamp) const {
  int64_t after_base = -1;  // only segments with a larger base offset are left to search
  for (;;) {
    std::shared_ptr<Segment> seg;
    int64_t scan_from = 0, end = 0, log_start = 0;
    {
      std::lock_guard lock(mu_);
      if (closed_) return closed_error();
      log_start = log_start_offset_;
      // Every record in segments before the first one whose largest timestamp reaches the
      // target is older than the target.
      for (const auto& s : segments_) {
        if (s->base_offset() > after_base && s->max_timestamp() >= timestamp && s->next_offset() > log_start) {
          seg = s;
          break;
        }
      }
      if (!seg) return TimestampLookup{-1, -1};
      int64_t from_offset = std::max(seg->time_scan_start_offset(timestamp), log_start);
      scan_from = seg->scan_start_position(from_offset);
      end = seg->size_bytes();
    }
    BatchScanner scanner(seg->log(), scan_from, end);
    for (;;) {
      auto batch = scanner.next();
      if (!batch.ok()) return batch.status();
      if (!batch->has_value()) break;
      const auto& h = (*batch)->header;
      if (h.max_timestamp < timestamp || h.last_offset() < log_start || h.is_control()) continue;
      auto bytes = scanner.bytes_of(**batch);
      if (!bytes.ok()) return bytes.status();
      auto records = protocol::decode_records(*bytes);
      if (!records.ok()) return records.status();
      for (const auto& r : *records) {
        int64_t ts = protocol::record_timestamp(h, r);
        int64_t off = h.base_offset + r.offset_delta;
        if (off >= log_start && ts >= timestamp) return TimestampLookup{off, ts};
      }
    }
    after_base = seg->base_offset();
  }
}

void PartitionLog::update_config(const LogConfig& config) {
  std::lock_guard lock(mu_);
  config_ = config;
}

LogConfig PartitionLog::config() const {
  std::lock_guard lock(mu_);
  return config_;
}

Status PartitionLog::close() {
  std::lock_guard maint_lock(maint_mu_);
  {
    std::lock_guard lock(mu_);
    if (closed_) return Status();
    closed_ = true;  // new appends and reads fail from here on
  }
  TRY_STATUS(sync());
  std::lock_guard sync_lock(sync_mu_);
  std::lock_guard lock(mu_);
  for (const auto& seg : segments_) {
    if (seg->indexes_written) continue;
    seg->finish_time_index();
    TRY_STATUS(seg->write_indexes(/*durable=*/true));
  }
  TRY_STATUS(snapshot_producers_locked(/*durable=*/true));
  TRY_STATUS(sync_directory(dir_));
  // Written last: its presence promises that every index file matches its log.
  static constexpr uint8_t kMarker[] = {'c', 'l', 'e', 'a', 'n', '\n'};
  TRY_STATUS(write_file_atomically(dir_ / files::kCleanShutdownMarker, kMarker, /*durable=*/true));
  for (const auto& pending : pending_deletes_) (void)remove_file(pending.path);
  pending_deletes_.clear();
  return Status();
}

Status PartitionLog::remove_all(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (ec) return Status::error(Errc::io_error, "remove " + dir.string() + ": " + ec.message());
  if (dir.has_parent_path()) return sync_directory(dir.parent_path());
  return Status();
}

}  // namespace tributary::storage
