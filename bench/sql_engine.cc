// Engine mode: the SQL engine in this process, no Kafka. The benchmark's stream and one query are
// created through Engine::execute over a TopicStore that counts sink records and drops them; then
// pre-built KafkaRecords (a pool of JSON values, each given its own offset and timestamp) go
// through Engine::process one by one. records/s per core is records over this process's CPU time.
// --timing times every state store call; --parts times serde and state encoding in isolation, so
// the run can say where an engine record's time goes (docs/benchmarks.md, "Streaming SQL").
#include <fmt/format.h>

#include <filesystem>

#include "bench_stats.h"
#include "cpu_time.h"
#include "sql/serde/serde.h"
#include "sql/state/memory_state_store.h"
#include "sql/state/rocksdb_state.h"
#include "sql/state/value_codec.h"
#include "sql_bench.h"
#include "sql_engine_stores.h"

namespace tributary::bench {
namespace {

using sql::Column;
using sql::TypeKind;

Column column(const char* name, TypeKind kind, Column::Role role = Column::Role::value) {
  return Column{name, sql::make_type(kind), role, ""};
}

// Nanoseconds of CPU per call of f, over `n` calls.
template <class F>
double cpu_ns_per_call(int64_t n, F&& f) {
  double t0 = process_cpu_seconds();
  for (int64_t i = 0; i < n; ++i) f(i);
  return (process_cpu_seconds() - t0) * 1e9 / static_cast<double>(n);
}

// The pieces of an engine record's work, each alone: what a perfect engine would still pay.
struct Parts {
  double deserialize_ns = 0;  // JSON value -> 4 Values (simdjson DOM + coercion), the source's work
  double serialize_ns = 0;    // the sink's key and value JSON for one output row
  double state_codec_ns = 0;  // decode + encode of one stored aggregate state
};

Parts time_parts(const Payments& payments, SqlQuery query, const std::optional<std::string>& state_sample) {
  Parts parts;
  const int64_t n = 1'000'000;
  auto in = sql::make_serde(sql::Format::json,
                            {column("ID", TypeKind::bigint), column("GATEWAY", TypeKind::string),
                             column("AMOUNT", TypeKind::double_), column("CUSTID", TypeKind::int_)},
                            {});
  if (!in.ok()) return parts;
  int64_t sink = 0;
  parts.deserialize_ns = cpu_ns_per_call(n, [&](int64_t i) {
    auto row = (*in)->deserialize(payments.value(i));
    sink += row.ok() ? static_cast<int64_t>(row->size()) : 0;
  });
  if (query == SqlQuery::windowed) {
    auto key = sql::make_serde(sql::Format::kafka, {column("GATEWAY", TypeKind::string, Column::Role::key)}, {});
    auto value = sql::make_serde(sql::Format::json, {column("CNT", TypeKind::bigint), column("AVG_AMOUNT", TypeKind::double_)}, {});
    if (!key.ok() || !value.ok()) return parts;
    std::vector<sql::Value> k{sql::Value(std::string("paypal"))};
    parts.serialize_ns = cpu_ns_per_call(n, [&](int64_t i) {
      std::vector<sql::Value> v{sql::Value(i), sql::Value(50.0 + static_cast<double>(i % 1000) / 7.0)};
      auto kb = (*key)->serialize(k);
      auto vb = (*value)->serialize(v);
      if (kb.ok() && *kb) sink += static_cast<int64_t>(sql::append_window(std::move(**kb), {sql::WindowBounds::Type::time, i, i + 1000}).size());
      if (vb.ok() && *vb) sink += static_cast<int64_t>((*vb)->size());
    });
  } else {
    auto value = sql::make_serde(sql::Format::json, {column("ID", TypeKind::bigint), column("CENTS", TypeKind::double_)}, {});
    if (!value.ok()) return parts;
    parts.serialize_ns = cpu_ns_per_call(n, [&](int64_t i) {
      std::vector<sql::Value> v{sql::Value(i), sql::Value(static_cast<double>(i % 10000) * 1.25)};
      auto vb = (*value)->serialize(v);
      if (vb.ok() && *vb) sink += static_cast<int64_t>((*vb)->size());
    });
  }
  if (state_sample) {
    parts.state_codec_ns = cpu_ns_per_call(n, [&](int64_t) {
      auto decoded = sql::decode_values(*state_sample);
      if (decoded.ok()) sink += static_cast<int64_t>(sql::encode_values(*decoded).size());
    });
  }
  if (sink == 42) fmt::print(stderr, " ");  // keeps the loops from being optimised away
  return parts;
}

// Two clock reads, as TimedStateStore adds per call: subtracted from the timed state store total.
double clock_pair_ns() {
  int64_t sink = 0;
  double ns = cpu_ns_per_call(1'000'000, [&](int64_t) { sink += now_ns() - now_ns(); });
  return sink == 42 ? ns + 1 : ns;
}

}  // namespace

int run_sql_engine(const SqlEngineOptions& o) {
  namespace fs = std::filesystem;
  Payments payments = make_payments(o.pool, o.per_ms);
  CountingTopicStore topics;
  StateCallStats state_stats;
  sql::RocksDbStateStoreFactory* rocks = nullptr;
  std::unique_ptr<sql::StateStoreFactory> inner;
  if (o.state == "rocksdb") {
    if (o.state_dir.empty()) {
      fmt::print(stderr, "engine: --state rocksdb needs --state-dir\n");
      return 2;
    }
    auto r = std::make_unique<sql::RocksDbStateStoreFactory>(o.state_dir);
    rocks = r.get();
    inner = std::move(r);
  } else {
    inner = std::make_unique<sql::MemoryStateStoreFactory>();
  }
  (void)topics.create("payments", 1);
  sql::Engine engine(topics, {}, std::make_unique<TimedStateStoreFactory>(std::move(inner), state_stats, o.timing));
  for (const std::string& statement : {payments_stream_sql(), query_sql(o.query)}) {
    auto r = engine.execute(statement);
    if (!r.ok()) {
      fmt::print(stderr, "engine: {}: {}\n", statement, r.status().message());
      return 1;
    }
  }
  auto queries = engine.queries();
  if (queries.size() != 1) {
    fmt::print(stderr, "engine: expected one query, got {}\n", queries.size());
    return 1;
  }
  const std::string sink = queries[0].sink;
  sql::RocksDbQueryState* rocks_state = rocks ? rocks->query(queries[0].id) : nullptr;

  std::vector<sql::KafkaRecord> pool(payments.values.size());
  for (size_t i = 0; i < pool.size(); ++i) {
    pool[i].topic = "payments";
    pool[i].value = payments.values[i];
  }
  const std::string query_id = queries[0].id;
  auto feed = [&](int64_t from, int64_t to) {
    if (o.record_cache) engine.begin_batch(query_id);
    for (int64_t i = from; i < to; ++i) {
      sql::KafkaRecord& r = pool[static_cast<size_t>(i) % pool.size()];
      r.offset = i;
      r.timestamp = payments.timestamp(i);
      if (o.record_cache) {
        engine.process(query_id, r);
      } else {
        engine.process(r);
      }
      if (o.record_cache && ((i + 1) % o.batch == 0 || i + 1 == to)) {
        engine.end_batch(query_id);
        if (i + 1 != to) engine.begin_batch(query_id);
      }
      if (rocks_state && (i + 1) % o.batch == 0) {
        Status s = rocks_state->commit({{{"payments", 0}, i + 1}});
        if (!s.ok()) fmt::print(stderr, "engine: commit: {}\n", s.message());
      }
    }
  };
  // Warm-up (allocator, caches, first windows), not timed.
  int64_t warmup = std::min<int64_t>(static_cast<int64_t>(pool.size()), o.records / 10);
  feed(0, warmup);
  int64_t out_before = topics.records(sink);
  state_stats.get_ns = state_stats.put_ns = state_stats.other_ns = 0;
  StateCallStats start_stats = state_stats;

  double cpu0 = process_cpu_seconds();
  int64_t t0 = now_ns();
  feed(warmup, warmup + o.records);
  if (rocks_state) (void)rocks_state->commit({{{"payments", 0}, warmup + o.records}});
  int64_t t1 = now_ns();
  double cpu = process_cpu_seconds() - cpu0;
  double wall = static_cast<double>(t1 - t0) / 1e9;
  double n = static_cast<double>(o.records);
  int64_t out = topics.records(sink) - out_before;

  Result result;
  result.str("bench", "sql-engine")
      .str("label", o.label)
      .str("query", query_name(o.query))
      .str("state", o.state)
      .integer("timing", o.timing)
      .integer("record_cache", o.record_cache)
      .integer("batch", o.batch)
      .integer("records", o.records)
      .integer("output_records", out)
      .integer("errors", static_cast<int64_t>(engine.query_errors().size()))
      .num("seconds", wall)
      .num("cpu_seconds", cpu)
      .num("records_per_s", n / wall)
      .num("records_per_cpu_s", n / cpu)
      .num("ns_per_record", cpu * 1e9 / n)
      .num("state_calls_per_record", static_cast<double>(state_stats.calls() - start_stats.calls()) / n);
  if (o.timing) {
    double clock = clock_pair_ns();
    double calls = static_cast<double>(state_stats.calls() - start_stats.calls());
    double state_ns = static_cast<double>(state_stats.get_ns + state_stats.put_ns + state_stats.other_ns) - calls * clock;
    result.num("clock_pair_ns", clock)
        .num("state_get_ns_per_record", static_cast<double>(state_stats.get_ns) / n)
        .num("state_put_ns_per_record", static_cast<double>(state_stats.put_ns) / n)
        .num("state_ns_per_record", state_ns / n);
  }
  if (o.parts) {
    Parts parts = time_parts(payments, o.query, state_stats.sample_value);
    result.num("deserialize_ns", parts.deserialize_ns)
        .num("serialize_ns", parts.serialize_ns)
        .num("state_codec_ns", parts.state_codec_ns);
  }
  if (topics.last) {
    // Windowed keys end in 8 binary bytes: hex keeps the JSON line valid UTF-8.
    std::string hex;
    for (unsigned char c : topics.last->key.value_or("")) hex += fmt::format("{:02x}", c);
    result.str("sample_key_hex", hex)
        .str("sample_value", topics.last->value.value_or("(null)"));
  }
  result.print_json();
  fmt::print(stderr, "engine {} ({} state{}): {:.0f} records/s per core, {:.0f} ns/record, {} output records\n",
             query_name(o.query), o.state, o.timing ? ", timed" : "", n / cpu, cpu * 1e9 / n, out);
  if (rocks) {
    std::error_code ec;
    fs::remove_all(o.state_dir, ec);
  }
  return 0;
}

}  // namespace tributary::bench
