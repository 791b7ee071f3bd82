// Per-partition state of idempotent producers (KIP-98): for each producer id its epoch and the
// sequence numbers and offsets of its last few batches, so that a retried batch is recognised
// as a duplicate and a gap or a stale epoch is refused before anything is appended.
//
// Not thread-safe: PartitionLog keeps one table per partition and guards it with its mutex.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "common/status.h"
#include "protocol/record_batch.h"

namespace tributary::storage {

// One appended batch of a producer, as far as deduplication needs it.
struct ProducerBatch {
  int32_t first_seq = 0;
  int32_t last_seq = 0;
  int64_t first_offset = 0;
  int64_t last_offset = 0;
  bool operator==(const ProducerBatch&) const = default;
};

struct ProducerEntry {
  int16_t epoch = -1;
  std::deque<ProducerBatch> batches;  // oldest first, at most kMaxRememberedBatches
  int64_t last_timestamp = -1;        // maxTimestamp of its last batch, for expiry
  bool operator==(const ProducerEntry&) const = default;

  int64_t last_offset() const { return batches.empty() ? -1 : batches.back().last_offset; }
};

// Kafka clients keep at most 5 requests in flight per partition with idempotence enabled, so
// a retry is always one of the last 5 batches.
inline constexpr size_t kMaxRememberedBatches = 5;

// Sequence numbers wrap from INT32_MAX to 0 (as Kafka's do).
int32_t next_sequence(int32_t seq);
// Last sequence of a batch: baseSequence + lastOffsetDelta, wrapping.
int32_t batch_last_sequence(const protocol::BatchHeader& header);
// Whether the batch takes part in producer-state checks (an idempotent producer's data batch).
bool has_producer_state(const protocol::BatchHeader& header);

// Outcome of checking the batches of one append request.
struct ProducerCheck {
  // Every batch was already appended: nothing must be written, answer with these offsets.
  std::optional<ProducerBatch> duplicate;
};

using ProducerMap = std::map<int64_t, ProducerEntry>;

class ProducerStateTable {
 public:
  // Validates the batches of one request in order, each against the state left by the
  // previous ones. Errors: Errc::out_of_order_sequence (gap, or a new epoch not starting at 0),
  // Errc::invalid_producer_epoch (epoch below the known one), Errc::unknown_producer_id (no
  // state and sequence != 0), Errc::invalid_argument (producer id without a sequence, or a
  // request mixing duplicate and new batches).
  Result<ProducerCheck> check(std::span<const protocol::BatchInfo> batches) const;
  // Records a batch that was appended with its final offsets (append and rebuild-from-log).
  void apply(const protocol::BatchHeader& header);

  // Drops producers whose last batch is older than timeout_ms (producer.id.expiration.ms).
  size_t expire(int64_t now_ms, int64_t timeout_ms);
  // Drops producers whose last batch lies wholly below the log start (retention, DeleteRecords).
  size_t evict_below(int64_t log_start_offset);

  const ProducerMap& entries() const { return entries_; }
  void replace(ProducerMap entries) { entries_ = std::move(entries); }
  void clear() { entries_.clear(); }

 private:
  ProducerMap entries_;
};

}  // namespace tributary::storage
