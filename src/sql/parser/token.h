// Tokens of the ksqlDB dialect, produced by the lexer and consumed by the parser.
#pragma once

#include <cstddef>
#include <string>

namespace tributary::sql {

// Where a token or AST node starts in the statement text. Line and column are 1-based, as in
// ksqlDB's messages ("line 1:15: ..."); offset is the byte offset into the parsed text.
struct Position {
  int line = 1;
  int column = 1;
  std::size_t offset = 0;
};

enum class TokenKind {
  identifier,         // unquoted word; `text` is upper-cased (ksqlDB's case rule), keywords included
  quoted_identifier,  // `name` or "name"; `text` keeps its case, doubled quotes collapsed
  string,             // 'text' with '' collapsed to '
  integer,            // digits only
  decimal,            // digits with a '.' and no exponent (ksqlDB types these as DECIMAL)
  floating,           // a number with an exponent (DOUBLE)
  variable,           // ${name} left for the caller; `text` is the name
  symbol,             // operators and punctuation: `text` is the symbol
  end,                // end of input
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;
  Position pos;
  std::size_t end_offset = 0;  // one past the last byte of the token in the source
  std::string raw;             // the token as written, for error messages
};

}  // namespace tributary::sql
