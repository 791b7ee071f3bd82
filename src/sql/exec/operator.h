// Operators of running queries. An operator is immutable once built: everything that changes
// while records flow (aggregates, buffers, materialized tables, stream time) lives in its
// StateStore, so a persistent store can back it and a query can be rebuilt from the plan.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "sql/exec/row.h"
#include "sql/functions/function_registry.h"
#include "sql/state/state_store.h"

namespace tributary::sql {

// What operators need from the engine while processing one record.
class QueryContext {
 public:
  virtual ~QueryContext() = default;
  virtual const std::string& query_id() const = 0;
  // Writes an output record (the sink chooses topic, partition and bytes).
  virtual void produce(KafkaRecord record) = 0;
  // Reports a record the query could not process (bad bytes, failed expression) to the processing log.
  virtual void log_error(const std::string& message, const KafkaRecord* record) = 0;
  // Transient (push) queries receive their rows here instead of a sink.
  virtual const std::map<std::string, std::string>& properties() const = 0;
  // True while the server's runner feeds a batch to a query whose record cache is on: table
  // changes may then be coalesced per key until the batch's flush (ksqlDB's record cache).
  virtual bool coalescing() const { return false; }
};

class Operator {
 public:
  virtual ~Operator() = default;
  virtual void process(const Row& row, QueryContext& ctx) const = 0;
  // End of a batch: forwards whatever the operator coalesced (see QueryContext::coalescing).
  virtual void flush(QueryContext& ctx) const { (void)ctx; }
};

// Reports expression failures of one row to the processing log; true when there were any.
bool report_eval_errors(const EvalErrors& errors, QueryContext& ctx, const char* step);

}  // namespace tributary::sql
