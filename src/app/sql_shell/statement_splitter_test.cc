#include "app/sql_shell/statement_splitter.h"

#include <gtest/gtest.h>

#include "app/sql_shell/statement_kind.h"

namespace tributary::app::sql_shell {
namespace {

using Statements = std::vector<std::string>;

TEST(StatementSplitterTest, SplitsOnSemicolonsOutsideQuotes) {
  EXPECT_EQ(split_statements("SHOW STREAMS; LIST TABLES;"), (Statements{"SHOW STREAMS;", "LIST TABLES;"}));
  EXPECT_EQ(split_statements("INSERT INTO s VALUES ('a;b', 'it''s;');"),
            (Statements{"INSERT INTO s VALUES ('a;b', 'it''s;');"}));
  EXPECT_EQ(split_statements("SELECT \"we;ird\", `x;y` FROM t;"), (Statements{"SELECT \"we;ird\", `x;y` FROM t;"}));
}

TEST(StatementSplitterTest, DropsCommentsButNotTheirLookalikesInStrings) {
  EXPECT_EQ(split_statements("-- a comment; not a statement\nSHOW TOPICS; -- trailing;\n"),
            (Statements{"SHOW TOPICS;"}));
  EXPECT_EQ(split_statements("SELECT /* ; */ a FROM b;"), (Statements{"SELECT   a FROM b;"}));
  EXPECT_EQ(split_statements("SELECT '-- no', '/* no */' FROM b;"), (Statements{"SELECT '-- no', '/* no */' FROM b;"}));
  EXPECT_EQ(split_statements("/* multi\nline; comment */ LIST STREAMS;"), (Statements{"LIST STREAMS;"}));
}

TEST(StatementSplitterTest, SkipsEmptyStatementsAndKeepsTrailingText) {
  EXPECT_EQ(split_statements(";; ;\n"), Statements{});
  EXPECT_EQ(split_statements("SHOW STREAMS; LIST TABLES"), (Statements{"SHOW STREAMS;", "LIST TABLES;"}));
}

TEST(StatementSplitterTest, AccumulatesLinesUntilTheSemicolon) {
  StatementSplitter s;
  EXPECT_TRUE(s.feed_line("CREATE STREAM s (").empty());
  EXPECT_TRUE(s.pending());
  EXPECT_TRUE(s.feed_line("  id INT KEY, name STRING -- the name;").empty());
  EXPECT_TRUE(s.feed_line(") WITH (kafka_topic='t;1', value_format='json')").empty());
  auto done = s.feed_line("; SHOW");
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0],
            "CREATE STREAM s (\n  id INT KEY, name STRING \n) WITH (kafka_topic='t;1', value_format='json');");  // whitespace before ';' trimmed
  EXPECT_TRUE(s.pending());
  EXPECT_EQ(s.feed_line("STREAMS;"), (Statements{"SHOW\nSTREAMS;"}));
  EXPECT_FALSE(s.pending());
}

TEST(StatementSplitterTest, StringLiteralsSpanLines) {
  StatementSplitter s;
  EXPECT_TRUE(s.feed_line("INSERT INTO t VALUES ('line one;").empty());
  EXPECT_EQ(s.feed_line("line two');"), (Statements{"INSERT INTO t VALUES ('line one;\nline two');"}));
}

TEST(StatementKindTest, RoutesQueriesAndClientSideCommands) {
  EXPECT_EQ(classify_statement("SELECT * FROM s EMIT CHANGES;").kind, StatementKind::query);
  EXPECT_TRUE(classify_statement("select * from s emit\n changes limit 3;").push);
  EXPECT_FALSE(classify_statement("SELECT * FROM t WHERE k='EMIT CHANGES';").push);
  EXPECT_EQ(classify_statement("CREATE STREAM x AS SELECT * FROM s EMIT CHANGES;").kind, StatementKind::ksql);
  EXPECT_EQ(classify_statement("PRINT 'topic' FROM BEGINNING;").kind, StatementKind::print);
  EXPECT_EQ(classify_statement("exit").kind, StatementKind::exit);
  EXPECT_EQ(classify_statement("quit;").kind, StatementKind::exit);
  EXPECT_EQ(classify_statement("SHOW STREAMS;").kind, StatementKind::ksql);

  auto set = classify_statement("SET 'auto.offset.reset' = 'earliest';");
  EXPECT_EQ(set.kind, StatementKind::set_property);
  EXPECT_EQ(set.property, "auto.offset.reset");
  EXPECT_EQ(set.value, "earliest");
  EXPECT_EQ(classify_statement("set 'a'='it''s';").value, "it's");
  auto unset = classify_statement("UNSET 'auto.offset.reset';");
  EXPECT_EQ(unset.kind, StatementKind::unset_property);
  EXPECT_EQ(unset.property, "auto.offset.reset");
  EXPECT_FALSE(classify_statement("SET auto.offset.reset = 'x';").error.empty());
  EXPECT_FALSE(classify_statement("SET 'a' 'b';").error.empty());
}

}  // namespace
}  // namespace tributary::app::sql_shell
