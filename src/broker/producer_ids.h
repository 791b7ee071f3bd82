// Producer ids for idempotent producers (InitProducerId). Ids never repeat, across restarts
// too: they are handed out from blocks whose end is persisted (durably) before the first id of
// the block is used, so after a crash the next block starts above anything handed out.
// File format (`<data-dir>/producer-ids`) in docs/storage-format.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <unordered_map>

#include "common/status.h"

namespace tributary::broker {

struct ProducerIdAndEpoch {
  int64_t producer_id = -1;
  int16_t epoch = -1;
};

class ProducerIdManager {
 public:
  static constexpr int64_t kBlockSize = 1000;

  // `expiration_ms` (producer.id.expiration.ms) bounds how long the latest epoch of an id is remembered.
  ProducerIdManager(std::filesystem::path file, int64_t expiration_ms);

  // Reads the reserved-block mark; a missing file starts at 0, a damaged one is Errc::corrupt
  // (reusing ids would break deduplication, so the broker refuses to guess).
  Status load();

  // A fresh id with epoch 0.
  Result<ProducerIdAndEpoch> allocate(int64_t now_ms);
  // KIP-360: a producer that had (producer_id, epoch) asks for the next epoch after
  // UNKNOWN_PRODUCER_ID / OUT_OF_ORDER_SEQUENCE_NUMBER. Errc::invalid_producer_epoch when the
  // epoch is not the latest one handed out for that id (another instance took over: fenced) or
  // the id was never handed out. An id not seen since this broker started is trusted. When the
  // epoch would overflow, a fresh id with epoch 0 is returned instead (as Kafka does).
  Result<ProducerIdAndEpoch> bump(int64_t producer_id, int16_t epoch, int64_t now_ms);

 private:
  struct Issued {
    int16_t epoch;
    int64_t last_used_ms;
  };
  Result<ProducerIdAndEpoch> allocate_locked(int64_t now_ms);
  Status persist_block_end(int64_t block_end);
  void forget_idle_locked(int64_t now_ms);

  const std::filesystem::path file_;
  const int64_t expiration_ms_;
  std::mutex mu_;
  int64_t next_id_ = 0;
  int64_t block_end_ = 0;  // persisted: every id below it may have been handed out
  std::unordered_map<int64_t, Issued> issued_;
  size_t sweep_at_size_ = 1024;
};

}  // namespace tributary::broker
