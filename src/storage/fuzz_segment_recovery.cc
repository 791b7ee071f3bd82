// libFuzzer target: arbitrary bytes as a partition's only segment after a crash. Recovery must
// truncate whatever is not a valid batch, and the recovered log must read and append cleanly.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "protocol/record_batch.h"
#include "storage/partition_log.h"

namespace fs = std::filesystem;
using tributary::storage::LogConfig;
using tributary::storage::PartitionLog;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fs::path dir = fs::temp_directory_path() / ("fuzz-recovery-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    std::ofstream log(dir / "00000000000000000000.log", std::ios::binary);
    log.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  LogConfig config;
  config.segment_bytes = 1 << 20;
  auto opened = PartitionLog::open(dir, config);
  if (opened.ok()) {
    PartitionLog& log = **opened;
    int64_t offset = log.log_start_offset();
    while (offset < log.log_end_offset()) {
      auto read = log.read(offset, 1 << 16, true);
      // Recovery kept only whole, valid batches: each read must return at least one of them.
      if (!read.ok() || read->records.empty()) __builtin_trap();
      auto batches = tributary::protocol::validate_batches(read->records);
      if (!batches.ok() || batches->empty()) __builtin_trap();
      offset = batches->back().header.next_offset();
    }
    tributary::protocol::Record record;
    auto batch = tributary::protocol::build_record_batch({}, std::span(&record, 1));
    if (!log.append(batch, 0).ok()) __builtin_trap();
    log.close();
  }
  fs::remove_all(dir);
  return 0;
}
