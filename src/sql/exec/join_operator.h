// Joins of two inputs. Each input reaches the join through a JoinSideOperator that says which
// side the row comes from. Stream-stream joins buffer both sides for the WITHIN window;
// stream-table joins look the stream row's key up in the table side's materialized rows;
// table-table joins keep both sides and emit the joined change of the key.
#pragma once

#include "sql/exec/operator.h"
#include "sql/planner/plan.h"

namespace tributary::sql {

class JoinOperator : public Operator {
 public:
  JoinOperator(const PlanNode& node, const Operator* next, std::unique_ptr<StateStore> store);
  // Rows reach a join through its JoinSideOperators; a direct call counts as the left side.
  void process(const Row& row, QueryContext& ctx) const override { process_side(0, row, ctx); }
  void process_side(int side, const Row& row, QueryContext& ctx) const;

 private:
  void stream_stream(int side, const Row& row, QueryContext& ctx) const;
  void stream_table(int side, const Row& row, QueryContext& ctx) const;
  void table_table(int side, const Row& row, QueryContext& ctx) const;
  void table_table_foreign_key(int side, const Row& row, QueryContext& ctx) const;
  std::optional<Value> join_key(int side, const std::vector<Value>& cols, QueryContext* ctx) const;
  Row joined(const Row& in, const std::vector<Value>* left, const std::vector<Value>* right, const Value& key) const;
  void emit_tombstone(const Row& in, const Value& key, QueryContext& ctx) const;

  JoinStep step_;
  std::size_t left_width_ = 0;
  std::size_t right_width_ = 0;
  std::size_t left_pk_index_ = 0;
  const Operator* next_;
  std::unique_ptr<StateStore> store_;
};

class JoinSideOperator : public Operator {
 public:
  JoinSideOperator(const JoinOperator* join, int side) : join_(join), side_(side) {}
  void process(const Row& row, QueryContext& ctx) const override { join_->process_side(side_, row, ctx); }

 private:
  const JoinOperator* join_;
  int side_;
};

}  // namespace tributary::sql
