#include "sql/parser/lexer.h"

#include <cctype>

namespace tributary::sql {
namespace {

// Longest symbols first so that "<=" wins over "<".
constexpr std::string_view kSymbols[] = {":=", "=>", "->", "<=", ">=", "<>", "!=", "||", "=", "<",
                                         ">",  "+",  "-",  "*",  "/",  "%",  "(",  ")",  "[", "]",
                                         ",",  ".",  ";",  ":"};

bool is_identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '@';
}
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

class Lexer {
 public:
  Lexer(std::string_view text, const VariableResolver& resolver) : text_(text), resolver_(resolver) {}

  Result<std::vector<Token>> run() {
    std::vector<Token> out;
    while (true) {
      TRY_STATUS(skip_space_and_comments());
      if (at_end()) break;
      Token token;
      token.pos = position();
      TRY_STATUS(lex_one(token));
      token.end_offset = i_;
      token.raw = std::string(text_.substr(token.pos.offset, i_ - token.pos.offset));
      if (token.kind == TokenKind::variable && resolver_) {
        if (auto value = resolver_(token.text)) {
          // The substituted text is lexed on its own; its tokens take the variable's place.
          auto inner = tokenize(*value, resolver_);
          if (!inner.ok()) return error(token.pos, "in variable ${" + token.text + "}: " + inner.status().message());
          for (auto& t : *inner) {
            if (t.kind == TokenKind::end) break;
            t.pos = token.pos;
            t.end_offset = token.end_offset;
            out.push_back(std::move(t));
          }
          continue;
        }
      }
      out.push_back(std::move(token));
    }
    Token end;
    end.kind = TokenKind::end;
    end.pos = position();
    end.end_offset = i_;
    end.raw = "<EOF>";
    out.push_back(std::move(end));
    return out;
  }

 private:
  bool at_end() const { return i_ >= text_.size(); }
  char peek(std::size_t ahead = 0) const { return i_ + ahead < text_.size() ? text_[i_ + ahead] : '\0'; }
  Position position() const { return Position{line_, static_cast<int>(i_ - line_start_) + 1, i_}; }
  void advance() {
    if (text_[i_] == '\n') {
      ++line_;
      line_start_ = i_ + 1;
    }
    ++i_;
  }
  static Status error(Position p, const std::string& what) {
    return Status::error(Errc::invalid_argument,
                         "line " + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + what);
  }

  Status skip_space_and_comments() {
    while (!at_end()) {
      if (std::isspace(static_cast<unsigned char>(peek()))) {
        advance();
      } else if (peek() == '-' && peek(1) == '-') {
        while (!at_end() && peek() != '\n') advance();
      } else if (peek() == '/' && peek(1) == '*') {
        Position start = position();
        advance();
        advance();
        while (!at_end() && !(peek() == '*' && peek(1) == '/')) advance();
        if (at_end()) return error(start, "unterminated comment");
        advance();
        advance();
      } else {
        break;
      }
    }
    return {};
  }

  // Reads a quoted run ending at `quote`; a doubled quote stands for one quote character.
  Status lex_quoted(Token& token, char quote, TokenKind kind, const char* what) {
    advance();
    while (true) {
      if (at_end()) return error(token.pos, std::string("unterminated ") + what);
      if (peek() == quote) {
        if (peek(1) == quote) {
          token.text += quote;
          advance();
          advance();
          continue;
        }
        advance();
        break;
      }
      token.text += peek();
      advance();
    }
    token.kind = kind;
    return {};
  }

  Status lex_number(Token& token) {
    token.kind = TokenKind::integer;
    while (is_digit(peek())) token.text += peek(), advance();
    if (peek() == '.' && is_digit(peek(1))) {
      token.kind = TokenKind::decimal;
      token.text += '.';
      advance();
      while (is_digit(peek())) token.text += peek(), advance();
    } else if (peek() == '.' && !is_identifier_start(peek(1)) && !token.text.empty()) {
      token.kind = TokenKind::decimal;  // "1." is a decimal, "1.x" is not
      token.text += '.';
      advance();
    }
    char e = peek();
    if ((e == 'e' || e == 'E') &&
        (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
      token.kind = TokenKind::floating;
      token.text += 'E';
      advance();
      if (peek() == '+' || peek() == '-') token.text += peek(), advance();
      while (is_digit(peek())) token.text += peek(), advance();
    }
    if (is_identifier_start(peek()) || peek() == '@') {
      // ksqlDB accepts names that start with a digit (`AS 1R`); only a bare run of digits may
      // continue into letters, so 1.5x or 1E3x stay errors.
      if (token.kind != TokenKind::integer) {
        return error(position(), "extraneous input '" + std::string(1, peek()) + "' after number");
      }
      token.kind = TokenKind::identifier;
      while (is_identifier_char(peek())) {
        token.text += static_cast<char>(std::toupper(static_cast<unsigned char>(peek())));
        advance();
      }
    }
    return {};
  }

  Status lex_one(Token& token) {
    char c = peek();
    if (c == '\'') return lex_quoted(token, '\'', TokenKind::string, "string literal");
    if (c == '`') return lex_quoted(token, '`', TokenKind::quoted_identifier, "quoted identifier");
    if (c == '"') return lex_quoted(token, '"', TokenKind::quoted_identifier, "quoted identifier");
    if (is_digit(c) || (c == '.' && is_digit(peek(1)))) return lex_number(token);
    if (is_identifier_start(c)) {
      token.kind = TokenKind::identifier;
      while (is_identifier_char(peek())) {
        token.text += static_cast<char>(std::toupper(static_cast<unsigned char>(peek())));
        advance();
      }
      return {};
    }
    if (c == '$' && peek(1) == '{') {
      advance();
      advance();
      while (!at_end() && peek() != '}') token.text += peek(), advance();
      if (at_end() || token.text.empty()) return error(token.pos, "unterminated variable reference");
      advance();
      token.kind = TokenKind::variable;
      return {};
    }
    for (std::string_view symbol : kSymbols) {
      if (text_.substr(i_, symbol.size()) == symbol) {
        token.kind = TokenKind::symbol;
        token.text = std::string(symbol);
        for (std::size_t k = 0; k < symbol.size(); ++k) advance();
        return {};
      }
    }
    return error(token.pos, "token recognition error at: '" + std::string(1, c) + "'");
  }

  std::string_view text_;
  const VariableResolver& resolver_;
  std::size_t i_ = 0;
  int line_ = 1;
  std::size_t line_start_ = 0;
};

}  // namespace

Result<std::vector<Token>> tokenize(std::string_view text, const VariableResolver& resolver) {
  return Lexer(text, resolver).run();
}

}  // namespace tributary::sql
