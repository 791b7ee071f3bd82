// CRC-32C (Castagnoli), the checksum of Kafka record batches and of our index files.
// Debian ships no crc32c library, so it is written here: SSE4.2 instructions when the CPU has
// them (a few GB/s), else a table-driven fallback.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tributary {

// Extends `crc` (the result of a previous call, or 0) over the bytes.
uint32_t crc32c(const uint8_t* data, size_t n, uint32_t crc = 0);

}  // namespace tributary
