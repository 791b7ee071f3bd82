// Decompression of Kafka record batch payloads (the bytes after the 61-byte batch header).
// Every codec is bounded by `max_output`: a tiny corrupt or hostile input can never make us
// allocate more than that, which is what protects the broker from decompression bombs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "common/bytes.h"
#include "common/status.h"

namespace tributary::protocol {

// Values of attribute bits 0-2 of a magic v2 record batch.
enum class CompressionCodec : int8_t { none = 0, gzip = 1, snappy = 2, lz4 = 3, zstd = 4 };

std::string_view codec_name(CompressionCodec codec);

// Default cap for the decompressed records section of one batch.
inline constexpr size_t kDefaultMaxDecompressedBytes = 64u * 1024 * 1024;

// Decompresses `input` that was compressed with `codec` as Kafka producers do it:
//  gzip   - a gzip stream (RFC 1952), several members are accepted
//  snappy - either a raw snappy block or the xerial framing the Java client writes
//  lz4    - the LZ4 frame format
//  zstd   - one or more zstd frames
// Errors: Errc::corrupt for malformed input, Errc::too_large when the output would exceed
// `max_output`, Errc::unsupported for unknown codec values.
Result<Bytes> decompress(CompressionCodec codec, std::span<const uint8_t> input,
                         size_t max_output = kDefaultMaxDecompressedBytes);

}  // namespace tributary::protocol
