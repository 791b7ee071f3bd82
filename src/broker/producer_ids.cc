#include "broker/producer_ids.h"

#include <algorithm>
#include <string>

#include "common/bytes.h"
#include "common/crc32c.h"
#include "storage/file_io.h"

namespace tributary::broker {
namespace {
constexpr uint32_t kMagic = 0x54425049;  // "TBPI"
constexpr uint16_t kVersion = 1;
constexpr size_t kSize = 20;
// Epochs are int16; Kafka moves to a new id rather than wrap.
constexpr int16_t kMaxEpoch = INT16_MAX - 1;
}  // namespace

ProducerIdManager::ProducerIdManager(std::filesystem::path file, int64_t expiration_ms)
    : file_(std::move(file)), expiration_ms_(expiration_ms) {}

Status ProducerIdManager::load() {
  auto data = storage::read_file(file_, 4096);
  if (!data.ok()) return data.status().code() == Errc::not_found ? Status() : data.status();
  auto corrupt = Status::error(Errc::corrupt, file_.string() + " is damaged; producer ids cannot be allocated safely");
  if (data->size() != kSize) return corrupt;
  ByteReader r(data->data(), data->size());
  uint32_t magic = r.u32();
  uint16_t version = r.u16();
  r.u16();
  int64_t block_end = r.i64();
  uint32_t crc = r.u32();
  if (magic != kMagic || version != kVersion || crc != crc32c(data->data(), 16) || block_end < 0) return corrupt;
  std::lock_guard lock(mu_);
  next_id_ = block_end;  // the rest of the last block may have been handed out before a crash
  block_end_ = block_end;
  return Status();
}

Status ProducerIdManager::persist_block_end(int64_t block_end) {
  ByteWriter w(kSize);
  w.u32(kMagic);
  w.u16(kVersion);
  w.u16(0);
  w.i64(block_end);
  w.u32(crc32c(w.buffer().data(), w.size()));
  return storage::write_file_atomically(file_, w.buffer(), /*durable=*/true);
}

Result<ProducerIdAndEpoch> ProducerIdManager::allocate(int64_t now_ms) {
  std::lock_guard lock(mu_);
  return allocate_locked(now_ms);
}

Result<ProducerIdAndEpoch> ProducerIdManager::allocate_locked(int64_t now_ms) {
  if (next_id_ >= block_end_) {
    // Durable before use: after a crash, the next start continues above this block.
    TRY_STATUS(persist_block_end(next_id_ + kBlockSize));
    block_end_ = next_id_ + kBlockSize;
  }
  forget_idle_locked(now_ms);
  ProducerIdAndEpoch result{next_id_++, 0};
  issued_[result.producer_id] = {0, now_ms};
  return result;
}

Result<ProducerIdAndEpoch> ProducerIdManager::bump(int64_t producer_id, int16_t epoch, int64_t now_ms) {
  std::lock_guard lock(mu_);
  if (producer_id < 0 || producer_id >= next_id_ || epoch < 0) {
    return Status::error(Errc::invalid_producer_epoch,
                         "producer id " + std::to_string(producer_id) + " was not handed out by this broker");
  }
  auto it = issued_.find(producer_id);
  if (it != issued_.end() && it->second.epoch != epoch) {
    return Status::error(Errc::invalid_producer_epoch, "producer id " + std::to_string(producer_id) + " epoch " +
                                                           std::to_string(epoch) + " is fenced: the current epoch is " +
                                                           std::to_string(it->second.epoch));
  }
  if (epoch >= kMaxEpoch) {
    if (it != issued_.end()) issued_.erase(it);
    return allocate_locked(now_ms);
  }
  int16_t next = static_cast<int16_t>(epoch + 1);
  issued_[producer_id] = {next, now_ms};
  return ProducerIdAndEpoch{producer_id, next};
}

void ProducerIdManager::forget_idle_locked(int64_t now_ms) {
  // Amortised: sweep only when the map has doubled since the last sweep.
  if (issued_.size() < sweep_at_size_) return;
  std::erase_if(issued_, [&](const auto& kv) { return now_ms - kv.second.last_used_ms >= expiration_ms_; });
  sweep_at_size_ = std::max<size_t>(1024, issued_.size() * 2);
}

}  // namespace tributary::broker
