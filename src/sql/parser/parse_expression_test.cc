#include <gtest/gtest.h>

#include "sql/parser/parser.h"

namespace tributary::sql {
namespace {

// Parses and prints back fully parenthesised, which makes precedence visible.
std::string p(std::string_view text) {
  auto e = parse_expression(text);
  if (!e.ok()) return "ERROR " + e.status().message();
  std::string printed = to_sql(**e);
  auto again = parse_expression(printed);  // the round trip must be stable
  EXPECT_TRUE(again.ok()) << printed;
  if (again.ok()) {
    EXPECT_EQ(to_sql(**again), printed);
  }
  return printed;
}

TEST(Expression, Precedence) {
  EXPECT_EQ(p("a OR b AND NOT c"), "(A OR (B AND (NOT C)))");
  EXPECT_EQ(p("1 + 2 * 3 - 4 / 5 % 6"), "((1 + (2 * 3)) - ((4 / 5) % 6))");
  EXPECT_EQ(p("a = 1 AND b <> 2 OR c >= 3"), "(((A = 1) AND (B != 2)) OR (C >= 3))");
  EXPECT_EQ(p("a || b + 1"), "(A || (B + 1))");
  EXPECT_EQ(p("-a * b"), "((- A) * B)");
  EXPECT_EQ(p("NOT a = b"), "(NOT (A = B))");
  EXPECT_EQ(p("(1 + 2) * 3"), "((1 + 2) * 3)");
}

TEST(Expression, Predicates) {
  EXPECT_EQ(p("x IS NULL"), "(X IS NULL)");
  EXPECT_EQ(p("x IS NOT NULL AND y"), "((X IS NOT NULL) AND Y)");
  EXPECT_EQ(p("x IS NOT DISTINCT FROM y"), "(X IS NOT DISTINCT FROM Y)");
  EXPECT_EQ(p("x NOT BETWEEN 1 AND 2 AND z"), "((X NOT BETWEEN 1 AND 2) AND Z)");
  EXPECT_EQ(p("x IN (1, 2, 3)"), "(X IN (1, 2, 3))");
  EXPECT_EQ(p("x NOT IN ('a')"), "(X NOT IN ('a'))");
  EXPECT_EQ(p("name LIKE 'a%' ESCAPE '!'"), "(NAME LIKE 'a%' ESCAPE '!')");
  EXPECT_EQ(p("name NOT LIKE '%b'"), "(NAME NOT LIKE '%b')");
}

TEST(Expression, Literals) {
  EXPECT_EQ(p("1"), "1");
  EXPECT_EQ(p("1.50"), "1.50");
  EXPECT_EQ(p("1e3"), "1E3");
  EXPECT_EQ(p("'it''s'"), "'it''s'");
  EXPECT_EQ(p("TRUE"), "TRUE");
  EXPECT_EQ(p("null"), "NULL");
  EXPECT_EQ(p("ARRAY[1, 2]"), "ARRAY[1, 2]");
  EXPECT_EQ(p("ARRAY[]"), "ARRAY[]");
  EXPECT_EQ(p("MAP('a' := 1, 'b' := 2)"), "MAP('a' := 1, 'b' := 2)");
  EXPECT_EQ(p("STRUCT(a := 1, `b` := 'x')"), "STRUCT(A := 1, `b` := 'x')");
  EXPECT_EQ(p("-5"), "-5");  // a signed literal, not a negation
  EXPECT_EQ(p("- 5"), "(- 5)");
  EXPECT_EQ(p("a -1"), "(A - 1)");
  EXPECT_EQ(p("-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(p("9223372036854775808"), "ERROR line 1:1: Invalid numeric literal: 9223372036854775808");
  EXPECT_EQ(p("x + -1.8E308"), "ERROR line 1:5: Number overflows DOUBLE: -1.8E308");
}

TEST(Expression, CaseCastAndCalls) {
  EXPECT_EQ(p("CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END"),
            "CASE WHEN (A > 1) THEN 'x' WHEN (A > 0) THEN 'y' ELSE 'z' END");
  EXPECT_EQ(p("CASE a WHEN 1 THEN 'one' END"), "CASE A WHEN 1 THEN 'one' END");
  EXPECT_EQ(p("CAST(a AS DECIMAL(4, 2))"), "CAST(A AS DECIMAL(4, 2))");
  EXPECT_EQ(p("CAST(a AS ARRAY<MAP<STRING, STRUCT<x INT>>>)"), "CAST(A AS ARRAY<MAP<STRING, STRUCT<X INTEGER>>>)");
  EXPECT_EQ(p("COUNT(*)"), "COUNT(*)");
  EXPECT_EQ(p("count(distinct x)"), "COUNT(DISTINCT X)");
  EXPECT_EQ(p("now()"), "NOW()");
  EXPECT_EQ(p("substring(s, 1, 2)"), "SUBSTRING(S, 1, 2)");
}

TEST(Expression, LambdasAndAccess) {
  EXPECT_EQ(p("TRANSFORM(arr, x => x + 1)"), "TRANSFORM(ARR, (X) => (X + 1))");
  EXPECT_EQ(p("REDUCE(arr, 0, (s, x) => s + x)"), "REDUCE(ARR, 0, (S, X) => (S + X))");
  EXPECT_EQ(p("a->b->c"), "A->B->C");
  EXPECT_EQ(p("arr[1]"), "ARR[1]");
  EXPECT_EQ(p("m['k']->f"), "M['k']->F");
  EXPECT_EQ(p("s.col"), "S.COL");
  EXPECT_EQ(p("`s`.`Col`"), "`s`.`Col`");
  EXPECT_EQ(p("${v} + 1"), "(${v} + 1)");
}

TEST(Expression, Positions) {
  auto e = parse_expression("a +\n  b");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ((*e)->args[1]->pos.line, 2);
  EXPECT_EQ((*e)->args[1]->pos.column, 3);
}

}  // namespace
}  // namespace tributary::sql
