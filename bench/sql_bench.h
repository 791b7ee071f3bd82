// tributary-bench-sql: the streaming-SQL benchmark of docs/benchmarks.md. The same JSON payment
// records go through three paths, from the machine's limit to the whole server:
//   ceiling  simdjson + a hand-written windowed aggregate in a tight loop (no engine at all);
//   engine   the SQL engine in process (Engine::process over an in-memory TopicStore);
//   e2e      `tributary serve`: records produced to a topic, a persistent query started over REST,
//            timed until its consumer group has committed the end of the source.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tributary::bench {

// The two queries of the issue, by name; and (e2e only) the payments joined on their GATEWAY column
// with a table of one row per gateway, which goes through a repartition topic when the payments
// have several partitions.
enum class SqlQuery { windowed, filter, join };

// The payment records every mode uses: {"ID":..,"GATEWAY":..,"AMOUNT":..,"CUSTID":..} with a
// record timestamp of `start_ms + i / per_ms` (so `per_ms * 1000` records fall in each 1 s window).
struct Payments {
  std::vector<std::string> values;  // a pool, cycled when more records than values are needed
  int64_t start_ms = 1'700'000'000'000;
  int per_ms = 100;
  int64_t timestamp(int64_t i) const { return start_ms + i / per_ms; }
  const std::string& value(int64_t i) const { return values[static_cast<size_t>(i) % values.size()]; }
};
// Deterministic pool of `pool` values; gateways cycle over 5 names, amounts are in [0, 100).
Payments make_payments(int pool, int per_ms);

// The statements of the engine and e2e modes.
std::string payments_stream_sql();
std::string query_sql(SqlQuery q);
const char* query_name(SqlQuery q);  // "windowed" / "filter" / "join"
std::string query_sink(SqlQuery q);  // the topic the query writes
// What the query needs before it starts: the join's table and its rows, as many partitions as the payments.
std::vector<std::string> setup_sql(SqlQuery q, int partitions);

struct SqlCeilingOptions {
  std::string label;
  int64_t records = 20'000'000;
  int pool = 65536;
  int per_ms = 100;
  bool ondemand = false;  // simdjson's On-Demand API instead of the DOM parser the engine uses
  bool emit = false;      // also format the changed row as JSON, as the sink would
};

struct SqlEngineOptions {
  std::string label;
  SqlQuery query = SqlQuery::windowed;
  int64_t records = 2'000'000;
  int pool = 65536;
  int per_ms = 100;
  std::string state = "memory";  // memory | rocksdb (committed every `batch` records, as the server does)
  std::string state_dir;         // rocksdb: where the database goes (removed afterwards)
  int batch = 20000;      // the server's runner's batch (QueryRunner::kMaxBatch)
  bool record_cache = false;  // begin_batch/end_batch every `batch` records (the server's path)
  bool timing = false;  // time state store calls and sink produce calls (adds clock reads)
  bool parts = false;   // also time the pieces in isolation: serde in/out, state encoding
};

struct SqlE2eOptions {
  std::string label;
  std::string brokers;  // the server's Kafka listener
  std::string sql_url;  // http://127.0.0.1:PORT of --sql-listen
  int server_pid = 0;   // for CPU seconds from /proc
  SqlQuery query = SqlQuery::windowed;
  int64_t records = 2'000'000;
  int pool = 65536;
  int per_ms = 100;
  int partitions = 1;
  std::string topic = "payments";
  std::string group_prefix = "_confluent-ksql-default_query_";  // + query id: the query's consumer group
  double timeout_s = 300;  // for the query to reach the end of its source
};

int run_sql_ceiling(const SqlCeilingOptions& o);
int run_sql_engine(const SqlEngineOptions& o);
int run_sql_e2e(const SqlE2eOptions& o);

}  // namespace tributary::bench
