#include <gtest/gtest.h>

#include "sql/parser/parser.h"

namespace tributary::sql {
namespace {

// Parses, checks that printing and re-parsing gives the same printed form, returns the node.
template <class T>
T parse_as(std::string_view text) {
  auto s = parse_statement(text);
  EXPECT_TRUE(s.ok()) << text << ": " << s.status().message();
  if (!s.ok()) return T{};
  std::string printed = to_sql(*s);
  auto again = parse_statement(printed);
  EXPECT_TRUE(again.ok()) << printed << ": " << again.status().message();
  if (again.ok()) {
    EXPECT_EQ(to_sql(*again), printed);
  }
  const T* node = std::get_if<T>(&s->node);
  EXPECT_NE(node, nullptr) << text;
  return node ? *node : T{};
}

TEST(Statement, CreateStreamWithColumnsAndProperties) {
  auto c = parse_as<CreateSource>(
      "CREATE OR REPLACE STREAM IF NOT EXISTS pageviews (id BIGINT KEY, `User` STRING, h BYTES HEADER('trace'), "
      "all_h ARRAY<STRUCT<key STRING, value BYTES>> HEADERS, price DECIMAL(10, 2)) "
      "WITH (kafka_topic='pv', value_format='JSON', partitions=3);");
  EXPECT_TRUE(c.or_replace);
  EXPECT_TRUE(c.if_not_exists);
  EXPECT_FALSE(c.is_table);
  EXPECT_EQ(c.name, "PAGEVIEWS");
  ASSERT_EQ(c.columns.size(), 5u);
  EXPECT_EQ(c.columns[0].constraint, ColumnDef::Constraint::key);
  EXPECT_EQ(c.columns[1].name, "User");
  EXPECT_EQ(c.columns[2].header_key, "trace");
  EXPECT_EQ(c.columns[3].constraint, ColumnDef::Constraint::headers);
  EXPECT_EQ(c.columns[4].type.kind, DataType::Kind::decimal);
  ASSERT_EQ(c.properties.size(), 3u);
  EXPECT_EQ(c.properties[0].first, "KAFKA_TOPIC");
  EXPECT_EQ(c.properties[0].second->text, "pv");
}

TEST(Statement, CreateTableAndSourceAndAsSelect) {
  auto t = parse_as<CreateSource>("CREATE SOURCE TABLE users (id STRING PRIMARY KEY, age INT) WITH (kafka_topic='u', format='JSON')");
  EXPECT_TRUE(t.is_table);
  EXPECT_TRUE(t.is_source);
  EXPECT_EQ(t.columns[0].constraint, ColumnDef::Constraint::primary_key);
  auto ctas = parse_as<CreateSource>(
      "CREATE TABLE totals WITH (kafka_topic='totals') AS SELECT gateway, COUNT(*) AS n, SUM(amount) "
      "FROM payments WINDOW TUMBLING (SIZE 1 SECOND, RETENTION 7 DAYS, GRACE PERIOD 0 SECONDS) "
      "GROUP BY gateway HAVING COUNT(*) > 1 EMIT FINAL;");
  ASSERT_TRUE(ctas.as_query.has_value());
  EXPECT_EQ(ctas.as_query->emit, Query::Emit::final_);
  ASSERT_TRUE(ctas.as_query->window.has_value());
  EXPECT_EQ(ctas.as_query->window->size.unit, "SECONDS");
  EXPECT_EQ(ctas.as_query->window->retention->value, 7);
  EXPECT_EQ(ctas.as_query->items[1].alias, "N");
}

TEST(Statement, CreateType) {
  auto t = parse_as<CreateType>("CREATE TYPE address AS STRUCT<street STRING, zip INT>;");
  EXPECT_EQ(t.name, "ADDRESS");
  EXPECT_EQ(t.type.kind, DataType::Kind::struct_);
  auto c = parse_as<CreateSource>("CREATE STREAM s (a ADDRESS) WITH (kafka_topic='t', value_format='JSON');");
  EXPECT_EQ(c.columns[0].type.kind, DataType::Kind::custom);
}

TEST(Statement, AlterAddsColumns) {
  auto a = parse_as<AlterSource>("ALTER TABLE t ADD COLUMN c INT, ADD d ARRAY<STRING>;");
  EXPECT_TRUE(a.is_table);
  ASSERT_EQ(a.added.size(), 2u);
  EXPECT_EQ(a.added[1].name, "D");
}

TEST(Statement, Inserts) {
  auto v = parse_as<InsertValues>("INSERT INTO s (id, name) VALUES (1, 'x');");
  EXPECT_EQ(v.columns.size(), 2u);
  EXPECT_EQ(v.values.size(), 2u);
  auto no_cols = parse_as<InsertValues>("INSERT INTO s VALUES (1, ARRAY[1], MAP('a' := 1), STRUCT(f := 1));");
  EXPECT_EQ(no_cols.values.size(), 4u);
  auto sel = parse_as<InsertSelect>("INSERT INTO sink SELECT * FROM src WHERE x > 1 EMIT CHANGES;");
  EXPECT_EQ(sel.target, "SINK");
  EXPECT_EQ(sel.query.emit, Query::Emit::changes);
}

TEST(Statement, SelectPushAndPull) {
  auto pull = parse_as<QueryStatement>("SELECT * FROM totals WHERE gateway = 'visa';");
  EXPECT_EQ(pull.query.emit, Query::Emit::none);
  auto push = parse_as<QueryStatement>("SELECT s.*, t.name n FROM s AS s JOIN t ON s.id = t.id EMIT CHANGES LIMIT 10;");
  EXPECT_EQ(push.query.items[0].star_source, "S");
  EXPECT_EQ(push.query.items[1].alias, "N");
  EXPECT_EQ(push.query.from.alias, "S");
  EXPECT_EQ(push.query.limit, 10);
}

TEST(Statement, Joins) {
  auto q = parse_as<QueryStatement>(
      "SELECT * FROM a LEFT OUTER JOIN b WITHIN 10 SECONDS GRACE PERIOD 1 MINUTE ON a.id = b.id "
      "FULL OUTER JOIN c WITHIN (1 HOUR, 2 HOURS) ON a.id = c.id "
      "INNER JOIN d ON a.k = d.k RIGHT JOIN e ON a.k = e.k EMIT CHANGES;").query;
  ASSERT_EQ(q.joins.size(), 4u);
  EXPECT_EQ(q.joins[0].type, Join::Type::left);
  EXPECT_EQ(q.joins[0].within_before->value, 10);
  EXPECT_EQ(q.joins[0].grace->unit, "MINUTES");
  EXPECT_EQ(q.joins[1].type, Join::Type::full);
  EXPECT_EQ(q.joins[1].within_after->value, 2);
  EXPECT_EQ(q.joins[2].type, Join::Type::inner);
  EXPECT_EQ(q.joins[3].type, Join::Type::right);
}

TEST(Statement, Windows) {
  auto hop = parse_as<QueryStatement>(
      "SELECT k, COUNT(*) FROM s WINDOW HOPPING (SIZE 30 SECONDS, ADVANCE BY 10 SECONDS) GROUP BY k EMIT CHANGES;").query;
  EXPECT_EQ(hop.window->type, WindowSpec::Type::hopping);
  EXPECT_EQ(hop.window->advance->value, 10);
  auto session = parse_as<QueryStatement>("SELECT k, COUNT(*) FROM s WINDOW SESSION (5 MINUTES) GROUP BY k EMIT CHANGES;").query;
  EXPECT_EQ(session.window->type, WindowSpec::Type::session);
  EXPECT_EQ(session.window->size.value, 5);
}

TEST(Statement, GroupAndPartitionBy) {
  auto q = parse_as<QueryStatement>("SELECT a, b, COUNT(*) FROM s GROUP BY (a, b) EMIT CHANGES;").query;
  EXPECT_EQ(q.group_by.size(), 2u);
  auto e = parse_as<QueryStatement>("SELECT * FROM s GROUP BY (a + b) * 2 EMIT CHANGES;").query;
  EXPECT_EQ(e.group_by.size(), 1u);
  auto p = parse_as<QueryStatement>("SELECT * FROM s PARTITION BY a, b->c EMIT CHANGES;").query;
  EXPECT_EQ(p.partition_by.size(), 2u);
}

TEST(Statement, ShowDescribeExplain) {
  EXPECT_EQ(parse_as<Show>("SHOW STREAMS EXTENDED;").what, "STREAMS");
  EXPECT_TRUE(parse_as<Show>("LIST TABLES EXTENDED").extended);
  EXPECT_EQ(parse_as<Show>("SHOW ALL TOPICS").what, "ALL TOPICS");
  EXPECT_EQ(parse_as<Show>("SHOW QUERIES").what, "QUERIES");
  EXPECT_EQ(parse_as<Show>("SHOW PROPERTIES").what, "PROPERTIES");
  auto d = parse_as<Describe>("DESCRIBE EXTENDED pageviews;");
  EXPECT_TRUE(d.extended);
  EXPECT_EQ(d.name, "PAGEVIEWS");
  EXPECT_EQ(parse_as<Describe>("DESCRIBE FUNCTION substring").target, Describe::Target::function);
  EXPECT_EQ(parse_as<Describe>("DESCRIBE STREAMS").target, Describe::Target::streams);
  EXPECT_EQ(parse_as<Explain>("EXPLAIN CSAS_OUT_0;").query_id, "CSAS_OUT_0");
  auto e = parse_as<Explain>("EXPLAIN SELECT * FROM s EMIT CHANGES;");
  ASSERT_NE(e.statement, nullptr);
}

TEST(Statement, DropTerminatePrint) {
  auto d = parse_as<Drop>("DROP TABLE IF EXISTS totals DELETE TOPIC;");
  EXPECT_EQ(d.object, "TABLE");
  EXPECT_TRUE(d.if_exists);
  EXPECT_TRUE(d.delete_topic);
  EXPECT_EQ(parse_as<Drop>("DROP TYPE address").object, "TYPE");
  EXPECT_TRUE(parse_as<Terminate>("TERMINATE ALL;").all);
  EXPECT_EQ(parse_as<Terminate>("TERMINATE CTAS_TOTALS_3;").query_id, "CTAS_TOTALS_3");
  auto p = parse_as<Print>("PRINT my_topic FROM BEGINNING LIMIT 5;");
  EXPECT_EQ(p.topic, "my_topic");
  EXPECT_TRUE(p.from_beginning);
  EXPECT_EQ(p.limit, 5);
  EXPECT_EQ(parse_as<Print>("PRINT 'Quoted.Topic';").topic, "Quoted.Topic");
}

TEST(Statement, PropertiesAndVariables) {
  auto s = parse_as<SetProperty>("SET 'auto.offset.reset'='earliest';");
  EXPECT_EQ(s.name, "auto.offset.reset");
  EXPECT_EQ(s.value, "earliest");
  EXPECT_EQ(parse_as<UnsetProperty>("UNSET 'auto.offset.reset';").name, "auto.offset.reset");
  auto d = parse_as<DefineVariable>("DEFINE topic = 'orders';");
  EXPECT_EQ(d.name, "TOPIC");
  EXPECT_EQ(d.value, "orders");
  EXPECT_EQ(parse_as<UndefineVariable>("UNDEFINE topic;").name, "TOPIC");
}

TEST(Statement, QuotingAndCaseRules) {
  auto c = parse_as<CreateSource>("create stream `Mixed` (\"lower\" int, Upper int, `a``b` int) with (kafka_topic='t');");
  EXPECT_EQ(c.name, "Mixed");
  EXPECT_EQ(c.columns[0].name, "lower");
  EXPECT_EQ(c.columns[1].name, "UPPER");
  EXPECT_EQ(c.columns[2].name, "a`b");
  // Non-reserved keywords are ordinary names; reserved ones need quotes.
  auto q = parse_as<QueryStatement>("SELECT size, timestamp, `FROM` FROM s EMIT CHANGES;").query;
  EXPECT_EQ(q.items[2].expr->text, "FROM");
}

TEST(Script, SplitsStatementsAndKeepsTheirText) {
  auto r = parse_script("SET 'a'='b';\n-- comment\nSELECT * FROM s;;\n  SHOW TOPICS ");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[1].text, "SELECT * FROM s");
  EXPECT_EQ((*r)[1].pos.line, 3);
  EXPECT_EQ((*r)[2].text, "SHOW TOPICS");
  EXPECT_EQ((*r)[2].pos.column, 3);
}

TEST(Script, VariablesSubstitutedByResolver) {
  auto r = parse_statement("SELECT * FROM ${src} EMIT CHANGES", [](const std::string&) -> std::optional<std::string> {
    return std::string("orders");
  });
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(std::get<QueryStatement>(r->node).query.from.name, "ORDERS");
}

}  // namespace
}  // namespace tributary::sql
