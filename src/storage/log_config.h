// Per-partition log settings; names and defaults follow Kafka's topic configs.
#pragma once

#include <cstdint>

namespace tributary::storage {

struct LogConfig {
  int64_t segment_bytes = 1073741824;      // segment.bytes: roll when the active segment would exceed it
  int64_t segment_ms = 604800000;          // segment.ms: roll when the active segment is this old
  int64_t retention_bytes = -1;            // retention.bytes, -1 = unlimited
  int64_t retention_ms = 604800000;        // retention.ms, -1 = unlimited
  bool cleanup_delete = true;              // cleanup.policy contains "delete"
  bool cleanup_compact = false;            // cleanup.policy contains "compact"
  int32_t index_interval_bytes = 4096;     // index.interval.bytes
  int32_t max_message_bytes = 1048588;     // max.message.bytes (largest batch accepted)
  int64_t delete_retention_ms = 86400000;  // delete.retention.ms: how long tombstones survive compaction
  int64_t min_compaction_lag_ms = 0;       // min.compaction.lag.ms
  bool log_append_time = false;            // message.timestamp.type=LogAppendTime
  int64_t file_delete_delay_ms = 60000;    // file.delete.delay.ms
  // producer.id.expiration.ms (a broker key in Kafka): forget an idempotent producer this long
  // after its last batch's timestamp.
  int64_t producer_id_expiration_ms = 86400000;
  // Not a Kafka config: appends decompress each batch to check its records (as Kafka's broker
  // does); a batch that inflates beyond this is refused with Errc::too_large (a zip-bomb guard).
  int64_t max_decompressed_batch_bytes = 64 * 1024 * 1024;
};

}  // namespace tributary::storage
