// Pull queries over tables materialized by CTAS and over source tables, and the ids of
// transient queries.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "sql/engine/engine.h"
#include "sql/engine/memory_topic_store.h"
#include "sql/parser/parser.h"
#include "sql/state/rocksdb_state.h"

namespace tributary::sql {
namespace {

struct Harness {
  MemoryTopicStore topics;
  Engine engine{topics};

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
  Result<std::pair<QueryHeader, std::vector<PushRow>>> pull(const std::string& sql) {
    auto statement = parse_statement(sql);
    if (!statement.ok()) return statement.status();
    return engine.pull_query(*statement, {});
  }
  // Rows as one JSON array, sorted, for order-independent comparisons.
  nlohmann::json rows(const std::string& sql) {
    auto r = pull(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().message();
    if (!r.ok()) return nlohmann::json();
    std::vector<nlohmann::json> v;
    for (const auto& row : r->second) v.push_back(row.columns);
    std::sort(v.begin(), v.end());
    return nlohmann::json(v);
  }
  std::string error(const std::string& sql) {
    auto r = pull(sql);
    EXPECT_FALSE(r.ok()) << sql;
    return r.ok() ? "" : r.status().message();
  }
};

void payments(Harness& h) {
  h.ok("CREATE STREAM payments (id STRING KEY, gateway STRING, amount DOUBLE) "
       "WITH (kafka_topic='payments', value_format='JSON', partitions=1);");
  h.ok("CREATE TABLE by_gateway AS SELECT gateway, COUNT(*) AS cnt, SUM(amount) AS total FROM payments "
       "GROUP BY gateway EMIT CHANGES;");
  h.ok("CREATE TABLE per_second AS SELECT gateway, COUNT(*) AS cnt FROM payments "
       "WINDOW TUMBLING (SIZE 1 SECOND) GROUP BY gateway EMIT CHANGES;");
  h.send("payments", "p1", R"({"GATEWAY": "stripe", "AMOUNT": 1.5})", 1000);
  h.send("payments", "p2", R"({"GATEWAY": "adyen", "AMOUNT": 2.0})", 1500);
  h.send("payments", "p3", R"({"GATEWAY": "stripe", "AMOUNT": 3.0})", 2100);
  h.send("payments", "p4", R"({"GATEWAY": "paypal", "AMOUNT": 0.25})", 2200);
}

TEST(PullQuery, CountAndSumPerKey) {
  Harness h;
  payments(h);
  auto r = h.pull("SELECT GATEWAY, CNT, TOTAL FROM BY_GATEWAY;");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->first.column_names, (std::vector<std::string>{"GATEWAY", "CNT", "TOTAL"}));
  EXPECT_EQ(r->first.column_types, (std::vector<std::string>{"STRING", "BIGINT", "DOUBLE"}));
  EXPECT_EQ(h.rows("SELECT GATEWAY, CNT, TOTAL FROM BY_GATEWAY;"),
            nlohmann::json::parse(R"([["adyen",1,2.0],["paypal",1,0.25],["stripe",2,4.5]])"));
  EXPECT_EQ(h.rows("SELECT * FROM BY_GATEWAY WHERE GATEWAY = 'stripe';"),
            nlohmann::json::parse(R"([["stripe",2,4.5]])"));
  EXPECT_EQ(h.rows("SELECT CNT * 10 AS TENS FROM BY_GATEWAY WHERE GATEWAY = 'nobody';"), nlohmann::json::array());
  // State is current: a new payment shows at once.
  h.send("payments", "p5", R"({"GATEWAY": "adyen", "AMOUNT": 1.0})", 2300);
  EXPECT_EQ(h.rows("SELECT GATEWAY, CNT FROM BY_GATEWAY WHERE GATEWAY = 'adyen';"),
            nlohmann::json::parse(R"([["adyen",2]])"));
}

TEST(PullQuery, WindowedTableByKeyAndWindowStartRange) {
  Harness h;
  payments(h);
  EXPECT_EQ(h.rows("SELECT GATEWAY, WINDOWSTART, WINDOWEND, CNT FROM PER_SECOND WHERE GATEWAY = 'stripe';"),
            nlohmann::json::parse(R"([["stripe",1000,2000,1],["stripe",2000,3000,1]])"));
  EXPECT_EQ(h.rows("SELECT GATEWAY, CNT FROM PER_SECOND WHERE GATEWAY = 'stripe' AND WINDOWSTART >= 2000;"),
            nlohmann::json::parse(R"([["stripe",1]])"));
  EXPECT_EQ(h.rows("SELECT GATEWAY FROM PER_SECOND WHERE WINDOWSTART > 1000 AND WINDOWEND <= 3000;"),
            nlohmann::json::parse(R"([["paypal"],["stripe"]])"));
  // SELECT * shows the window bounds after the key.
  auto star = h.pull("SELECT * FROM PER_SECOND WHERE GATEWAY = 'adyen';");
  ASSERT_TRUE(star.ok()) << star.status().message();
  EXPECT_EQ(star->first.column_names, (std::vector<std::string>{"GATEWAY", "WINDOWSTART", "WINDOWEND", "CNT"}));
  ASSERT_EQ(star->second.size(), 1u);
  EXPECT_EQ(star->second[0].columns, nlohmann::json::parse(R"(["adyen",1000,2000,1])"));
}

TEST(PullQuery, KeyInListAndScanWithFilterAndLimit) {
  Harness h;
  payments(h);
  EXPECT_EQ(h.rows("SELECT GATEWAY, CNT FROM BY_GATEWAY WHERE GATEWAY IN ('adyen', 'paypal', 'none');"),
            nlohmann::json::parse(R"([["adyen",1],["paypal",1]])"));
  EXPECT_EQ(h.rows("SELECT GATEWAY FROM BY_GATEWAY WHERE TOTAL > 1.0;"),
            nlohmann::json::parse(R"([["adyen"],["stripe"]])"));
  EXPECT_EQ(h.rows("SELECT GATEWAY FROM BY_GATEWAY WHERE GATEWAY > 'b' AND CNT = 1;"),
            nlohmann::json::parse(R"([["paypal"]])"));
  auto limited = h.pull("SELECT * FROM BY_GATEWAY LIMIT 2;");
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->second.size(), 2u);
}

TEST(PullQuery, SourceTableIsMaterializedAndHonoursTombstones) {
  Harness h;
  h.ok("CREATE TABLE users (id INT PRIMARY KEY, name STRING) WITH (kafka_topic='users', value_format='JSON', "
       "partitions=1);");
  h.send("users", std::string("\0\0\0\1", 4), R"({"NAME": "ann"})");
  h.send("users", std::string("\0\0\0\2", 4), R"({"NAME": "bob"})");
  h.send("users", std::string("\0\0\0\1", 4), R"({"NAME": "amy"})");
  EXPECT_EQ(h.rows("SELECT * FROM USERS;"), nlohmann::json::parse(R"([[1,"amy"],[2,"bob"]])"));
  EXPECT_EQ(h.rows("SELECT NAME FROM USERS WHERE ID = 2;"), nlohmann::json::parse(R"([["bob"]])"));
  h.send("users", std::string("\0\0\0\2", 4), std::nullopt);
  EXPECT_EQ(h.rows("SELECT ID FROM USERS;"), nlohmann::json::parse(R"([[1]])"));
  // The materializer is no query of the user's: not listed, no obstacle to DROP.
  auto shown = h.engine.execute("SHOW QUERIES;");
  ASSERT_TRUE(shown.ok());
  EXPECT_TRUE((*shown)[0].entity["queries"].empty());
  h.ok("DROP TABLE users;");
}

TEST(PullQuery, RejectsWhatKsqlDbRejects) {
  Harness h;
  payments(h);
  EXPECT_NE(h.error("SELECT * FROM PAYMENTS;").find("EMIT CHANGES"), std::string::npos);
  EXPECT_EQ(h.error("SELECT GATEWAY, COUNT(*) FROM BY_GATEWAY GROUP BY GATEWAY;"),
            "Pull queries don't support GROUP BY clauses.");
  EXPECT_NE(h.error("SELECT * FROM NOPE;").find("NOPE does not exist"), std::string::npos);
  EXPECT_NE(h.error("SELECT MISSING FROM BY_GATEWAY;").find("MISSING"), std::string::npos);
}

TEST(PullQuery, TransientQueriesDoNotShiftPersistentIds) {
  Harness h;
  h.ok("CREATE STREAM s (k STRING KEY, a INT) WITH (kafka_topic='s', value_format='JSON', partitions=1);");
  auto push = parse_statement("SELECT * FROM s EMIT CHANGES;");
  ASSERT_TRUE(push.ok());
  auto handle = h.engine.start_push_query(*push, {}, [](const PushRow&) {});
  ASSERT_TRUE(handle.ok()) << handle.status().message();
  EXPECT_EQ((*handle)->header().query_id.rfind("transient_S_", 0), 0u) << (*handle)->header().query_id;
  (*handle)->close();
  auto r = h.engine.execute("CREATE TABLE t AS SELECT k, COUNT(*) AS c FROM s GROUP BY k;");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ((*r)[0].entity["commandStatus"]["queryId"], "CTAS_T_0") << (*r)[0].entity.dump();
}

// Which queries may run as tasks: their state must split by the partition of their sources.
TEST(QueryTasks, OnlyStateKeyedLikeItsSourceSplitsByPartition) {
  Harness h;
  h.ok("CREATE STREAM clicks (user STRING KEY, page STRING) WITH (kafka_topic='clicks', value_format='JSON', "
       "partitions=2);");
  h.ok("CREATE TABLE users (id STRING PRIMARY KEY, name STRING) WITH (kafka_topic='users', value_format='JSON', "
       "partitions=2);");
  h.ok("CREATE TABLE per_user AS SELECT user, COUNT(*) AS c FROM clicks GROUP BY user;");
  h.ok("CREATE TABLE per_user_page WITH (key_format='JSON') AS SELECT user, page, COUNT(*) AS c FROM clicks "
       "GROUP BY page, user;");
  h.ok("CREATE TABLE per_page AS SELECT page, COUNT(*) AS c FROM clicks GROUP BY page;");
  h.ok("CREATE TABLE per_name AS SELECT name, COUNT(*) AS c FROM users GROUP BY name;");
  h.ok("CREATE TABLE named AS SELECT * FROM users WHERE name IS NOT NULL;");
  h.ok("CREATE TABLE joined AS SELECT c.user, COUNT(*) AS c FROM clicks c JOIN users u ON c.user = u.id "
       "GROUP BY c.user;");
  h.ok("CREATE TABLE joined_by_id AS SELECT u.id, COUNT(*) AS c FROM clicks c JOIN users u ON c.user = u.id "
       "GROUP BY u.id;");
  h.ok("CREATE TABLE joined_by_name AS SELECT u.name, COUNT(*) AS c FROM clicks c JOIN users u ON c.user = u.id "
       "GROUP BY u.name;");
  h.ok("CREATE STREAM pages AS SELECT * FROM clicks WHERE page IS NOT NULL;");
  // Joined on both sides' keys the rows meet in one partition; on a value column they do not.
  h.ok("CREATE TABLE titles (id STRING PRIMARY KEY, title STRING) WITH (kafka_topic='titles', value_format='JSON', "
       "partitions=2);");
  h.ok("CREATE STREAM named_clicks AS SELECT c.user, u.name FROM clicks c JOIN users u ON c.user = u.id;");
  h.ok("CREATE STREAM titled_clicks AS SELECT c.page, c.user, t.title FROM clicks c JOIN titles t ON c.page = t.id;");
  h.ok("CREATE TABLE named_titles AS SELECT u.id, u.name, t.title FROM users u JOIN titles t ON u.id = t.id;");
  // Keys serialised differently land in different partitions even when their values are equal.
  h.ok("CREATE TABLE json_users (id STRING PRIMARY KEY, name STRING) WITH (kafka_topic='json_users', "
       "key_format='JSON', value_format='JSON', partitions=2);");
  h.ok("CREATE STREAM json_named_clicks AS SELECT c.user, u.name FROM clicks c JOIN json_users u ON c.user = u.id;");
  h.ok("CREATE TABLE piped_users (id STRING PRIMARY KEY, name STRING) WITH (kafka_topic='piped_users', "
       "key_format='DELIMITED', key_delimiter='|', value_format='JSON', partitions=2);");
  h.ok("CREATE TABLE comma_users (id STRING PRIMARY KEY, name STRING) WITH (kafka_topic='comma_users', "
       "key_format='DELIMITED', value_format='JSON', partitions=2);");
  h.ok("CREATE TABLE piped_named AS SELECT p.id, p.name, c.name AS other FROM piped_users p JOIN comma_users c "
       "ON p.id = c.id;");
  // After a first join its key can no longer be named in a condition: three-way joins run whole.
  h.ok("CREATE STREAM named_titled_clicks AS SELECT c.user, u.name, t.title FROM clicks c JOIN users u ON c.user = u.id "
       "JOIN titles t ON c.user = t.id;");
  // A windowed source's records are keyed (and partitioned) by key and window.
  h.ok("CREATE STREAM sessions (user STRING KEY, n INT) WITH (kafka_topic='sessions', value_format='JSON', "
       "window_type='TUMBLING', window_size='1 MINUTE', partitions=2);");
  h.ok("CREATE TABLE per_session_user AS SELECT user, COUNT(*) AS c FROM sessions GROUP BY user;");
  std::map<std::string, bool> split;
  for (const auto& q : h.engine.queries()) {
    if (!q.sink.empty()) split[q.sink] = q.state_per_partition;
  }
  EXPECT_EQ(split, (std::map<std::string, bool>{{"PER_USER", true}, {"PER_USER_PAGE", true}, {"PER_PAGE", false},
                                                {"PER_NAME", false}, {"NAMED", true}, {"JOINED", true},
                                                {"JOINED_BY_ID", true}, {"JOINED_BY_NAME", false},
                                                {"PAGES", false}, {"PER_SESSION_USER", false},
                                                {"NAMED_CLICKS", true}, {"TITLED_CLICKS", false},
                                                {"NAMED_TITLES", true}, {"JSON_NAMED_CLICKS", false},
                                                {"PIPED_NAMED", false}, {"NAMED_TITLED_CLICKS", false}}));
}

// Run as tasks, a query keeps one instance per partition this worker runs, each over its own
// state: records of other partitions are ignored, and pull queries read the listed tasks.
TEST(QueryTasks, EachTaskKeepsItsPartitionsRows) {
  auto dir = std::filesystem::temp_directory_path() / ("query_tasks_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  MemoryTopicStore topics;
  Engine engine(topics, {}, std::make_unique<RocksDbStateStoreFactory>(dir.string()));
  for (const char* sql : {"CREATE STREAM clicks (user STRING KEY, page STRING) WITH (kafka_topic='clicks', "
                          "value_format='JSON', partitions=3);",
                          "CREATE TABLE per_user AS SELECT user, COUNT(*) AS c FROM clicks GROUP BY user;"}) {
    ASSERT_TRUE(engine.execute(sql).ok()) << sql;
  }
  std::string id;
  for (const auto& q : engine.queries()) {
    if (q.sink == "PER_USER") id = q.id;
  }
  ASSERT_TRUE(engine.rebuild_query(id, [] { return Status(); }, std::vector<int32_t>{0, 1}).ok());
  auto click = [&](const std::string& user, int32_t partition) {
    KafkaRecord r;
    r.topic = "clicks";
    r.partition = partition;
    r.key = user;
    r.value = R"({"PAGE": "home"})";
    engine.process(id, r);
  };
  click("u0", 0);
  click("u0", 0);
  click("u1", 1);
  click("u2", 2);  // a partition this worker does not run
  auto pull = [&](std::optional<std::vector<int32_t>> tasks) -> Result<nlohmann::json> {
    auto statement = parse_statement("SELECT USER, C FROM PER_USER;");
    if (!statement.ok()) return statement.status();
    auto r = engine.pull_query(*statement, {}, tasks);
    if (!r.ok()) return r.status();
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : r->second) rows.push_back(row.columns);
    return rows;
  };
  EXPECT_EQ(*pull(std::nullopt), nlohmann::json::parse(R"([["u0",2],["u1",1]])"));
  EXPECT_EQ(*pull(std::vector<int32_t>{1}), nlohmann::json::parse(R"([["u1",1]])"));
  EXPECT_EQ(pull(std::vector<int32_t>{2}).status().code(), Errc::io_error);
  // Task 0 moves away: its rows are no longer answered here, task 1 keeps counting.
  ASSERT_TRUE(engine.rebuild_query(id, [] { return Status(); }, std::vector<int32_t>{1}).ok());
  click("u1", 1);
  click("u0", 0);
  EXPECT_EQ(*pull(std::nullopt), nlohmann::json::parse(R"([["u1",2]])"));
  // Back here, task 0 reads its state as it was left.
  ASSERT_TRUE(engine.rebuild_query(id, [] { return Status(); }, std::vector<int32_t>{0, 1}).ok());
  click("u0", 0);
  EXPECT_EQ(*pull(std::nullopt), nlohmann::json::parse(R"([["u0",3],["u1",2]])"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tributary::sql
