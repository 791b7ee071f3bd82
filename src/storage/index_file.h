// The framing shared by .index and .timeindex files: a 32-byte header with a checksum over the
// header and every entry, so a torn, truncated or stale index is detected and rebuilt from the
// log instead of being trusted. Layout (big-endian) is in docs/storage-format.md:
//   0 magic u32 | 4 version u16 | 6 entry_size u16 | 8 base_offset i64 | 16 log_size i64
//  24 entry_count u32 | 28 crc32c u32 (of bytes 0..27 followed by the entries) | 32 entries...
#pragma once

#include <cstdint>
#include <span>

#include "common/bytes.h"
#include "common/status.h"

namespace tributary::storage {

inline constexpr uint32_t kOffsetIndexMagic = 0x54424F49;  // "TBOI"
inline constexpr uint32_t kTimeIndexMagic = 0x54425449;    // "TBTI"
inline constexpr uint16_t kIndexVersion = 1;
inline constexpr size_t kIndexHeaderSize = 32;

struct IndexFileContents {
  int64_t log_size = 0;  // size of the .log file the entries describe
  uint32_t entry_count = 0;
  std::span<const uint8_t> entries;  // view into the decoded buffer
};

Bytes encode_index_file(uint32_t magic, uint16_t entry_size, int64_t base_offset, int64_t log_size,
                        uint32_t entry_count, std::span<const uint8_t> entries);

// Checks magic, version, entry size, base offset, length and checksum.
Result<IndexFileContents> decode_index_file(std::span<const uint8_t> file, uint32_t magic, uint16_t entry_size,
                                            int64_t base_offset);

}  // namespace tributary::storage
