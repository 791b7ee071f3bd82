#include "storage/log_start_checkpoint.h"

#include "common/bytes.h"
#include "common/crc32c.h"
#include "storage/file_io.h"
#include "storage/segment_files.h"

namespace tributary::storage {
namespace {
constexpr uint32_t kMagic = 0x54424C53;  // "TBLS"
constexpr uint16_t kVersion = 1;
constexpr size_t kSize = 20;
}  // namespace

Result<std::optional<int64_t>> read_log_start_checkpoint(const std::filesystem::path& dir) {
  auto data = read_file(dir / files::kLogStartCheckpoint, 4096);
  if (!data.ok()) {
    if (data.status().code() == Errc::not_found) return std::optional<int64_t>();
    return data.status();
  }
  if (data->size() != kSize) return Status::error(Errc::corrupt, "log start checkpoint has the wrong size");
  ByteReader r(data->data(), data->size());
  uint32_t magic = r.u32();
  uint16_t version = r.u16();
  r.u16();
  int64_t offset = r.i64();
  uint32_t crc = r.u32();
  if (magic != kMagic || version != kVersion || crc != crc32c(data->data(), 16) || offset < 0) {
    return Status::error(Errc::corrupt, "log start checkpoint is corrupt");
  }
  return std::optional<int64_t>(offset);
}

Status write_log_start_checkpoint(const std::filesystem::path& dir, int64_t log_start_offset) {
  ByteWriter w(kSize);
  w.u32(kMagic);
  w.u16(kVersion);
  w.u16(0);
  w.i64(log_start_offset);
  w.u32(crc32c(w.buffer().data(), w.size()));
  return write_file_atomically(dir / files::kLogStartCheckpoint, w.buffer(), /*durable=*/true);
}

}  // namespace tributary::storage
