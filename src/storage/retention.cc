#include "storage/retention.h"

namespace tributary::storage {

size_t segments_to_delete(const std::vector<SegmentSummary>& segments, const LogConfig& config, int64_t now_ms) {
  if (!config.cleanup_delete || segments.empty()) return 0;
  // An empty active segment has nothing to expire and must stay to receive appends.
  size_t sealed = segments.back().size_bytes == 0 ? segments.size() - 1 : segments.size();
  size_t count = 0;
  if (config.retention_ms >= 0) {
    // A segment expires by its newest record, so no record is deleted before its time. A
    // segment with no timestamps (-1) counts as expired, as Kafka treats it.
    while (count < sealed && now_ms - segments[count].max_timestamp > config.retention_ms) ++count;
  }
  if (config.retention_bytes >= 0) {
    int64_t total = 0;
    for (const auto& s : segments) total += s.size_bytes;
    for (size_t i = 0; i < count; ++i) total -= segments[i].size_bytes;
    while (count < sealed && total - segments[count].size_bytes >= config.retention_bytes) {
      total -= segments[count].size_bytes;
      ++count;
    }
  }
  return count;
}

}  // namespace tributary::storage
