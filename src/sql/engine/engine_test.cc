#include "sql/engine/engine.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "sql/engine/memory_topic_store.h"
#include "sql/exec/sink_operator.h"
#include "sql/planner/metastore.h"
#include "sql/state/rocksdb_state.h"

namespace tributary::sql {
namespace {

// Runs the engine over an in-memory store, feeding produced records back like a consumer would.
struct Harness {
  MemoryTopicStore topics;
  Engine engine{topics, [] {
                  EngineOptions o;
                  o.processing_log_topic = "processing_log";
                  return o;
                }()};

  void ok(const std::string& sql) {
    auto r = engine.execute(sql);
    ASSERT_TRUE(r.ok()) << sql << ": " << r.status().message();
  }
  void send(const std::string& topic, std::optional<std::string> key, std::optional<std::string> value,
            int64_t ts = 0) {
    KafkaRecord r;
    r.topic = topic;
    r.key = std::move(key);
    r.value = std::move(value);
    r.timestamp = ts;
    topics.produce(r);
    for (auto pending = topics.drain(); !pending.empty(); pending = topics.drain()) {
      for (const auto& rec : pending) engine.process(rec);
    }
  }
  std::vector<std::pair<std::string, std::string>> out(const std::string& topic) {
    std::vector<std::pair<std::string, std::string>> v;
    for (const auto& r : topics.records(topic)) v.emplace_back(r.key.value_or("<null>"), r.value.value_or("<null>"));
    return v;
  }
};

TEST(Engine, FiltersAndProjectsAStream) {
  Harness h;
  h.ok("CREATE STREAM orders (id STRING KEY, amount INT, item STRING) "
       "WITH (kafka_topic='orders', value_format='JSON', partitions=1);");
  h.ok("CREATE STREAM big AS SELECT id, item, amount * 2 AS doubled FROM orders WHERE amount > 10;");
  h.send("orders", "a", R"({"AMOUNT": 5, "ITEM": "pen"})");
  h.send("orders", "b", R"({"AMOUNT": 50, "ITEM": "desk"})");
  auto out = h.out("BIG");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].first, "b");
  EXPECT_EQ(nlohmann::json::parse(out[0].second), nlohmann::json::parse(R"({"ITEM":"desk","DOUBLED":100})"));
  const DataSource* big = h.engine.metastore().source("BIG");
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(big->schema.to_string(), "ID STRING KEY, ITEM STRING, DOUBLED INTEGER");
}

TEST(Engine, CountsPerGroupAsATable) {
  Harness h;
  h.ok("CREATE STREAM clicks (user STRING KEY, page STRING) WITH (kafka_topic='clicks', value_format='JSON', partitions=1);");
  h.ok("CREATE TABLE per_page AS SELECT page, COUNT(*) AS hits FROM clicks GROUP BY page;");
  h.send("clicks", "u1", R"({"PAGE": "home"})");
  h.send("clicks", "u2", R"({"PAGE": "docs"})");
  h.send("clicks", "u1", R"({"PAGE": "home"})");
  auto out = h.out("PER_PAGE");
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[2].first, "home");
  EXPECT_EQ(nlohmann::json::parse(out[2].second)["HITS"], 2);
  EXPECT_TRUE(h.engine.metastore().source("PER_PAGE")->is_table);
}

// A worker taking a query over swaps the state beneath it: the rebuilt operators read the new
// state, nothing they decoded from the old one survives.
TEST(Engine, RebuiltQueryReadsOnlyTheStateBeneathIt) {
  auto dir = std::filesystem::temp_directory_path() / ("engine_rebuild_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    MemoryTopicStore topics;
    auto factory = std::make_unique<RocksDbStateStoreFactory>(dir.string());
    RocksDbStateStoreFactory* rocks = factory.get();
    Engine engine(topics, {}, std::move(factory));
    ASSERT_TRUE(engine.execute("CREATE STREAM clicks (user STRING KEY, page STRING) "
                               "WITH (kafka_topic='clicks', value_format='JSON', partitions=1);").ok());
    ASSERT_TRUE(engine.execute("CREATE TABLE per_page AS SELECT page, COUNT(*) AS hits FROM clicks GROUP BY page;").ok());
    std::string id;
    for (const auto& q : engine.queries()) {
      if (q.sink == "PER_PAGE") id = q.id;
    }
    ASSERT_FALSE(id.empty());
    auto click = [&] {
      KafkaRecord r;
      r.topic = "clicks";
      r.key = "u";
      r.value = R"({"PAGE": "home"})";
      engine.process(id, r);
      return nlohmann::json::parse(*topics.records("PER_PAGE").back().value)["HITS"].get<int>();
    };
    EXPECT_EQ(click(), 1);
    EXPECT_EQ(click(), 2);
    // The same state beneath: counting goes on.
    ASSERT_TRUE(engine.rebuild_query(id, [] { return Status(); }).ok());
    EXPECT_EQ(click(), 3);
    // The state wiped beneath (a restore from an empty changelog): counting starts again.
    ASSERT_TRUE(engine.rebuild_query(id, [&] { return rocks->query(id)->destroy(); }).ok());
    EXPECT_EQ(click(), 1);
    EXPECT_EQ(engine.rebuild_query("CTAS_NONE_9", [] { return Status(); }).code(), Errc::not_found);
  }
  std::filesystem::remove_all(dir);
}

// The server's engine (repartition steps on) over in-memory topics, with a stream `clicks` of
// user (key) and page over `partitions` partitions.
struct ServerEngine {
  MemoryTopicStore topics;
  Engine engine{topics, [] {
                  EngineOptions options;
                  options.repartition = true;
                  return options;
                }()};

  explicit ServerEngine(int partitions) {
    EXPECT_TRUE(engine.execute("CREATE STREAM clicks (user STRING KEY, page STRING) WITH (kafka_topic='clicks', "
                               "value_format='JSON', partitions=" + std::to_string(partitions) + ");").ok());
  }
};

// On the server, an aggregation grouped by another column than its source's key goes through a
// repartition topic; a row written there twice (its source record processed again after a crash)
// counts once.
TEST(Engine, RepartitionedRowsCountOnceEachSourceRecord) {
  ServerEngine server(2);
  MemoryTopicStore& topics = server.topics;
  Engine& engine = server.engine;
  ASSERT_TRUE(engine.execute("CREATE TABLE per_page AS SELECT page, COUNT(*) AS hits FROM clicks GROUP BY page;").ok());
  Engine::QueryInfo info;
  for (const auto& q : engine.queries()) {
    if (q.sink == "PER_PAGE") info = q;
  }
  std::string repartition = query_topic_name("default_", info.id, kGroupByRepartition);
  EXPECT_EQ(info.source_topics, (std::vector<std::string>{"clicks", repartition}));
  EXPECT_TRUE(info.state_per_partition);
  EXPECT_EQ(topics.partitions(repartition), 2);

  auto click = [&](int64_t offset, const std::string& page = "home") {
    KafkaRecord r;
    r.topic = "clicks";
    r.partition = 1;
    r.offset = offset;
    r.key = "u";
    r.value = R"({"PAGE": ")" + page + R"("})";
    engine.process(info.id, r);
    return topics.records(repartition).back();
  };
  auto hits = [&] {
    const auto& out = topics.records("PER_PAGE");
    return out.empty() ? 0 : nlohmann::json::parse(*out.back().value)["HITS"].get<int>();
  };
  KafkaRecord first = click(7);
  EXPECT_EQ(hits(), 0);  // counted only when read back from the repartition topic
  engine.process(info.id, first);
  EXPECT_EQ(hits(), 1);
  engine.process(info.id, first);           // the same row read twice
  engine.process(info.id, click(7));        // the source record processed again
  EXPECT_EQ(topics.records("PER_PAGE").size(), 1u);
  engine.process(info.id, click(8));
  EXPECT_EQ(hits(), 2);

  // Run whole, the query reads every repartition partition: rows of one source partition arrive
  // in order within a repartition partition, not across them, and each counts.
  KafkaRecord earlier = click(20, "p0");
  KafkaRecord later = click(21, "p1");
  for (int i = 2; i < 20 && later.partition == earlier.partition; ++i) later = click(20 + i, "p" + std::to_string(i));
  ASSERT_NE(later.partition, earlier.partition);
  engine.process(info.id, later);
  engine.process(info.id, earlier);
  auto count_of = [&](const std::string& page) {
    int n = 0;
    for (const auto& r : topics.records("PER_PAGE")) {
      if (r.key && r.key->find(page) != std::string::npos) n = nlohmann::json::parse(*r.value)["HITS"].get<int>();
    }
    return n;
  };
  EXPECT_EQ(count_of("p0"), 1);

  // The conformance driver's engine aggregates in place.
  MemoryTopicStore local_topics;
  Engine local(local_topics);
  ASSERT_TRUE(local.execute("CREATE STREAM clicks (user STRING KEY, page STRING) "
                            "WITH (kafka_topic='clicks', value_format='JSON', partitions=2);").ok());
  ASSERT_TRUE(local.execute("CREATE TABLE per_page AS SELECT page, COUNT(*) AS hits FROM clicks GROUP BY page;").ok());
  for (const auto& q : local.queries()) {
    if (q.sink == "PER_PAGE") {
      EXPECT_EQ(q.source_topics, std::vector<std::string>{"clicks"});
    }
  }
}

// A repartition topic left by an earlier run of the statement (the command log replayed after the
// source grew) is used with the partitions it has: failing would drop the query from the replay.
TEST(Engine, AnExistingRepartitionTopicIsUsedWithItsPartitions) {
  ServerEngine server(4);
  MemoryTopicStore& topics = server.topics;
  Engine& engine = server.engine;
  std::string id = "CTAS_PER_PAGE_" + std::to_string(engine.next_query_number());
  std::string repartition = query_topic_name("default_", id, kGroupByRepartition);
  ASSERT_TRUE(topics.create(repartition, 2).ok());
  ASSERT_TRUE(engine.execute("CREATE TABLE per_page AS SELECT page, COUNT(*) AS hits FROM clicks GROUP BY page;").ok());
  ASSERT_EQ(engine.queries().size(), 1u);
  EXPECT_EQ(engine.queries()[0].id, id);
  EXPECT_EQ(topics.partitions(repartition), 2);
  std::set<int32_t> used;
  for (int i = 0; i < 40; ++i) {
    KafkaRecord r;
    r.topic = "clicks";
    r.offset = i;
    r.key = "u";
    r.value = R"({"PAGE": "p)" + std::to_string(i) + R"("})";
    engine.process(id, r);
    used.insert(topics.records(repartition).back().partition);
  }
  EXPECT_EQ(used, (std::set<int32_t>{0, 1}));
}

// On the server, a stream joined with a table on another column than its key sends its rows
// through a repartition topic keyed as the table's topic keys its records, so that partition p of
// one meets partition p of the other; with other partition counts the join runs in place.
TEST(Engine, JoinOnAValueColumnRepartitionsTheStreamKeyedAsTheTable) {
  ServerEngine server(4);
  MemoryTopicStore& topics = server.topics;
  Engine& engine = server.engine;
  ASSERT_TRUE(engine.execute("CREATE TABLE titles (id STRING PRIMARY KEY, title STRING) "
                             "WITH (kafka_topic='titles', key_format='JSON', value_format='JSON', partitions=4);").ok());
  ASSERT_TRUE(engine.execute("CREATE TABLE few_titles (id STRING PRIMARY KEY, title STRING) "
                             "WITH (kafka_topic='few_titles', value_format='JSON', partitions=2);").ok());
  ASSERT_TRUE(engine.execute("CREATE STREAM titled AS SELECT c.page, c.user, t.title FROM clicks c "
                             "JOIN titles t ON c.page = t.id;").ok());
  ASSERT_TRUE(engine.execute("CREATE STREAM few_titled AS SELECT c.page, c.user, t.title FROM clicks c "
                             "JOIN few_titles t ON c.page = t.id;").ok());
  std::map<std::string, Engine::QueryInfo> info;
  for (const auto& q : engine.queries()) info[q.sink] = q;
  std::string repartition = query_topic_name("default_", info["TITLED"].id, kJoinRepartition);
  EXPECT_EQ(info["TITLED"].source_topics, (std::vector<std::string>{"clicks", "titles", repartition}));
  EXPECT_TRUE(info["TITLED"].state_per_partition);
  EXPECT_EQ(topics.partitions(repartition), 4);
  EXPECT_EQ(info["FEW_TITLED"].source_topics, (std::vector<std::string>{"clicks", "few_titles"}));
  EXPECT_FALSE(info["FEW_TITLED"].state_per_partition);

  const std::string id = info["TITLED"].id;
  KafkaRecord title;
  title.topic = "titles";
  title.key = R"("home")";
  title.partition = partition_for_key(*title.key, 4);
  title.value = R"({"TITLE": "Welcome"})";
  engine.process(id, title);
  KafkaRecord click;
  click.topic = "clicks";
  click.key = "u1";
  click.partition = partition_for_key("u1", 4);
  click.offset = 3;
  click.value = R"({"PAGE": "home"})";
  engine.process(id, click);
  EXPECT_TRUE(topics.records("TITLED").empty());  // joined only when read back
  ASSERT_EQ(topics.records(repartition).size(), 1u);
  KafkaRecord rekeyed = topics.records(repartition).back();
  EXPECT_EQ(rekeyed.key, title.key);  // the table's key bytes (JSON), so the table's partition
  EXPECT_EQ(rekeyed.partition, title.partition);
  engine.process(id, rekeyed);
  ASSERT_EQ(topics.records("TITLED").size(), 1u);
  auto row = nlohmann::json::parse(*topics.records("TITLED").back().value);
  EXPECT_EQ(row["USER"], "u1");
  EXPECT_EQ(row["TITLE"], "Welcome");
}

TEST(Engine, TumblingWindowKeysCarryTheWindow) {
  Harness h;
  h.ok("CREATE STREAM temps (sensor STRING KEY, v DOUBLE) WITH (kafka_topic='temps', value_format='JSON', partitions=1);");
  h.ok("CREATE TABLE peaks AS SELECT sensor, MAX(v) AS peak FROM temps WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY sensor;");
  h.send("temps", "s", R"({"V": 1.5})", 1000);
  h.send("temps", "s", R"({"V": 0.5})", 12000);
  const auto& records = h.topics.records("PEAKS");
  ASSERT_EQ(records.size(), 2u);
  auto second = split_window(*records[1].key, WindowBounds::Type::time, 10000);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->first, "s");
  EXPECT_EQ(second->second.start, 10000);
}

TEST(Engine, FailedStatementLeavesNothingBehind) {
  Harness h;
  h.ok("CREATE STREAM s (k STRING KEY, a INT) WITH (kafka_topic='s', value_format='JSON', partitions=1);");
  auto r = h.engine.execute("CREATE STREAM t AS SELECT k, nope FROM s;");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("NOPE"), std::string::npos) << r.status().message();
  EXPECT_FALSE(h.engine.metastore().has_source("T"));
  EXPECT_FALSE(h.topics.exists("T"));

  auto missing_key = h.engine.execute("CREATE STREAM t AS SELECT a FROM s;");
  ASSERT_FALSE(missing_key.ok());
  EXPECT_NE(missing_key.status().message().find("must include the key column K"), std::string::npos);
}

TEST(Engine, DropRefusesSourcesThatQueriesRead) {
  Harness h;
  h.ok("CREATE STREAM s (k STRING KEY, a INT) WITH (kafka_topic='s', value_format='JSON', partitions=1);");
  h.ok("CREATE STREAM t AS SELECT * FROM s;");
  EXPECT_FALSE(h.engine.execute("DROP STREAM s;").ok());
  h.ok("DROP STREAM t DELETE TOPIC;");
  EXPECT_FALSE(h.topics.exists("T"));
  h.ok("DROP STREAM s;");
  EXPECT_FALSE(h.engine.metastore().has_source("S"));
  auto gone = h.engine.execute("DROP STREAM s;");
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().message(), "Stream S does not exist");
}

TEST(Engine, BadRecordsGoToTheProcessingLog) {
  Harness h;
  h.ok("CREATE STREAM s (k STRING KEY, a INT) WITH (kafka_topic='s', value_format='JSON', partitions=1);");
  h.ok("CREATE STREAM t AS SELECT * FROM s;");
  h.send("s", "x", "not json");
  h.send("s", "y", R"({"A": 1})");
  EXPECT_EQ(h.out("T").size(), 1u);
  ASSERT_EQ(h.topics.records("processing_log").size(), 1u);
  auto entry = nlohmann::json::parse(*h.topics.records("processing_log")[0].value);
  EXPECT_EQ(entry["level"], "ERROR");
}

TEST(Engine, ShowStreamsListsSources) {
  Harness h;
  h.ok("CREATE STREAM s (k STRING KEY, a INT) WITH (kafka_topic='s', value_format='JSON', partitions=1);");
  auto r = h.engine.execute("SHOW STREAMS;");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].type, "streams");
  EXPECT_EQ((*r)[0].entity["streams"][0]["name"], "S");
}

// The server's runner feeds batches: with ksqlDB's record cache on (the default), an
// aggregation's changes are coalesced per key and emitted at the end of the batch; with
// ksql.streams.cache.max.bytes.buffering=0, every change is emitted as it happens.
void run_batch(Harness& h, const std::string& query_id, const std::vector<std::pair<std::string, int64_t>>& pages) {
  h.engine.begin_batch(query_id);
  for (const auto& [page, ts] : pages) {
    KafkaRecord r;
    r.topic = "clicks";
    r.key = "u";
    r.value = R"({"PAGE": ")" + page + R"("})";
    r.timestamp = ts;
    h.engine.process(query_id, r);
  }
  h.engine.end_batch(query_id);
}

TEST(Engine, RecordCacheCoalescesABatchPerKey) {
  Harness h;
  h.ok("CREATE STREAM clicks (user STRING KEY, page STRING) WITH (kafka_topic='clicks', value_format='JSON', partitions=1);");
  h.ok("CREATE TABLE per_page AS SELECT page, COUNT(*) AS hits FROM clicks WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY page;");
  auto queries = h.engine.queries();
  ASSERT_EQ(queries.size(), 1u);
  run_batch(h, queries[0].id, {{"home", 1000}, {"docs", 2000}, {"home", 3000}, {"home", 11000}, {"docs", 4000}});
  auto out = h.out("PER_PAGE");
  // One row per page and window, in the order of their last update, with the last count.
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].first.substr(0, 4), "home");
  EXPECT_EQ(nlohmann::json::parse(out[0].second)["HITS"], 2);
  EXPECT_EQ(out[1].first.substr(0, 4), "home");
  EXPECT_EQ(nlohmann::json::parse(out[1].second)["HITS"], 1);
  EXPECT_EQ(out[2].first.substr(0, 4), "docs");
  EXPECT_EQ(nlohmann::json::parse(out[2].second)["HITS"], 2);
  // The state carries over to the next batch.
  run_batch(h, queries[0].id, {{"docs", 5000}});
  out = h.out("PER_PAGE");
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(nlohmann::json::parse(out[3].second)["HITS"], 3);
}

TEST(Engine, RecordCacheOffEmitsEveryChange) {
  Harness h;
  h.ok("SET 'ksql.streams.cache.max.bytes.buffering'='0';");
  h.ok("CREATE STREAM clicks (user STRING KEY, page STRING) WITH (kafka_topic='clicks', value_format='JSON', partitions=1);");
  h.ok("CREATE TABLE per_page AS SELECT page, COUNT(*) AS hits FROM clicks GROUP BY page;");
  auto queries = h.engine.queries();
  ASSERT_EQ(queries.size(), 1u);
  run_batch(h, queries[0].id, {{"home", 1000}, {"home", 2000}, {"home", 3000}});
  auto out = h.out("PER_PAGE");
  ASSERT_EQ(out.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(nlohmann::json::parse(out[static_cast<std::size_t>(i)].second)["HITS"], i + 1);
}

}  // namespace
}  // namespace tributary::sql
