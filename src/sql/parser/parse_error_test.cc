#include <gtest/gtest.h>

#include "sql/parser/parser.h"

namespace tributary::sql {
namespace {

std::string error_of(std::string_view text) {
  auto s = parse_statement(text);
  if (s.ok()) return "OK";
  EXPECT_EQ(s.status().code(), Errc::invalid_argument);
  return s.status().message();
}

TEST(ParseError, MissingExpression) {
  EXPECT_EQ(error_of("SELECT a, FROM s;"), "line 1:11: mismatched input 'FROM' expecting an expression");
}

TEST(ParseError, PointsAtLineAndColumn) {
  EXPECT_EQ(error_of("CREATE STREAM s (\n  id INT KEY,\n  v BANANA(3)\n) WITH (kafka_topic='t');"),
            "line 3:11: mismatched input '(' expecting ')'");
  EXPECT_EQ(error_of("SELECT * FROM s\nWHERE a = ;"), "line 2:11: mismatched input ';' expecting an expression");
}

TEST(ParseError, NamesWhatWasExpected) {
  EXPECT_EQ(error_of("SELEC * FROM s"),
            "line 1:1: mismatched input 'SELEC' expecting a statement (CREATE, ALTER, INSERT, SELECT, SHOW, LIST, "
            "DESCRIBE, EXPLAIN, DROP, TERMINATE, PRINT, SET, UNSET, DEFINE, UNDEFINE)");
  EXPECT_EQ(error_of("SELECT * FROM s EMIT SOMETIMES"), "line 1:22: mismatched input 'SOMETIMES' expecting CHANGES or FINAL");
  EXPECT_EQ(error_of("SELECT * FROM s WINDOW TUMBLING (SIZE 10 PARSECS)"),
            "line 1:42: mismatched input 'PARSECS' expecting a time unit (MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS, ...)");
  EXPECT_EQ(error_of("SELECT * FROM"), "line 1:14: mismatched input '<EOF>' expecting a stream or table name");
  EXPECT_EQ(error_of("DROP STREAM s DELETE"), "line 1:21: mismatched input '<EOF>' expecting 'TOPIC'");
  EXPECT_EQ(error_of("SELECT * FROM s t u"), "line 1:19: mismatched input 'u' expecting <EOF>");
  EXPECT_EQ(error_of("SELECT CASE END FROM s"), "line 1:13: mismatched input 'END' expecting an expression");
  EXPECT_EQ(error_of("SELECT * FROM s WINDOW HOPPING (SIZE 1 SECOND)"), "line 1:32: HOPPING window needs ADVANCE BY");
}

TEST(ParseError, DeepNestingFailsCleanly) {
  std::string deep = "SELECT " + std::string(100000, '(') + "1" + std::string(100000, ')') + " FROM s";
  EXPECT_NE(error_of(deep).find("nested too deeply"), std::string::npos);
  std::string nots = "SELECT * FROM s WHERE ";
  for (int i = 0; i < 100000; ++i) nots += "NOT ";
  EXPECT_NE(error_of(nots + "a").find("nested too deeply"), std::string::npos);
  std::string types = "CREATE TYPE t AS ";
  for (int i = 0; i < 100000; ++i) types += "ARRAY<";
  EXPECT_NE(error_of(types).find("nested too deeply"), std::string::npos);
  EXPECT_EQ(error_of("SELECT " + std::string(50, '(') + "1" + std::string(50, ')') + " FROM s"), "OK");
}

// Every prefix of a valid statement must fail cleanly (or parse), never crash.
TEST(ParseError, PrefixesNeverCrash) {
  const std::string sql =
      "CREATE TABLE t WITH (kafka_topic='x') AS SELECT a->b[1], CASE WHEN x IN (1, 2) THEN CAST(y AS "
      "MAP<STRING, ARRAY<INT>>) ELSE -1.5E3 END AS c, TRANSFORM(l, (p, q) => p || q), COUNT(*) FROM s "
      "LEFT JOIN u WITHIN (1 SECOND, 2 SECONDS) GRACE PERIOD 3 SECONDS ON s.k = u.k "
      "WINDOW HOPPING (SIZE 1 MINUTE, ADVANCE BY 10 SECONDS) WHERE NOT z BETWEEN 1 AND 2 "
      "GROUP BY (a, b) HAVING COUNT(*) > 1 EMIT CHANGES;";
  ASSERT_EQ(error_of(sql), "OK");
  for (std::size_t n = 0; n < sql.size(); ++n) (void)parse_statement(sql.substr(0, n));
}

TEST(ParseError, LexerErrorsKeepPosition) {
  EXPECT_EQ(error_of("SELECT 'oops FROM s"), "line 1:8: unterminated string literal");
}

TEST(ParseError, ScriptStopsAtFirstBadStatement) {
  auto r = parse_script("SHOW STREAMS;\nSELECT FROM s;");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "line 2:8: mismatched input 'FROM' expecting an expression");
}

}  // namespace
}  // namespace tributary::sql
