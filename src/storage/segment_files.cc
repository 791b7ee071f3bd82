#include "storage/segment_files.h"

#include <cstdio>

namespace tributary::storage::files {

std::string offset_name(int64_t base_offset) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%020lld", static_cast<long long>(base_offset));
  return buf;
}

std::filesystem::path log_path(const std::filesystem::path& dir, int64_t base_offset) {
  return dir / (offset_name(base_offset) + kLogSuffix);
}

std::filesystem::path offset_index_path(const std::filesystem::path& dir, int64_t base_offset) {
  return dir / (offset_name(base_offset) + kOffsetIndexSuffix);
}

std::filesystem::path time_index_path(const std::filesystem::path& dir, int64_t base_offset) {
  return dir / (offset_name(base_offset) + kTimeIndexSuffix);
}

std::filesystem::path producer_snapshot_path(const std::filesystem::path& dir, int64_t offset) {
  return dir / (offset_name(offset) + kProducerSnapshotSuffix);
}

std::optional<int64_t> parse_log_file_name(const std::string& name) { return parse_offset_file_name(name, kLogSuffix); }

std::optional<int64_t> parse_offset_file_name(const std::string& name, const std::string& suffix) {
  if (name.size() != 20 + suffix.size() || name.compare(20, suffix.size(), suffix) != 0) return std::nullopt;
  int64_t value = 0;
  for (size_t i = 0; i < 20; ++i) {
    char c = name[i];
    if (c < '0' || c > '9') return std::nullopt;
    if (value > (INT64_MAX - (c - '0')) / 10) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace tributary::storage::files
