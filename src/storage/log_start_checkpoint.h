// The log start offset checkpoint: raised by DeleteRecords and retention, it must survive a
// restart even when no segment boundary matches it. 20 bytes, big-endian:
//   0 magic u32 "TBLS" | 4 version u16 | 6 reserved u16 | 8 log_start_offset i64 | 16 crc32c u32 of bytes 0..15
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "common/status.h"

namespace tributary::storage {

// nullopt when the file does not exist; Errc::corrupt when it does not check out.
Result<std::optional<int64_t>> read_log_start_checkpoint(const std::filesystem::path& dir);
// Atomic and durable (write temp, fdatasync, rename, fsync directory).
Status write_log_start_checkpoint(const std::filesystem::path& dir, int64_t log_start_offset);

}  // namespace tributary::storage
