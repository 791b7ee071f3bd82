#include "storage/batch_scanner.h"

#include <algorithm>
#include <string>

namespace tributary::storage {

using protocol::kBatchHeaderSize;
using protocol::kBatchLengthPrefix;

BatchScanner::BatchScanner(const File& file, int64_t start, int64_t end, size_t window)
    : file_(file), pos_(start), end_(end), window_(window) {}

Status BatchScanner::ensure(int64_t pos, size_t n) {
  if (pos >= buf_start_ && pos + static_cast<int64_t>(n) <= buf_start_ + static_cast<int64_t>(buf_.size())) {
    return Status();
  }
  size_t want = std::max(n, window_);
  want = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(want), end_ - pos));
  if (want < n) return Status::error(Errc::corrupt, "read past the end of " + file_.path().string());
  buf_.resize(want);
  auto got = file_.read_at(pos, buf_);
  if (!got.ok()) return got.status();
  buf_.resize(*got);
  buf_start_ = pos;
  if (*got < n) {
    return Status::error(Errc::corrupt, file_.path().string() + " is shorter than expected at " + std::to_string(pos));
  }
  return Status();
}

Result<std::optional<ScannedBatch>> BatchScanner::next() {
  if (pos_ >= end_) return std::optional<ScannedBatch>();
  auto where = [&] { return file_.path().string() + " at byte " + std::to_string(pos_); };
  if (end_ - pos_ < static_cast<int64_t>(kBatchHeaderSize)) {
    return Status::error(Errc::corrupt, "truncated batch header in " + where());
  }
  TRY_STATUS(ensure(pos_, kBatchHeaderSize));
  auto header = protocol::parse_batch_header(
      std::span<const uint8_t>(buf_.data() + (pos_ - buf_start_), kBatchHeaderSize));
  if (!header.ok()) return Status::error(Errc::corrupt, header.status().message() + " in " + where());
  const auto& h = header.value();
  if (h.batch_length < static_cast<int32_t>(kBatchHeaderSize - kBatchLengthPrefix) ||
      static_cast<int64_t>(h.total_size()) > end_ - pos_) {
    return Status::error(Errc::corrupt, "truncated or malformed batch (batchLength " +
                                            std::to_string(h.batch_length) + ") in " + where());
  }
  ScannedBatch out{pos_, h};
  pos_ += out.size();
  return std::optional<ScannedBatch>(out);
}

Result<std::span<const uint8_t>> BatchScanner::bytes_of(const ScannedBatch& batch) {
  TRY_STATUS(ensure(batch.position, static_cast<size_t>(batch.size())));
  return std::span<const uint8_t>(buf_.data() + (batch.position - buf_start_), static_cast<size_t>(batch.size()));
}

Result<std::optional<ScannedBatch>> BatchScanner::next_verified(std::span<const uint8_t>* bytes) {
  int64_t start = pos_;
  auto batch = next();
  if (!batch.ok() || !batch->has_value()) return batch;
  auto data = bytes_of(**batch);
  if (!data.ok()) {
    pos_ = start;
    return data.status();
  }
  // Framing was checked by next(); the full check adds CRC and offset-delta consistency.
  auto valid = protocol::validate_batches(*data);
  if (!valid.ok()) {
    pos_ = start;
    return Status::error(valid.status().code(), valid.status().message() + " in " + file_.path().string() +
                                                    " at byte " + std::to_string(start));
  }
  *bytes = *data;
  return batch;
}

Result<BatchRead> read_batches_from(const File& file, int64_t scan_from, int64_t end, int64_t offset,
                                    int32_t max_bytes, bool min_one_batch) {
  BatchScanner scanner(file, scan_from, end, 16 * 1024);
  std::optional<ScannedBatch> first;
  for (;;) {
    auto batch = scanner.next();
    if (!batch.ok()) return batch.status();
    if (!batch->has_value()) return BatchRead{};
    if ((*batch)->header.last_offset() >= offset) {
      first = **batch;
      break;
    }
  }
  int64_t budget = std::max<int32_t>(max_bytes, 0);
  if (first->size() > budget) {
    if (!min_one_batch) return BatchRead{Bytes(), true};
    budget = first->size();
  }
  // One pread of up to `budget` bytes, then trim to the last whole batch inside it.
  int64_t len = std::min(budget, end - first->position);
  Bytes out(static_cast<size_t>(len));
  TRY_STATUS(file.read_exact_at(first->position, out));
  size_t keep = 0;
  while (out.size() - keep >= kBatchLengthPrefix) {
    int32_t batch_length = static_cast<int32_t>(load_be32(out.data() + keep + 8));
    if (batch_length < 0) break;
    size_t total = kBatchLengthPrefix + static_cast<size_t>(batch_length);
    if (total > out.size() - keep) break;
    keep += total;
  }
  out.resize(keep);
  return BatchRead{std::move(out), true};
}

}  // namespace tributary::storage
