// GROUP BY aggregation, optionally windowed (tumbling, hopping, session). Every input record
// updates its group's aggregate state and emits the group's new row. Table inputs retract the old
// row from its group before adding the new one. Late records for windows closed by the grace
// period are dropped.
//
// State (one store): "A" + key -> states of an unwindowed group; "W" + key + start -> states
// of a time window; "S" + key + end + start -> states of a session; "T" -> observed stream time.
//
// Stream aggregations (unwindowed and time windows) keep their states decoded in memory between
// records: a state is decoded when first read and encoded back into the store only when the
// store flushes (its flush hook: before a commit, a scan or a clear) or when the cache outgrows
// kMaxCached. With the record cache on (QueryContext::coalescing: a batch of the server's runner
// and ksql.streams.cache.max.bytes.buffering > 0, ksqlDB's default), the rows of one batch are
// coalesced per group and window as Kafka Streams' record cache does: `flush` emits the last row
// of each, with the row from before the batch as the old one, in the order of their last update.
#pragma once

#include <unordered_map>

#include "sql/exec/operator.h"
#include "sql/planner/plan.h"

namespace tributary::sql {

class AggregateOperator : public Operator {
 public:
  // `may_coalesce`: false when an operator downstream depends on seeing every change (EMIT FINAL).
  AggregateOperator(const PlanNode& node, const Operator* next, std::unique_ptr<StateStore> store,
                    bool may_coalesce = true);
  ~AggregateOperator() override;
  void process(const Row& row, QueryContext& ctx) const override;
  void flush(QueryContext& ctx) const override;

 private:
  struct Group {
    std::vector<Value> key;
    std::vector<std::vector<Value>> args;  // per call
  };
  // A decoded state: the aggregate states and the timestamp of the row last emitted.
  struct Cached {
    std::vector<Value> states;
    int64_t timestamp = 0;
    bool existed = false;  // the group (or window) had a row before
    bool dirty = false;
  };
  // A coalesced change: its output columns are computed at the flush, from the cached states.
  struct Pending {
    Row row;
    std::vector<Value> group_key;
    uint64_t seq = 0;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <class T>
  using ByKey = std::unordered_map<std::string, T, Hash, std::equal_to<>>;
  static constexpr std::size_t kMaxCached = 10'000;
  static constexpr std::size_t kMaxPending = 10'000;

  std::optional<Group> group_of(const std::vector<Value>& cols, QueryContext* ctx) const;
  bool fill_group(const std::vector<Value>& cols, QueryContext* ctx, Group& g) const;
  std::vector<Value> init_states() const;
  std::vector<Value> results(const std::vector<Value>& states) const;
  void fill_cols(std::vector<Value>& cols, const Group& g, const std::vector<Value>& states,
                 const std::optional<WindowBounds>& window) const;
  std::vector<Value> row_cols(const Group& g, const std::vector<Value>& states,
                              const std::optional<WindowBounds>& window) const;
  void emit(const Group& g, const std::vector<Value>& states, const std::vector<Value>* old_states,
            int64_t timestamp, const std::optional<WindowBounds>& window, const Row& in, QueryContext& ctx) const;
  int64_t advance_stream_time(int64_t timestamp) const;

  // The decoded state under `key`, read from the store on first use.
  Cached& load(const std::string& key) const;
  // Adds the group's arguments to the cached state of `key` and emits (or coalesces) the new row.
  void update_cached(const std::string& key, const Group& g, const Row& row, const std::optional<WindowBounds>& window,
                     QueryContext& ctx) const;
  // Encodes the dirty cached states and the stream time into the store.
  void write_back() const;

  void update_unwindowed(const Row& row, QueryContext& ctx) const;
  void update_table(const Row& row, QueryContext& ctx) const;
  void update_time_windows(const Group& g, const Row& row, QueryContext& ctx) const;
  void update_session(const Group& g, const Row& row, QueryContext& ctx) const;

  AggregateStep step_;
  const Operator* next_;
  std::unique_ptr<StateStore> store_;
  bool may_coalesce_;

  // Per-record scratch (operators of one query run on one thread at a time) and the caches above.
  mutable Group group_;
  mutable std::string key_;
  mutable Row out_;
  mutable ByKey<Cached> cache_;
  mutable int64_t stream_time_ = 0;
  mutable bool stream_time_loaded_ = false;
  mutable bool stream_time_dirty_ = false;
  mutable ByKey<Pending> pending_;
  mutable uint64_t seq_ = 0;
};

}  // namespace tributary::sql
