// The only place in storage that makes raw OS file calls (open/pread/pwrite/fdatasync/
// ftruncate/rename/unlink). Keeping them here gives one spot to audit error handling and lets
// tests use the same calls to corrupt files on purpose.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>

#include "common/bytes.h"
#include "common/status.h"

namespace tributary::storage {

// An owned file descriptor. Movable, not copyable; closes on destruction.
class File {
 public:
  enum class Mode { read_only, read_write, create_read_write };

  File() = default;
  ~File();
  File(File&& other) noexcept;
  File& operator=(File&& other) noexcept;
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  static Result<File> open(const std::filesystem::path& path, Mode mode);

  bool is_open() const { return fd_ >= 0; }
  const std::filesystem::path& path() const { return path_; }

  // Reads up to out.size() bytes at `offset`; returns the count (short only at end of file).
  Result<size_t> read_at(int64_t offset, std::span<uint8_t> out) const;
  // Reads exactly out.size() bytes or fails with Errc::io_error / Errc::out_of_range (EOF).
  Status read_exact_at(int64_t offset, std::span<uint8_t> out) const;
  Status write_at(int64_t offset, std::span<const uint8_t> data);
  Status datasync();
  Status truncate(int64_t size);
  Result<int64_t> size() const;
  Status close();

 private:
  File(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::filesystem::path path_;
};

Status rename_file(const std::filesystem::path& from, const std::filesystem::path& to);
Status remove_file(const std::filesystem::path& path);  // ok when already gone
Status sync_directory(const std::filesystem::path& dir);
Status make_directories(const std::filesystem::path& dir);
bool file_exists(const std::filesystem::path& path);

// Whole-file helpers for the small metadata files (index files, checkpoints).
Result<Bytes> read_file(const std::filesystem::path& path, size_t max_bytes);
// Writes to `path`.tmp, optionally fdatasyncs it, then renames over `path`: readers see the old
// or the new content, never a mix. With durable=true the directory is synced too.
Status write_file_atomically(const std::filesystem::path& path, std::span<const uint8_t> data, bool durable);

}  // namespace tributary::storage
