// The physical plan of one query: a tree of nodes from the sources (leaves) to the final
// projection (root). Every node says what rows it produces (its Layout), whether they form a
// stream or a table changelog, and whether their key carries a window. Expressions are bound
// here, once; exec/ turns the nodes into operators.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/expression/expression.h"
#include "sql/parser/ast_statement.h"
#include "sql/planner/metastore.h"

namespace tributary::sql {

// One column of the rows a node produces. `qualifier` is the source alias the column can be named
// with (empty for computed columns); key columns form the record key.
struct LayoutColumn {
  std::string qualifier;
  std::string name;
  SqlType type;
  bool key = false;
};
using Layout = std::vector<LayoutColumn>;

ListScope scope_of(const Layout& layout);
std::vector<std::size_t> key_indexes(const Layout& layout);
std::vector<std::size_t> value_indexes(const Layout& layout);

struct PlanNode;
using PlanNodePtr = std::shared_ptr<PlanNode>;

// A source topic read as a stream or a table. Row layout: key columns, value and header columns,
// then ROWTIME, ROWPARTITION, ROWOFFSET (and WINDOWSTART, WINDOWEND for windowed keys).
struct SourceStep {
  DataSource source;
  std::string alias;
};

struct FilterStep {
  std::shared_ptr<BoundExpr> predicate;
};

struct ProjectStep {
  std::vector<std::shared_ptr<BoundExpr>> exprs;  // one per output column, in layout order
};

// PARTITION BY: new key columns first, then every input column as a value.
struct RekeyStep {
  std::vector<std::shared_ptr<BoundExpr>> key_exprs;
  // Per key expression: it reads key columns only, so tombstones (no values) still compute it;
  // an expression reading a value gives tombstones a NULL key column.
  std::vector<bool> reads_only_keys;
};

// Writes the rows to an internal topic keyed by the grouping (and reads them back as tasks, one
// per partition), so that each group's rows meet in one partition: GROUP BY on other columns than
// the source's key, run over several workers. Layout: the input's.
struct RepartitionStep {
  std::string topic;
  int32_t partitions = 1;
  std::vector<std::shared_ptr<BoundExpr>> key_exprs;  // the aggregation's grouping, or the join key
  // A join's side is keyed as the other side's topic keys its records, so that its partition p
  // meets that topic's partition p (murmur2 of the same bytes); an aggregation's keys are internal.
  std::optional<Format> key_format;
  SerdeOptions key_options;
};

struct AggregateCall {
  std::string name;
  std::shared_ptr<BoundAggregate> function;
  std::vector<std::shared_ptr<BoundExpr>> args;  // bound on the aggregate's input
};

// GROUP BY (+ WINDOW). Output layout: group keys, aggregate results, then WINDOWSTART and
// WINDOWEND when windowed; always a table changelog.
struct AggregateStep {
  std::vector<std::shared_ptr<BoundExpr>> group_exprs;
  std::vector<AggregateCall> calls;
  std::optional<WindowSpec> window;
  int64_t window_size_ms = 0;
  int64_t window_advance_ms = 0;
  int64_t grace_ms = 0;
  int64_t retention_ms = 0;
  bool input_is_table = false;
};

// EMIT FINAL: holds windowed results until their window closes.
struct SuppressStep {
  int64_t grace_ms = 0;
  int64_t window_size_ms = 0;  // time windows: size; session windows: the gap
  bool session = false;
};

struct JoinStep {
  enum class Kind { stream_stream, stream_table, table_table };
  Kind kind = Kind::stream_stream;
  Join::Type type = Join::Type::inner;
  std::shared_ptr<BoundExpr> left_key;   // bound on the left input's layout
  std::shared_ptr<BoundExpr> right_key;  // bound on the right input's layout
  bool foreign_key = false;              // table-table join on a right-side primary key from a left value
  int64_t before_ms = 0;                 // stream-stream WITHIN
  int64_t after_ms = 0;
  int64_t grace_ms = -1;                 // -1: none given (24h default for retention)
  // The output key column's value: from the left, the right or the first non-NULL of both.
  enum class KeySource { left, right, coalesce } key_source = KeySource::left;
};

struct PlanNode {
  enum class Kind { source, filter, project, rekey, aggregate, suppress, join, repartition };
  Kind kind = Kind::source;
  int id = 0;  // unique within the query; names state stores
  Layout layout;
  bool is_table = false;
  std::optional<KeyWindow> window;
  std::vector<PlanNodePtr> inputs;

  SourceStep source;
  FilterStep filter;
  ProjectStep project;
  RekeyStep rekey;
  AggregateStep aggregate;
  SuppressStep suppress;
  JoinStep join;
  RepartitionStep repartition;

  std::string describe() const;  // one line for EXPLAIN
};

// The analysed query: the plan and the result it produces.
struct QueryPlan {
  PlanNodePtr root;                 // its layout is `schema`'s columns, keys first
  Schema schema;                    // output columns (key and value roles)
  bool is_table = false;
  std::optional<KeyWindow> window;  // output keys are windowed
  std::vector<std::string> source_names;
  bool emit_final = false;
  bool repartitioned = false;  // the key differs from the source's (PARTITION BY / GROUP BY / join)
  // Every key the query keeps state for comes from one source partition: a table read as it is,
  // one grouped by (at least) all of its one source's key columns, a join of two sources on their
  // keys (co-partitioned: the runtime checks that their partition counts agree), or such a join
  // grouped by its key. Its state then splits by source partition, and each partition can run on
  // a different worker.
  bool state_per_partition = false;
};

// Puts a repartition step under the plan's aggregation when its state would not split by source
// partition otherwise: a stream aggregation (not over a table, a join or a windowed source)
// grouped by other columns than the source's key. The plan then keeps state per partition of
// `topic`. Returns the step, or null when the plan has no such aggregation. The step's id never
// shifts the ids (and so the state store names) of the other nodes.
RepartitionStep* add_repartition(QueryPlan& plan, const std::string& topic, int32_t partitions);

// Puts a repartition step on the stream side of a stream-table join (of two sources, not on a
// foreign key) whose state would not split by source partition otherwise: the stream joins on
// another column than its key, or its key is serialised otherwise than the table's. Its rows go
// through `topic`, keyed by the join key as the table's topic keys its records, so that task p
// joins partition p of that topic with partition p of the table. Only when both source topics have
// the same number of partitions, more than one (`partitions_of` tells a topic's). The step's id
// never shifts the ids of the other nodes. Returns the step (its `partitions` the table's), or null.
RepartitionStep* add_join_repartition(QueryPlan& plan, const std::string& topic,
                                      const std::function<int32_t(const std::string& topic)>& partitions_of);

}  // namespace tributary::sql
