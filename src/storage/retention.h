// Which old segments the delete cleanup policy removes. Pure functions over segment summaries so
// the rules are testable without files. Only whole segments go, oldest first. As in Kafka, a
// non-empty active segment may qualify too; the caller then rolls it before deleting.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "storage/log_config.h"

namespace tributary::storage {

struct SegmentSummary {
  int64_t base_offset;
  int64_t size_bytes;
  int64_t max_timestamp;  // -1 when unknown
};

// `segments` is oldest first and ends with the active segment (never counted when empty).
// Returns how many leading segments to delete: those whose newest record is older than retention.ms, then more while
// the log stays above retention.bytes without them. Deleting stops at the first segment that
// must stay, so the log never gets holes.
size_t segments_to_delete(const std::vector<SegmentSummary>& segments, const LogConfig& config, int64_t now_ms);

}  // namespace tributary::storage
