// Cursor helpers, statement dispatch and the public entry points.
#include "sql/parser/parser.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "sql/parser/parser_internal.h"

namespace tributary::sql {
namespace {

// Words that cannot be bare identifiers because they would make clauses ambiguous; any other
// keyword (SIZE, KEY, TIMESTAMP, ...) is also a valid column or source name, as in ksqlDB.
const std::set<std::string, std::less<>> kReserved = {
    "SELECT", "FROM",    "WHERE", "GROUP",  "BY",     "HAVING", "EMIT",   "LIMIT",  "WINDOW",
    "PARTITION", "JOIN", "ON",    "AND",    "OR",     "NOT",    "IS",     "IN",     "LIKE",
    "BETWEEN", "CASE",   "WHEN",  "THEN",   "ELSE",   "END",    "AS",     "INNER",  "LEFT",
    "RIGHT",  "FULL",    "OUTER", "WITHIN", "GRACE",  "NULL",   "TRUE",   "FALSE",  "ESCAPE",
    "CAST",   "WITH",    "DISTINCT", "CREATE", "INSERT", "INTO", "VALUES", "DROP",  "EXISTS"};

const std::set<std::string, std::less<>> kUnits = {
    "MILLISECOND", "MILLISECONDS", "SECOND", "SECONDS", "MINUTE", "MINUTES", "HOUR", "HOURS",
    "DAY",         "DAYS",         "WEEK",   "WEEKS",   "MONTH",  "MONTHS",  "YEAR", "YEARS",
    "NANOSECOND",  "NANOSECONDS",  "MICROSECOND", "MICROSECONDS"};

std::string describe_token(const Token& t) { return t.kind == TokenKind::end ? "<EOF>" : t.raw; }

}  // namespace

bool is_reserved_word(std::string_view upper) { return kReserved.count(upper) > 0; }

ExprPtr make_expr(ExprKind kind, Position pos, std::string text) {
  auto e = std::make_shared<Expr>();
  e->kind = kind;
  e->pos = pos;
  e->text = std::move(text);
  return e;
}

const Token& Parser::peek(std::size_t ahead) const {
  return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
}
bool Parser::at_keyword(std::string_view keyword, std::size_t ahead) const {
  const Token& t = peek(ahead);
  return t.kind == TokenKind::identifier && t.text == keyword;
}
bool Parser::at_symbol(std::string_view symbol, std::size_t ahead) const {
  const Token& t = peek(ahead);
  return t.kind == TokenKind::symbol && t.text == symbol;
}
bool Parser::accept_keyword(std::string_view keyword) {
  if (!at_keyword(keyword)) return false;
  advance();
  return true;
}
bool Parser::accept_symbol(std::string_view symbol) {
  if (!at_symbol(symbol)) return false;
  advance();
  return true;
}
Status Parser::expect_keyword(std::string_view keyword) {
  if (accept_keyword(keyword)) return {};
  return error_expecting("'" + std::string(keyword) + "'");
}
Status Parser::expect_symbol(std::string_view symbol) {
  if (accept_symbol(symbol)) return {};
  return error_expecting("'" + std::string(symbol) + "'");
}
Status Parser::error_at(const Token& t, const std::string& message) const {
  return Status::error(Errc::invalid_argument, "line " + std::to_string(t.pos.line) + ":" +
                                                   std::to_string(t.pos.column) + ": " + message);
}
Status Parser::error_expecting(const std::string& expected) const {
  return error_at(peek(), "mismatched input '" + describe_token(peek()) + "' expecting " + expected);
}

Status Parser::enter_nested() {
  if (++depth_ > kMaxDepth) {
    return error_at(peek(), "expression nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)");
  }
  return {};
}

bool Parser::at_identifier(std::size_t ahead) const {
  const Token& t = peek(ahead);
  if (t.kind == TokenKind::quoted_identifier) return true;
  return t.kind == TokenKind::identifier && !is_reserved_word(t.text);
}
Result<std::string> Parser::parse_identifier(const char* what) {
  if (!at_identifier()) return error_expecting(what);
  std::string name = peek().text;
  advance();
  return name;
}
Result<std::string> Parser::parse_string(const char* what) {
  if (peek().kind != TokenKind::string) return error_expecting(what);
  std::string value = peek().text;
  advance();
  return value;
}
Result<int64_t> Parser::parse_integer(const char* what) {
  if (peek().kind != TokenKind::integer) return error_expecting(what);
  int64_t value = 0;
  const std::string& s = peek().text;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return error_at(peek(), "integer out of range: " + s);
  advance();
  return value;
}
Result<Duration> Parser::parse_duration() {
  Duration d;
  SQL_ASSIGN(d.value, parse_integer("a duration such as '10 SECONDS'"));
  if (peek().kind != TokenKind::identifier || !kUnits.count(peek().text)) {
    return error_expecting("a time unit (MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS, ...)");
  }
  d.unit = peek().text;
  if (d.unit.back() != 'S') d.unit += 'S';  // SECOND and SECONDS mean the same
  advance();
  return d;
}

Result<Statement> Parser::parse_statement() {
  Statement statement;
  statement.pos = peek().pos;
  Result<StatementNode> node = [&]() -> Result<StatementNode> {
    if (at_keyword("CREATE")) return parse_create();
    if (at_keyword("INSERT")) return parse_insert();
    if (at_keyword("ALTER")) return parse_alter();
    if (at_keyword("SELECT")) {
      SQL_ASSIGN(Query q, parse_query());
      return StatementNode(QueryStatement{std::move(q)});
    }
    if (at_keyword("SHOW") || at_keyword("LIST")) return parse_show();
    if (at_keyword("DESCRIBE")) return parse_describe();
    if (at_keyword("EXPLAIN")) return parse_explain();
    if (at_keyword("DROP")) return parse_drop();
    if (at_keyword("TERMINATE")) return parse_terminate();
    if (at_keyword("PRINT")) return parse_print();
    if (at_keyword("SET") || at_keyword("UNSET") || at_keyword("DEFINE") || at_keyword("UNDEFINE")) {
      return parse_set_unset_define();
    }
    return error_expecting(
        "a statement (CREATE, ALTER, INSERT, SELECT, SHOW, LIST, DESCRIBE, EXPLAIN, DROP, TERMINATE, PRINT, "
        "SET, UNSET, DEFINE, UNDEFINE)");
  }();
  if (!node.ok()) return node.status();
  statement.node = std::move(*node);
  return statement;
}

namespace {

Result<Parser> make_parser(std::string_view text, const VariableResolver& resolver) {
  SQL_ASSIGN(std::vector<Token> tokens, tokenize(text, resolver));
  return Parser(std::move(tokens));
}

std::string slice(std::string_view text, std::size_t begin, std::size_t end) {
  return std::string(text.substr(begin, end - begin));
}

}  // namespace

Result<std::vector<Statement>> parse_script(std::string_view text, const VariableResolver& resolver) {
  SQL_ASSIGN(Parser parser, make_parser(text, resolver));
  std::vector<Statement> out;
  while (true) {
    while (parser.accept_symbol(";")) {
    }
    if (parser.at_end()) break;
    SQL_ASSIGN(Statement statement, parser.parse_statement());
    statement.text = slice(text, statement.pos.offset, parser.previous().end_offset);
    if (!parser.at_end() && !parser.at_symbol(";")) return parser.error_expecting("';'");
    out.push_back(std::move(statement));
  }
  return out;
}

Result<Statement> parse_statement(std::string_view text, const VariableResolver& resolver) {
  SQL_ASSIGN(Parser parser, make_parser(text, resolver));
  if (parser.at_end()) return parser.error_expecting("a statement");
  SQL_ASSIGN(Statement statement, parser.parse_statement());
  statement.text = slice(text, statement.pos.offset, parser.previous().end_offset);
  parser.accept_symbol(";");
  if (!parser.at_end()) return parser.error_expecting("<EOF>");
  return statement;
}

Result<ExprPtr> parse_expression(std::string_view text) {
  SQL_ASSIGN(Parser parser, make_parser(text, {}));
  SQL_ASSIGN(ExprPtr expr, parser.parse_expr());
  if (!parser.at_end()) return parser.error_expecting("<EOF>");
  return expr;
}

}  // namespace tributary::sql
