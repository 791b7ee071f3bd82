// File names inside a partition directory. Segments are named by their base offset,
// zero-padded to 20 digits so that lexical order is offset order (as Kafka does).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace tributary::storage::files {

inline constexpr const char* kLogSuffix = ".log";
inline constexpr const char* kOffsetIndexSuffix = ".index";
inline constexpr const char* kTimeIndexSuffix = ".timeindex";
inline constexpr const char* kProducerSnapshotSuffix = ".snapshot";  // producer state at an offset
inline constexpr const char* kCleanedSuffix = ".cleaned";   // compaction output before the swap
inline constexpr const char* kDeletedSuffix = ".deleted";   // awaiting file.delete.delay.ms
inline constexpr const char* kTmpSuffix = ".tmp";           // write_file_atomically scratch
inline constexpr const char* kCleanShutdownMarker = "clean-shutdown";
inline constexpr const char* kLogStartCheckpoint = "log-start-offset.checkpoint";

std::string offset_name(int64_t base_offset);  // "00000000000000000042"
std::filesystem::path log_path(const std::filesystem::path& dir, int64_t base_offset);
std::filesystem::path offset_index_path(const std::filesystem::path& dir, int64_t base_offset);
std::filesystem::path time_index_path(const std::filesystem::path& dir, int64_t base_offset);
std::filesystem::path producer_snapshot_path(const std::filesystem::path& dir, int64_t offset);

// Base offset of "<20 digits>.log", nullopt for any other name.
std::optional<int64_t> parse_log_file_name(const std::string& name);
// Offset of "<20 digits><suffix>", nullopt for any other name.
std::optional<int64_t> parse_offset_file_name(const std::string& name, const std::string& suffix);

}  // namespace tributary::storage::files
