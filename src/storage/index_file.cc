#include "storage/index_file.h"

#include <string>

#include "common/crc32c.h"

namespace tributary::storage {

Bytes encode_index_file(uint32_t magic, uint16_t entry_size, int64_t base_offset, int64_t log_size,
                        uint32_t entry_count, std::span<const uint8_t> entries) {
  ByteWriter w(kIndexHeaderSize + entries.size());
  w.u32(magic);
  w.u16(kIndexVersion);
  w.u16(entry_size);
  w.i64(base_offset);
  w.i64(log_size);
  w.u32(entry_count);
  uint32_t crc = crc32c(w.buffer().data(), w.size());
  crc = crc32c(entries.data(), entries.size(), crc);
  w.u32(crc);
  w.bytes(entries.data(), entries.size());
  return w.take();
}

Result<IndexFileContents> decode_index_file(std::span<const uint8_t> file, uint32_t magic, uint16_t entry_size,
                                            int64_t base_offset) {
  auto bad = [](const std::string& why) { return Status::error(Errc::corrupt, "index file: " + why); };
  if (file.size() < kIndexHeaderSize) return bad("shorter than its header");
  ByteReader r(file.data(), kIndexHeaderSize);
  IndexFileContents out;
  if (r.u32() != magic) return bad("wrong magic");
  if (r.u16() != kIndexVersion) return bad("unknown version");
  if (r.u16() != entry_size) return bad("wrong entry size");
  if (r.i64() != base_offset) return bad("base offset does not match the file name");
  out.log_size = r.i64();
  out.entry_count = r.u32();
  uint32_t stored_crc = r.u32();
  if ((file.size() - kIndexHeaderSize) != static_cast<size_t>(out.entry_count) * entry_size) {
    return bad("length does not match the entry count");
  }
  uint32_t crc = crc32c(file.data(), kIndexHeaderSize - 4);
  crc = crc32c(file.data() + kIndexHeaderSize, file.size() - kIndexHeaderSize, crc);
  if (crc != stored_crc) return bad("checksum mismatch");
  out.entries = file.subspan(kIndexHeaderSize);
  return out;
}

}  // namespace tributary::storage
