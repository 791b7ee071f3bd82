#include "storage/producer_state.h"

#include <string>

namespace tributary::storage {

int32_t next_sequence(int32_t seq) { return seq == INT32_MAX ? 0 : seq + 1; }

int32_t batch_last_sequence(const protocol::BatchHeader& header) {
  int64_t last = int64_t{header.base_sequence} + header.last_offset_delta;
  if (last > INT32_MAX) last -= int64_t{INT32_MAX} + 1;
  return static_cast<int32_t>(last);
}

bool has_producer_state(const protocol::BatchHeader& header) {
  // Control batches (transaction markers) are written by a coordinator, not numbered by the producer.
  return header.producer_id >= 0 && !header.is_control();
}

namespace {

std::string describe(const protocol::BatchHeader& h) {
  return "producer " + std::to_string(h.producer_id) + " epoch " + std::to_string(h.producer_epoch) + " sequence " +
         std::to_string(h.base_sequence);
}

// The original batch when `h` repeats one of the remembered batches of the same epoch.
std::optional<ProducerBatch> find_duplicate(const ProducerEntry& entry, const protocol::BatchHeader& h) {
  if (entry.epoch != h.producer_epoch) return std::nullopt;
  int32_t last = batch_last_sequence(h);
  for (const auto& b : entry.batches) {
    if (b.first_seq == h.base_sequence && b.last_seq == last) return b;
  }
  return std::nullopt;
}

// Ok when `h` may follow `entry` (nullptr: the producer is unknown here).
Status check_sequence(const ProducerEntry* entry, const protocol::BatchHeader& h) {
  if (entry == nullptr) {
    if (h.base_sequence == 0) return Status();
    // Kafka 2.4's rule: the client answers UNKNOWN_PRODUCER_ID by bumping its epoch (KIP-360)
    // and restarting at 0, rather than the broker silently accepting a possible gap.
    return Status::error(Errc::unknown_producer_id, "no state for " + describe(h) + " (expected sequence 0)");
  }
  if (h.producer_epoch < entry->epoch) {
    return Status::error(Errc::invalid_producer_epoch,
                         describe(h) + " is older than the current epoch " + std::to_string(entry->epoch));
  }
  if (h.producer_epoch > entry->epoch) {
    if (h.base_sequence == 0) return Status();
    return Status::error(Errc::out_of_order_sequence, describe(h) + ": a new epoch must start at sequence 0");
  }
  int32_t expected = entry->batches.empty() ? 0 : next_sequence(entry->batches.back().last_seq);
  if (h.base_sequence == expected) return Status();
  return Status::error(Errc::out_of_order_sequence,
                       describe(h) + " out of order: expected sequence " + std::to_string(expected));
}

void remember(ProducerEntry& entry, const protocol::BatchHeader& h) {
  if (h.producer_epoch != entry.epoch) entry.batches.clear();  // sequences restart with an epoch
  entry.epoch = h.producer_epoch;
  entry.batches.push_back({h.base_sequence, batch_last_sequence(h), h.base_offset, h.last_offset()});
  while (entry.batches.size() > kMaxRememberedBatches) entry.batches.pop_front();
  entry.last_timestamp = h.max_timestamp;
}

}  // namespace

Result<ProducerCheck> ProducerStateTable::check(std::span<const protocol::BatchInfo> batches) const {
  ProducerMap staged;  // entries as the earlier batches of this request leave them
  ProducerCheck result;
  size_t duplicates = 0;
  for (const auto& b : batches) {
    const protocol::BatchHeader& h = b.header;
    if (!has_producer_state(h)) continue;
    if (h.base_sequence < 0) {
      return Status::error(Errc::invalid_argument, "producer " + std::to_string(h.producer_id) + " sent no sequence number");
    }
    const ProducerEntry* entry = nullptr;
    if (auto it = staged.find(h.producer_id); it != staged.end()) {
      entry = &it->second;
    } else if (auto known = entries_.find(h.producer_id); known != entries_.end()) {
      entry = &known->second;
    }
    if (entry != nullptr) {
      if (auto original = find_duplicate(*entry, h)) {
        ++duplicates;
        if (!result.duplicate) {
          result.duplicate = *original;
        } else {
          result.duplicate->last_seq = original->last_seq;
          result.duplicate->last_offset = original->last_offset;
        }
        continue;
      }
    }
    TRY_STATUS(check_sequence(entry, h));
    ProducerEntry updated = entry ? *entry : ProducerEntry{};
    remember(updated, h);
    staged[h.producer_id] = std::move(updated);
  }
  if (duplicates > 0 && duplicates != batches.size()) {
    // Clients send one batch per partition per request, so this is not a retry we can answer.
    return Status::error(Errc::invalid_argument, "request mixes already appended and new batches");
  }
  return result;
}

void ProducerStateTable::apply(const protocol::BatchHeader& header) {
  if (!has_producer_state(header)) return;
  remember(entries_[header.producer_id], header);
}

size_t ProducerStateTable::expire(int64_t now_ms, int64_t timeout_ms) {
  // An entry without a timestamp (a producer that sent none) is kept: its age is unknown.
  return std::erase_if(entries_, [&](const auto& kv) {
    return kv.second.last_timestamp >= 0 && now_ms - kv.second.last_timestamp >= timeout_ms;
  });
}

size_t ProducerStateTable::evict_below(int64_t log_start_offset) {
  return std::erase_if(entries_, [&](const auto& kv) { return kv.second.last_offset() < log_start_offset; });
}

}  // namespace tributary::storage
