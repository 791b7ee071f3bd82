#include "storage/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace tributary::storage {
namespace {

Status os_error(const char* what, const std::filesystem::path& path, int err) {
  return Status::error(Errc::io_error, std::string(what) + " " + path.string() + ": " + std::strerror(err));
}

}  // namespace

File::~File() {
  if (fd_ >= 0) ::close(fd_);
}

File::File(File&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)) { other.fd_ = -1; }

File& File::operator=(File&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    path_ = std::move(other.path_);
    other.fd_ = -1;
  }
  return *this;
}

Result<File> File::open(const std::filesystem::path& path, Mode mode) {
  int flags = O_CLOEXEC;
  switch (mode) {
    case Mode::read_only: flags |= O_RDONLY; break;
    case Mode::read_write: flags |= O_RDWR; break;
    case Mode::create_read_write: flags |= O_RDWR | O_CREAT; break;
  }
  int fd = ::open(path.c_str(), flags, 0644);
  if (fd < 0) {
    if (errno == ENOENT) return Status::error(Errc::not_found, "no such file " + path.string());
    return os_error("open", path, errno);
  }
  return File(fd, path);
}

Result<size_t> File::read_at(int64_t offset, std::span<uint8_t> out) const {
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::pread(fd_, out.data() + done, out.size() - done, offset + static_cast<int64_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return os_error("pread", path_, errno);
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

Status File::read_exact_at(int64_t offset, std::span<uint8_t> out) const {
  auto n = read_at(offset, out);
  if (!n.ok()) return n.status();
  if (*n != out.size()) {
    return Status::error(Errc::out_of_range, "short read of " + path_.string() + " at " + std::to_string(offset));
  }
  return Status();
}

Status File::write_at(int64_t offset, std::span<const uint8_t> data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::pwrite(fd_, data.data() + done, data.size() - done, offset + static_cast<int64_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return os_error("pwrite", path_, errno);
    }
    done += static_cast<size_t>(n);
  }
  return Status();
}

Status File::datasync() {
  if (::fdatasync(fd_) != 0) return os_error("fdatasync", path_, errno);
  return Status();
}

Status File::truncate(int64_t size) {
  if (::ftruncate(fd_, size) != 0) return os_error("ftruncate", path_, errno);
  return Status();
}

Result<int64_t> File::size() const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) return os_error("fstat", path_, errno);
  return static_cast<int64_t>(st.st_size);
}

Status File::close() {
  if (fd_ < 0) return Status();
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return os_error("close", path_, errno);
  return Status();
}

Status rename_file(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) return os_error("rename", from, errno);
  return Status();
}

Status remove_file(const std::filesystem::path& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return os_error("unlink", path, errno);
  return Status();
}

Status sync_directory(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return os_error("open directory", dir, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return os_error("fsync directory", dir, err);
  return Status();
}

Status make_directories(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::error(Errc::io_error, "create directory " + dir.string() + ": " + ec.message());
  return Status();
}

bool file_exists(const std::filesystem::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

Result<Bytes> read_file(const std::filesystem::path& path, size_t max_bytes) {
  auto file = File::open(path, File::Mode::read_only);
  if (!file.ok()) return file.status();
  auto size = file->size();
  if (!size.ok()) return size.status();
  if (static_cast<uint64_t>(*size) > max_bytes) {
    return Status::error(Errc::too_large, path.string() + " is larger than " + std::to_string(max_bytes) + " bytes");
  }
  Bytes data(static_cast<size_t>(*size));
  TRY_STATUS(file->read_exact_at(0, data));
  return data;
}

Status write_file_atomically(const std::filesystem::path& path, std::span<const uint8_t> data, bool durable) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    auto file = File::open(tmp, File::Mode::create_read_write);
    if (!file.ok()) return file.status();
    TRY_STATUS(file->truncate(0));
    TRY_STATUS(file->write_at(0, data));
    if (durable) TRY_STATUS(file->datasync());
    TRY_STATUS(file->close());
  }
  TRY_STATUS(rename_file(tmp, path));
  if (durable) TRY_STATUS(sync_directory(path.parent_path()));
  return Status();
}

}  // namespace tributary::storage
