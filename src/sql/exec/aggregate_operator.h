// GROUP BY aggregation, optionally windowed (tumbling, hopping, session). Every input record
// updates its group's aggregate state and emits the group's new row at once (no caching).
// Table inputs retract the old row from its group before adding the new one. Late records for
// windows closed by the grace period are dropped.
//
// State (one store): "A" + key -> states of an unwindowed group; "W" + key + start -> states
// of a time window; "S" + key + end + start -> states of a session; "T" -> observed stream time.
#pragma once

#include "sql/exec/operator.h"
#include "sql/planner/plan.h"

namespace tributary::sql {

class AggregateOperator : public Operator {
 public:
  AggregateOperator(const PlanNode& node, const Operator* next, std::unique_ptr<StateStore> store)
      : step_(node.aggregate), next_(next), store_(std::move(store)) {}
  void process(const Row& row, QueryContext& ctx) const override;

 private:
  struct Group {
    std::vector<Value> key;
    std::vector<std::vector<Value>> args;  // per call
  };
  std::optional<Group> group_of(const std::vector<Value>& cols, QueryContext* ctx) const;
  std::vector<Value> init_states() const;
  std::vector<Value> results(const std::vector<Value>& states) const;
  // The states after adding the group's arguments (a new vector: the old states stay for the old row).
  std::vector<Value> added(const std::vector<Value>& states, const Group& g) const;
  std::vector<Value> row_cols(const Group& g, const std::vector<Value>& states,
                              const std::optional<WindowBounds>& window) const;
  void emit(const Group& g, const std::vector<Value>& states, const std::vector<Value>* old_states,
            int64_t timestamp, const std::optional<WindowBounds>& window, const Row& in, QueryContext& ctx) const;
  int64_t advance_stream_time(int64_t timestamp) const;

  void update_unwindowed(const Row& row, QueryContext& ctx) const;
  void update_table(const Row& row, QueryContext& ctx) const;
  void update_time_windows(const Group& g, const Row& row, QueryContext& ctx) const;
  void update_session(const Group& g, const Row& row, QueryContext& ctx) const;

  AggregateStep step_;
  const Operator* next_;
  std::unique_ptr<StateStore> store_;
};

}  // namespace tributary::sql
