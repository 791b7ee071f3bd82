// Keeps a table query's current rows queryable (pull queries): the latest row per key (and
// window) in the layout a query over the table reads (the table's source layout: key and value
// columns, ROWTIME, ROWPARTITION, ROWOFFSET, then WINDOWSTART and WINDOWEND when windowed), then
// hands the row on to the sink.
//
// Store keys: encoded key columns, then the window start and end (ordered) for windowed tables,
// so a key's rows are one prefix scan. Source tables need no extra store: their SourceOperator
// keeps the same entries.
#pragma once

#include <span>

#include "sql/exec/operator.h"

namespace tributary::sql {

class MaterializeOperator : public Operator {
 public:
  MaterializeOperator(std::size_t key_count, bool windowed, std::unique_ptr<StateStore> store,
                      std::unique_ptr<Operator> next)
      : key_count_(key_count), windowed_(windowed), store_(std::move(store)), next_(std::move(next)) {}
  void process(const Row& row, QueryContext& ctx) const override;
  StateStore* store() const { return store_.get(); }

 private:
  std::size_t key_count_;
  bool windowed_;
  std::unique_ptr<StateStore> store_;
  std::unique_ptr<Operator> next_;
};

// The store key of a materialized row.
std::string materialized_key(std::span<const Value> keys, const std::optional<WindowBounds>& window);

}  // namespace tributary::sql
