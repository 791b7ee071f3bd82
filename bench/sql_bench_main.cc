// Command line of tributary-bench-sql: `ceiling`, `engine` and `e2e` subcommands (see sql_bench.h).
#include <CLI/CLI.hpp>

#include "sql_bench.h"

using namespace tributary::bench;

int main(int argc, char** argv) {
  CLI::App app{"Streaming SQL benchmark: one JSON line per run on stdout, a human summary on stderr"};
  app.require_subcommand(1);
  int rc = 0;
  const std::map<std::string, SqlQuery> queries{{"windowed", SqlQuery::windowed}, {"filter", SqlQuery::filter}};
  std::map<std::string, SqlQuery> e2e_queries = queries;
  e2e_queries["join"] = SqlQuery::join;  // needs a server: its table is filled over REST

  SqlCeilingOptions c;
  CLI::App* ceiling = app.add_subcommand("ceiling", "simdjson + a hand-written windowed aggregate in a tight loop");
  ceiling->add_option("--label", c.label, "Copied into the JSON result");
  ceiling->add_option("--records,-n", c.records, "Records to process");
  ceiling->add_option("--pool", c.pool, "Distinct JSON values, cycled");
  ceiling->add_option("--per-ms", c.per_ms, "Records per millisecond of record time");
  ceiling->add_flag("--ondemand", c.ondemand, "simdjson On-Demand instead of the DOM parser");
  ceiling->add_flag("--emit", c.emit, "Also format each changed row as JSON");
  ceiling->callback([&] { rc = run_sql_ceiling(c); });

  SqlEngineOptions e;
  CLI::App* engine = app.add_subcommand("engine", "The SQL engine in process over an in-memory TopicStore");
  engine->add_option("--label", e.label, "Copied into the JSON result");
  engine->add_option("--query,-q", e.query, "windowed | filter")->transform(CLI::CheckedTransformer(queries));
  engine->add_option("--records,-n", e.records, "Records to time (a warm-up of up to 10% more runs first)");
  engine->add_option("--pool", e.pool, "Distinct JSON values, cycled");
  engine->add_option("--per-ms", e.per_ms, "Records per millisecond of record time");
  engine->add_option("--state", e.state, "memory | rocksdb")->check(CLI::IsMember({"memory", "rocksdb"}));
  engine->add_option("--state-dir", e.state_dir, "RocksDB directory (removed afterwards)");
  engine->add_option("--batch", e.batch, "Records per engine batch (--record-cache) and RocksDB commit, as the server's");
  engine->add_flag("--record-cache", e.record_cache,
                   "Feed batches as the server's runner does, record cache on (changes coalesced per key per batch)");
  engine->add_flag("--timing", e.timing, "Time every state store call");
  engine->add_flag("--parts", e.parts, "Also time serde and state encoding in isolation");
  engine->callback([&] { rc = run_sql_engine(e); });

  SqlE2eOptions x;
  CLI::App* e2e = app.add_subcommand("e2e", "Produce payments to tributary serve, run the query over REST, time it");
  e2e->add_option("--label", x.label, "Copied into the JSON result");
  e2e->add_option("--brokers,-b", x.brokers, "The server's Kafka listener")->required();
  e2e->add_option("--sql-url", x.sql_url, "http://HOST:PORT of the server's --sql-listen")->required();
  e2e->add_option("--server-pid", x.server_pid, "PID of tributary serve, for its CPU time")->required();
  e2e->add_option("--query,-q", x.query, "windowed | filter | join")->transform(CLI::CheckedTransformer(e2e_queries));
  e2e->add_option("--records,-n", x.records, "Payments to produce before the query starts");
  e2e->add_option("--pool", x.pool, "Distinct JSON values, cycled");
  e2e->add_option("--per-ms", x.per_ms, "Records per millisecond of record time");
  e2e->add_option("--partitions,-p", x.partitions, "Partitions of the payments topic");
  e2e->add_option("--group-prefix", x.group_prefix, "Consumer group of a query: this + the query id");
  e2e->add_option("--timeout", x.timeout_s, "Seconds for the query to reach the end of the topic");
  e2e->callback([&] { rc = run_sql_e2e(x); });

  CLI11_PARSE(app, argc, argv);
  return rc;
}
