// Reader side of a segment: walks the record batches of a .log file through a buffered window,
// so a scan costs one pread per 64 KB instead of one per batch. Used by fetch reads, timestamp
// lookups, recovery and compaction. Only reads [start, end), a limit the caller took under the
// log lock, so it never sees bytes an appender is still writing.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "common/bytes.h"
#include "common/status.h"
#include "protocol/record_batch.h"
#include "storage/file_io.h"

namespace tributary::storage {

struct ScannedBatch {
  int64_t position = 0;  // byte position of the batch in the file
  protocol::BatchHeader header;
  int64_t size() const { return static_cast<int64_t>(header.total_size()); }
};

class BatchScanner {
 public:
  BatchScanner(const File& file, int64_t start, int64_t end, size_t window = 64 * 1024);

  // The batch at the current position, then advances past it; nullopt at `end`. Checks
  // framing and magic, not the CRC. Errc::corrupt for a truncated or malformed batch, with
  // position() left at the bad batch (recovery truncates there).
  Result<std::optional<ScannedBatch>> next();
  // All bytes of `batch` (the one next() just returned); the span lives until the next call.
  Result<std::span<const uint8_t>> bytes_of(const ScannedBatch& batch);
  // Like next(), and also verifies the CRC and returns the bytes (recovery, compaction).
  Result<std::optional<ScannedBatch>> next_verified(std::span<const uint8_t>* bytes);

  int64_t position() const { return pos_; }

 private:
  Status ensure(int64_t pos, size_t n);  // makes [pos, pos+n) available in buf_

  const File& file_;
  int64_t pos_;
  int64_t end_;
  size_t window_;
  Bytes buf_;
  int64_t buf_start_ = 0;
};

// Reads whole batches starting with the batch containing `offset` (found by scanning from
// `scan_from`), up to max_bytes; with min_one_batch the first batch is returned even when larger.
// `found` tells "no batch in [scan_from, end) reaches offset" (look in the next segment) apart
// from "the first batch did not fit in max_bytes".
struct BatchRead {
  Bytes data;
  bool found = false;
};
Result<BatchRead> read_batches_from(const File& file, int64_t scan_from, int64_t end, int64_t offset,
                                    int32_t max_bytes, bool min_one_batch);

}  // namespace tributary::storage
