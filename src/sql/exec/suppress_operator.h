// EMIT FINAL: holds the latest row of every window and emits it once, when the window closes.
// It follows Kafka Streams' emit-on-window-close: each time the close time (observed stream time
// minus grace, and minus the gap for sessions) advances, time windows starting exactly at
// close time - size are emitted (older ones were skipped and are dropped), and sessions ending
// at or before the close time are emitted.
//
// State: "B" + start (time) or end (session) + key + ... -> the buffered row; "T" -> observed
// stream time; "C" -> close time of the last emission.
#pragma once

#include "sql/exec/operator.h"
#include "sql/planner/plan.h"

namespace tributary::sql {

class SuppressOperator : public Operator {
 public:
  SuppressOperator(const PlanNode& node, const Operator* next, std::unique_ptr<StateStore> store)
      : step_(node.suppress), key_indexes_(key_indexes(node.layout)), next_(next), store_(std::move(store)) {}
  void process(const Row& row, QueryContext& ctx) const override;

 private:
  std::string buffer_key(const Row& row) const;
  void emit(std::string_view bytes, const Row& trigger, QueryContext& ctx) const;

  SuppressStep step_;
  std::vector<std::size_t> key_indexes_;
  const Operator* next_;
  std::unique_ptr<StateStore> store_;
};

}  // namespace tributary::sql
