#include "protocol/compression.h"

#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <memory>
#include <string>

namespace tributary::protocol {
namespace {

// Output grows in chunks so a small input with a huge claimed size costs nothing up front.
constexpr size_t kChunk = 64 * 1024;

Status too_large(CompressionCodec codec, size_t limit) {
  return Status::error(Errc::too_large, std::string(codec_name(codec)) +
                                            " payload decompresses to more than " +
                                            std::to_string(limit) + " bytes");
}

Status corrupt(CompressionCodec codec, const std::string& why) {
  return Status::error(Errc::corrupt, std::string(codec_name(codec)) + " payload is corrupt: " + why);
}

// Makes room for at least one more chunk, never beyond `limit` (+1 so overflow is detectable).
bool grow(Bytes& out, size_t used, size_t limit) {
  if (used > limit) return false;
  size_t want = std::min(used + kChunk, limit + 1);
  if (want <= used) return false;
  out.resize(want);
  return true;
}

Result<Bytes> gunzip(std::span<const uint8_t> in, size_t limit) {
  z_stream zs{};
  // 16 + MAX_WBITS: expect a gzip wrapper, as Kafka's GZIPOutputStream produces.
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return corrupt(CompressionCodec::gzip, "inflateInit failed");
  std::unique_ptr<z_stream, decltype(&inflateEnd)> guard(&zs, &inflateEnd);
  Bytes out;
  size_t used = 0;
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  for (;;) {
    if (used == out.size() && !grow(out, used, limit)) return too_large(CompressionCodec::gzip, limit);
    zs.next_out = out.data() + used;
    zs.avail_out = static_cast<uInt>(out.size() - used);
    int rc = inflate(&zs, Z_NO_FLUSH);
    used = out.size() - zs.avail_out;
    if (used > limit) return too_large(CompressionCodec::gzip, limit);
    if (rc == Z_STREAM_END) {
      if (zs.avail_in == 0) break;
      // Concatenated gzip members are legal; continue with the next one.
      if (inflateReset(&zs) != Z_OK) return corrupt(CompressionCodec::gzip, "inflateReset failed");
      continue;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) return corrupt(CompressionCodec::gzip, "truncated stream");
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      return corrupt(CompressionCodec::gzip, zs.msg ? zs.msg : "inflate error " + std::to_string(rc));
    }
  }
  out.resize(used);
  return out;
}

Status snappy_block(const uint8_t* data, size_t n, size_t limit, Bytes& out) {
  size_t len = 0;
  if (!snappy::GetUncompressedLength(reinterpret_cast<const char*>(data), n, &len)) {
    return corrupt(CompressionCodec::snappy, "bad block length");
  }
  if (len > limit || out.size() + len > limit) return too_large(CompressionCodec::snappy, limit);
  size_t at = out.size();
  out.resize(at + len);
  if (!snappy::RawUncompress(reinterpret_cast<const char*>(data), n, reinterpret_cast<char*>(out.data() + at))) {
    return corrupt(CompressionCodec::snappy, "bad block");
  }
  return Status();
}

Result<Bytes> unsnappy(std::span<const uint8_t> in, size_t limit) {
  // The Java client (snappy-java) wraps blocks in "xerial" framing: an 8-byte magic, two
  // big-endian int32 versions, then repeated [int32 compressed length][raw snappy block].
  static constexpr uint8_t kXerialMagic[8] = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
  Bytes out;
  if (in.size() >= 16 && std::memcmp(in.data(), kXerialMagic, 8) == 0) {
    size_t pos = 16;
    while (pos < in.size()) {
      if (in.size() - pos < 4) return corrupt(CompressionCodec::snappy, "truncated xerial block length");
      size_t n = load_be32(in.data() + pos);
      pos += 4;
      if (n > in.size() - pos) return corrupt(CompressionCodec::snappy, "truncated xerial block");
      TRY_STATUS(snappy_block(in.data() + pos, n, limit, out));
      pos += n;
    }
    return out;
  }
  TRY_STATUS(snappy_block(in.data(), in.size(), limit, out));
  return out;
}

Result<Bytes> unlz4(std::span<const uint8_t> in, size_t limit) {
  LZ4F_dctx* dctx = nullptr;
  if (LZ4F_isError(LZ4F_createDecompressionContext(&dctx, LZ4F_VERSION))) {
    return corrupt(CompressionCodec::lz4, "cannot create context");
  }
  std::unique_ptr<LZ4F_dctx, decltype(&LZ4F_freeDecompressionContext)> guard(dctx, &LZ4F_freeDecompressionContext);
  Bytes out;
  size_t used = 0, pos = 0;
  size_t hint = 1;
  while (pos < in.size()) {
    if (used == out.size() && !grow(out, used, limit)) return too_large(CompressionCodec::lz4, limit);
    size_t dst = out.size() - used;
    size_t src = in.size() - pos;
    hint = LZ4F_decompress(dctx, out.data() + used, &dst, in.data() + pos, &src, nullptr);
    if (LZ4F_isError(hint)) return corrupt(CompressionCodec::lz4, LZ4F_getErrorName(hint));
    used += dst;
    pos += src;
    if (used > limit) return too_large(CompressionCodec::lz4, limit);
    if (hint == 0 && pos < in.size()) LZ4F_resetDecompressionContext(dctx);  // next frame
    if (src == 0 && dst == 0 && used < out.size()) return corrupt(CompressionCodec::lz4, "no progress");
  }
  // Drain output that is still buffered inside the context.
  while (hint != 0) {
    if (used == out.size() && !grow(out, used, limit)) return too_large(CompressionCodec::lz4, limit);
    size_t dst = out.size() - used;
    size_t src = 0;
    hint = LZ4F_decompress(dctx, out.data() + used, &dst, nullptr, &src, nullptr);
    if (LZ4F_isError(hint)) return corrupt(CompressionCodec::lz4, LZ4F_getErrorName(hint));
    if (dst == 0 && hint != 0) return corrupt(CompressionCodec::lz4, "truncated frame");
    used += dst;
    if (used > limit) return too_large(CompressionCodec::lz4, limit);
  }
  out.resize(used);
  return out;
}

Result<Bytes> unzstd(std::span<const uint8_t> in, size_t limit) {
  ZSTD_DStream* ds = ZSTD_createDStream();
  if (ds == nullptr) return corrupt(CompressionCodec::zstd, "cannot create stream");
  std::unique_ptr<ZSTD_DStream, decltype(&ZSTD_freeDStream)> guard(ds, &ZSTD_freeDStream);
  // Bound the window so a forged frame header cannot make zstd allocate a huge window.
  ZSTD_DCtx_setParameter(ds, ZSTD_d_windowLogMax, 27);
  Bytes out;
  ZSTD_inBuffer ib{in.data(), in.size(), 0};
  size_t used = 0;
  size_t ret = 1;
  while (ib.pos < ib.size || ret != 0) {
    if (used == out.size() && !grow(out, used, limit)) return too_large(CompressionCodec::zstd, limit);
    ZSTD_outBuffer ob{out.data() + used, out.size() - used, 0};
    size_t before_in = ib.pos;
    ret = ZSTD_decompressStream(ds, &ob, &ib);
    if (ZSTD_isError(ret)) return corrupt(CompressionCodec::zstd, ZSTD_getErrorName(ret));
    used += ob.pos;
    if (used > limit) return too_large(CompressionCodec::zstd, limit);
    if (ob.pos == 0 && ib.pos == before_in && ob.size > 0) {
      return corrupt(CompressionCodec::zstd, "truncated frame");
    }
  }
  out.resize(used);
  return out;
}

}  // namespace

std::string_view codec_name(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::none: return "none";
    case CompressionCodec::gzip: return "gzip";
    case CompressionCodec::snappy: return "snappy";
    case CompressionCodec::lz4: return "lz4";
    case CompressionCodec::zstd: return "zstd";
  }
  return "unknown";
}

Result<Bytes> decompress(CompressionCodec codec, std::span<const uint8_t> input, size_t max_output) {
  switch (codec) {
    case CompressionCodec::none:
      if (input.size() > max_output) return too_large(codec, max_output);
      return Bytes(input.begin(), input.end());
    case CompressionCodec::gzip: return gunzip(input, max_output);
    case CompressionCodec::snappy: return unsnappy(input, max_output);
    case CompressionCodec::lz4: return unlz4(input, max_output);
    case CompressionCodec::zstd: return unzstd(input, max_output);
  }
  return Status::error(Errc::unsupported,
                       "unknown compression codec " + std::to_string(static_cast<int>(codec)));
}

}  // namespace tributary::protocol
