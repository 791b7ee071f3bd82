// Helpers for storage tests: building batches (optionally compressed with the codec libraries
// directly, independent of our decompressor), decoding reads, and temporary directories.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/bytes.h"
#include "protocol/record_batch.h"
#include "storage/partition_log.h"

namespace tributary::storage::testing {

struct TestRecord {
  std::optional<std::string> key;
  std::optional<std::string> value;
  int64_t timestamp = 1000;
};

// Compresses `data` as a Kafka producer would. snappy_xerial selects the Java framing.
Bytes compress_with(protocol::CompressionCodec codec, std::span<const uint8_t> data, bool snappy_xerial = false);

Bytes make_batch(const std::vector<TestRecord>& records,
                 protocol::CompressionCodec codec = protocol::CompressionCodec::none, bool snappy_xerial = false);
// `count` records with values "<prefix><i>" padded to value_size, keys "k<i>".
Bytes make_simple_batch(int count, int64_t timestamp, const std::string& prefix = "v", size_t value_size = 16);

struct DecodedRecord {
  int64_t offset;
  std::optional<std::string> key;
  std::optional<std::string> value;
  int64_t timestamp;
};
// Decodes every record of every batch in `batches` (asserts they are valid).
std::vector<DecodedRecord> decode_all(std::span<const uint8_t> batches);

// PartitionLog::append rewrites the buffer in place, so it needs an lvalue; tests pass temporaries.
inline Result<AppendResult> append_bytes(PartitionLog& log, Bytes bytes, int64_t now_ms) {
  return log.append(bytes, now_ms);
}

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace tributary::storage::testing
