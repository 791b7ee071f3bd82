// The engine's private state and the statement handlers (one file per statement family:
// stmt_create_source.cc, stmt_create_as.cc, stmt_insert.cc, stmt_drop.cc, stmt_show.cc,
// stmt_misc.cc). Handlers validate everything before changing anything, so a failed statement
// leaves no trace.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sql/engine/engine.h"
#include "sql/exec/query_builder.h"
#include "sql/exec/sink_operator.h"
#include "sql/parser/ast_statement.h"
#include "sql/planner/metastore.h"
#include "sql/planner/planner.h"
#include "sql/state/state_store.h"

namespace tributary::sql {

using PropertyMap = std::map<std::string, std::string>;

// A query's operators over one state: the state of every source partition, or of one (a task).
struct QueryInstance {
  std::unique_ptr<BuiltQuery> built;
  StateStore* materialized = nullptr;  // see exec/materialize_operator.h
};

struct RunningQuery {
  std::string id;
  std::string sql;
  std::string sink;  // empty for push queries
  std::vector<std::string> sources;
  QueryPlan plan;
  std::unique_ptr<BuiltQuery> built;  // over every source partition; null while the query runs as tasks
  // Run as tasks (Engine::rebuild_query): one instance per source partition this worker runs,
  // each over the state stored under Engine::task_state_id.
  bool as_tasks = false;
  std::map<int32_t, QueryInstance> tasks;
  // Builds an instance from the plan, opening its stores under `state_id` (the query id, or a
  // task's): at the start, and again when the state beneath was replaced (Engine::rebuild_query).
  std::function<Result<QueryInstance>(RunningQuery&, const std::string& state_id)> build;
  // Fixed by the first build (queries() reports it while the query runs no task here).
  Engine::QueryInfo info;
  PropertyMap properties;
  std::string state = "RUNNING";
  std::string error;
  bool transient = false;
  // Keeps a source table queryable: not listed, never blocks a DROP, logs no processing errors.
  bool internal = false;
  std::string materializes;            // the table whose current rows `materialized` holds
  StateStore* materialized = nullptr;  // `built`'s
  bool record_cache = false;  // ksql.streams.cache.max.bytes.buffering > 0 (persistent queries)
  bool in_batch = false;      // between Engine::begin_batch and end_batch

  // The stores holding the table's current rows: `materialized`, or each task's.
  std::vector<StateStore*> materialized_stores() const;
  bool keeps_rows() const { return materialized || (as_tasks && !materializes.empty()); }
  // Every store of every instance.
  std::vector<StateStore*> all_stores() const;
};

struct Engine::Impl {
  TopicStore& topics;
  EngineOptions options;
  std::unique_ptr<StateStoreFactory> stores;
  Metastore metastore;
  PropertyMap session_properties;
  std::map<std::string, std::string> variables;
  std::vector<std::unique_ptr<RunningQuery>> queries;  // in creation order
  int64_t next_query_number = 0;       // persistent queries: CSAS_/CTAS_/INSERTQUERY_
  int64_t next_transient_number = 0;   // push and pull queries, so they never shift persistent ids
  int64_t next_materializer_number = 0;
  std::vector<std::string> runtime_errors;

  Impl(TopicStore& t, EngineOptions o, std::unique_ptr<StateStoreFactory> s);

  PropertyMap effective_properties(const PropertyMap& request) const;
  RunningQuery* find_query(const std::string& id);
  std::vector<const RunningQuery*> queries_reading(const std::string& source) const;
  std::vector<const RunningQuery*> queries_writing(const std::string& source) const;
  void terminate(const std::string& id);
  // Builds and starts a persistent query writing `sink`; nothing is registered on failure.
  // Builds the instance over every source partition and records what queries() reports.
  Status build_whole(RunningQuery& q);
  Result<RunningQuery*> start_persistent(const std::string& id, const Statement& statement, QueryPlan plan,
                                         const DataSource& sink, const PropertyMap& properties);
  void run(RunningQuery& query, const KafkaRecord& record);
  void flush(RunningQuery& query);
  // Source tables (CREATE TABLE over a topic) get an internal query keeping their rows queryable.
  Status start_materializer(const DataSource& table);
  void stop_materializer(const std::string& table);
  // The query whose state holds the table's current rows; null when it is not materialized.
  const RunningQuery* materialization_of(const std::string& table) const;
  void log_processing_error(const std::string& query_id, const std::string& message, const KafkaRecord* record);
};

// Fills q.info from q.built.
void record_query_info(RunningQuery& q);

// Statement handlers.
Result<StatementResult> execute_create_source(Engine::Impl& e, const Statement& s, const CreateSource& c,
                                              const PropertyMap& props);
Result<StatementResult> execute_create_as(Engine::Impl& e, const Statement& s, const CreateSource& c,
                                          const PropertyMap& props);
Result<StatementResult> execute_insert_select(Engine::Impl& e, const Statement& s, const InsertSelect& c,
                                              const PropertyMap& props);
Result<StatementResult> execute_insert_values(Engine::Impl& e, const Statement& s, const InsertValues& c,
                                              const PropertyMap& props);
Result<StatementResult> execute_drop(Engine::Impl& e, const Statement& s, const Drop& c);
Result<StatementResult> execute_terminate(Engine::Impl& e, const Statement& s, const Terminate& c);
Result<StatementResult> execute_show(Engine::Impl& e, const Statement& s, const Show& c);
Result<StatementResult> execute_describe(Engine::Impl& e, const Statement& s, const Describe& c);
Result<StatementResult> execute_explain(Engine::Impl& e, const Statement& s, const Explain& c, const PropertyMap& props);
Result<StatementResult> execute_create_type(Engine::Impl& e, const Statement& s, const CreateType& c);
Result<StatementResult> execute_alter(Engine::Impl& e, const Statement& s, const AlterSource& c);

// Shared helpers.
// Key columns cannot hold maps (their serialized form is not stable).
Status check_key_type(const Column& col);
// CREATE on an existing name: true when the statement should do nothing (IF NOT EXISTS).
Result<bool> check_existing(Engine::Impl& e, const CreateSource& c);
StatementResult status_result(const Statement& s, const std::string& message, const std::string& query_id = "");
Status statement_error(std::string message);
// WITH (...) properties: upper-case names, literal values as text.
Result<std::map<std::string, std::string>> with_properties(const Properties& properties);
std::string source_type_name(const DataSource& d);  // "STREAM" | "TABLE"
// Validates that a format can carry the columns of a part, with ksqlDB's messages.
Status check_format(Format format, const std::vector<Column>& columns, const SerdeOptions& options, bool is_key);
// Serializes and produces one row of a source (INSERT VALUES).
Status produce_row(Engine::Impl& e, const DataSource& target, const std::vector<Value>& keys,
                   const std::vector<Value>& values, int64_t timestamp);

}  // namespace tributary::sql
