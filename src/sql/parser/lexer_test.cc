#include "sql/parser/lexer.h"

#include <gtest/gtest.h>

namespace tributary::sql {
namespace {

std::vector<Token> lex(std::string_view text) {
  auto tokens = tokenize(text);
  EXPECT_TRUE(tokens.ok()) << tokens.status().message();
  return tokens.ok() ? *tokens : std::vector<Token>{};
}

TEST(Lexer, UnquotedWordsAreUpperCasedQuotedKeepCase) {
  auto t = lex("select `MixedCase`, \"Other\" from s");
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(t[0].text, "SELECT");
  EXPECT_EQ(t[1].kind, TokenKind::quoted_identifier);
  EXPECT_EQ(t[1].text, "MixedCase");
  EXPECT_EQ(t[3].text, "Other");
  EXPECT_EQ(t[6].kind, TokenKind::end);
}

TEST(Lexer, NumbersStringsAndSymbols) {
  auto t = lex("12 1.50 2.5e-3 'it''s' <> != <= => -> := || ${var}");
  EXPECT_EQ(t[0].kind, TokenKind::integer);
  EXPECT_EQ(t[1].kind, TokenKind::decimal);
  EXPECT_EQ(t[1].text, "1.50");
  EXPECT_EQ(t[2].kind, TokenKind::floating);
  EXPECT_EQ(t[2].text, "2.5E-3");
  EXPECT_EQ(t[3].kind, TokenKind::string);
  EXPECT_EQ(t[3].text, "it's");
  const char* symbols[] = {"<>", "!=", "<=", "=>", "->", ":=", "||"};
  for (int i = 0; i < 7; ++i) EXPECT_EQ(t[4 + i].text, symbols[i]);
  EXPECT_EQ(t[11].kind, TokenKind::variable);
  EXPECT_EQ(t[11].text, "var");
}

TEST(Lexer, CommentsAreSkippedAndPositionsCounted) {
  auto t = lex("-- line comment\n/* block\n comment */  x");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].text, "X");
  EXPECT_EQ(t[0].pos.line, 3);
  EXPECT_EQ(t[0].pos.column, 14);
}

TEST(Lexer, ErrorsCarryPosition) {
  auto unterminated = tokenize("SELECT 'abc");
  ASSERT_FALSE(unterminated.ok());
  EXPECT_EQ(unterminated.status().message(), "line 1:8: unterminated string literal");
  auto bad_char = tokenize("SELECT\n  #");
  ASSERT_FALSE(bad_char.ok());
  EXPECT_EQ(bad_char.status().message(), "line 2:3: token recognition error at: '#'");
  EXPECT_FALSE(tokenize("/* never closed").ok());
}

TEST(Lexer, VariablesExpandThroughResolver) {
  auto t = tokenize("SELECT ${cols} FROM ${missing}", [](const std::string& name) -> std::optional<std::string> {
    if (name == "cols") return "a, b";
    return std::nullopt;
  });
  ASSERT_TRUE(t.ok());
  EXPECT_EQ((*t)[1].text, "A");
  EXPECT_EQ((*t)[2].text, ",");
  EXPECT_EQ((*t)[3].text, "B");
  EXPECT_EQ((*t)[5].kind, TokenKind::variable);
}

}  // namespace
}  // namespace tributary::sql
