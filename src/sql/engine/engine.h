// The SQL engine's public surface: statements in, results out; records in, records out. The
// engine itself never talks to Kafka: a TopicStore says how topics are created and written, and
// the caller feeds source records to `process`. The qtt driver backs TopicStore with memory; the
// server backs it with librdkafka (embedded broker or any Kafka cluster).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "sql/state/state_store.h"

namespace tributary::sql {

struct Header {
  std::string key;
  std::optional<std::string> value;
};

struct KafkaRecord {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = -1;
  int64_t timestamp = 0;  // millis
  std::optional<std::string> key;
  std::optional<std::string> value;
  std::vector<Header> headers;
};

class TopicStore {
 public:
  virtual ~TopicStore() = default;
  virtual bool exists(const std::string& topic) const = 0;
  virtual int32_t partitions(const std::string& topic) const = 0;  // 0 when missing
  virtual Status create(const std::string& topic, int32_t partitions) = 0;
  virtual Status remove(const std::string& topic) = 0;
  virtual std::vector<std::string> list() const = 0;
  // Appends a record; the engine chooses the partition (key hash, as Kafka's default partitioner).
  virtual void produce(KafkaRecord record) = 0;
};

// The outcome of one statement, shaped after ksqlDB's /ksql response entities so the REST layer
// only wraps it: `type` is the entity's @type ("currentStatus", "streams", "tables", "queries",
// "sourceDescription", "queryDescription", "kafka_topics", "properties", "warning_entity", ...)
// and `entity` the rest of its fields.
struct StatementResult {
  std::string statement_text;
  std::string type;
  nlohmann::json entity;
};

// A running push or pull query's rows as the REST API streams them.
struct QueryHeader {
  std::string query_id;
  std::vector<std::string> column_names;
  std::vector<std::string> column_types;  // ksqlDB spelling
};

// A statement error in ksqlDB's shape: error_code 40001 for bad statements, 40002 for a
// statement that must be a query, 50000 for server errors; message names line:col or the
// offending expression.
struct SqlError {
  int error_code = 40001;
  std::string message;
  std::string statement_text;
};

class Engine;
// Running transient (push) query: rows arrive through `on_row` from the thread that calls
// Engine::process; `close` stops it.
class PushQueryHandle {
 public:
  virtual ~PushQueryHandle() = default;
  virtual const QueryHeader& header() const = 0;
  virtual void close() = 0;
  virtual bool closed() const = 0;
};

struct EngineOptions {
  std::string service_id = "default_";           // ksql.service.id: prefixes query ids' groups
  std::string processing_log_topic = "default_ksql_processing_log";
  std::map<std::string, std::string> properties;  // ksql.* / auto.offset.reset / ...
  // Aggregations grouped by other columns than their source's key, over a source of several
  // partitions, and the stream side of a stream-table join on another column than its key go
  // through a repartition topic (the server, to run them as tasks; the conformance driver
  // aggregates and joins in place).
  bool repartition = false;
};

// A persistent query's consumer group and internal topics, named as ksqlDB names them: the prefix
// "_confluent-ksql-<service id>query_", the query id, and for a topic one of the suffixes below:
// its state's changelog, its aggregation's repartitioned rows, or the stream side of its join.
inline constexpr std::string_view kChangelog = "-changelog";
inline constexpr std::string_view kGroupByRepartition = "-Aggregate-GroupBy-repartition";
inline constexpr std::string_view kJoinRepartition = "-Join-left-repartition";
std::string query_name_prefix(const std::string& service_id);
std::string query_topic_name(const std::string& service_id, const std::string& query_id, std::string_view suffix);

}  // namespace tributary::sql

// ---------------------------------------------------------------------------------------------
// The engine: statements in (execute), records in (process). Not thread-safe: the caller
// serialises execute and process (the server runs them on one thread).

namespace tributary::sql {

struct Statement;
class Metastore;
struct Value;

// A row of a push query as the REST layer streams it: the values in header order as JSON, and
// whether it retracts a previous row (table deletes).
struct PushRow {
  nlohmann::json columns;  // array, one value per header column
  bool tombstone = false;
};

class Engine {
 public:
  // `stores` backs query state; null means in-memory stores.
  Engine(TopicStore& topics, EngineOptions options = {}, std::unique_ptr<StateStoreFactory> stores = nullptr);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Runs one statement. `properties` are request-scoped (streamsProperties); SET/UNSET change the
  // session's. Failures leave the engine unchanged; the Status message is ksqlDB's.
  Result<StatementResult> execute(const Statement& statement, const std::map<std::string, std::string>& properties = {});
  // Parses and runs ';'-separated statements in order, stopping at the first failure.
  Result<std::vector<StatementResult>> execute(std::string_view text,
                                               const std::map<std::string, std::string>& properties = {});

  // Feeds one record of a topic to every persistent and push query reading that topic.
  void process(const KafkaRecord& record);

  // The server gives each query its own consumer group, so it feeds records query by query.
  struct QueryInfo {
    std::string id;
    std::vector<std::string> source_topics;
    std::string sink;  // empty for push queries
    bool transient = false;
    // Some source declares HEADERS or HEADER columns. Only then does a record's engine input need
    // its headers (rows never carry them to a sink, as in ksqlDB), so a runner may skip reading them.
    bool reads_headers = false;
    // The query keeps state (aggregates, joins, tables).
    bool stateful = false;
    // Its state splits by source partition (see QueryPlan): it can run as tasks, one per partition
    // (partition p of every source topic), on different workers, when its source topics have equal
    // partition counts. Other queries with state run whole on one.
    bool state_per_partition = false;
  };
  std::vector<QueryInfo> queries() const;
  // Feeds one record to one query only; unknown ids are ignored (the query was terminated).
  void process(const std::string& query_id, const KafkaRecord& record);
  // A batch of records for one query: process(query_id, ...) between begin_batch and end_batch.
  // With the query's record cache on (ksql.streams.cache.max.bytes.buffering > 0; ksqlDB's
  // default is 10 MB), a table's changes are coalesced per key over the batch and emitted by
  // end_batch, as ksqlDB emits them per cache flush; with 0, every change is emitted at once.
  void begin_batch(const std::string& query_id);
  void end_batch(const std::string& query_id);
  // Tears the query's operators down, runs `replace_state` (the caller swaps the query's stored
  // state, e.g. a worker taking the query over restores it from the changelog) and builds them
  // anew, so nothing decoded from the old state survives in memory. Unknown ids are not_found.
  // With `tasks`, the query runs as tasks: one instance per listed source partition, each over the
  // stores of task_state_id (records of other partitions are ignored; pull queries read the
  // listed tasks' rows). Without, one instance over every partition, stored under the query id.
  Status rebuild_query(const std::string& query_id, const std::function<Status()>& replace_state,
                       const std::optional<std::vector<int32_t>>& tasks = std::nullopt);
  // The number the next persistent query's id ends with (ids are numbered in command-log order).
  int64_t next_query_number() const;
  // Where a task's stores live (the state id StateStoreFactory::open gets).
  static std::string task_state_id(const std::string& query_id, int32_t partition);
  // A variable set with DEFINE (for callers that parse statements themselves).
  std::optional<std::string> variable(const std::string& name) const;

  // Push query (SELECT ... EMIT CHANGES): rows go to `on_row` as records arrive through process.
  Result<std::shared_ptr<PushQueryHandle>> start_push_query(const Statement& statement,
                                                           const std::map<std::string, std::string>& properties,
                                                           std::function<void(const PushRow&)> on_row);
  // Pull query (SELECT without EMIT): rows of a materialized table, filtered by the WHERE clause.
  // With `tasks`, a table kept by a query run as tasks gives the rows of those tasks only
  // (Errc::io_error when one of them does not run here).
  Result<std::pair<QueryHeader, std::vector<PushRow>>> pull_query(
      const Statement& statement, const std::map<std::string, std::string>& properties,
      const std::optional<std::vector<int32_t>>& tasks = std::nullopt);

  // The id of the query whose state answers a pull query (the one keeping its table's rows);
  // nullopt when the statement names no materialized table (pull_query then says why).
  std::optional<std::string> pull_query_state_owner(const Statement& statement) const;

  // The failure of a statement in the REST layer's shape.
  static SqlError to_sql_error(const Status& status, const std::string& statement_text);

  const Metastore& metastore() const;
  // Fatal runtime errors of persistent queries (e.g. with ksql.timestamp.throw.on.invalid).
  std::vector<std::string> query_errors() const;
  const EngineOptions& options() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tributary::sql
