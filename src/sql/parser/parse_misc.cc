// Statements that manage rather than query: SHOW/LIST, DESCRIBE, EXPLAIN, DROP, TERMINATE,
// PRINT, SET/UNSET, DEFINE/UNDEFINE.
#include <set>

#include "sql/parser/parser_internal.h"

namespace tributary::sql {

Result<StatementNode> Parser::parse_show() {
  advance();  // SHOW or LIST
  static const std::set<std::string, std::less<>> kListable = {
      "STREAMS", "TABLES", "QUERIES", "TOPICS", "PROPERTIES", "FUNCTIONS", "TYPES", "VARIABLES", "CONNECTORS"};
  Show show;
  if (accept_keyword("ALL")) {
    if (!at_keyword("TOPICS")) return error_expecting("'TOPICS'");
    show.what = "ALL ";
  }
  if (peek().kind != TokenKind::identifier || !kListable.count(peek().text)) {
    return error_expecting("STREAMS, TABLES, QUERIES, TOPICS, PROPERTIES, FUNCTIONS, TYPES or VARIABLES");
  }
  show.what += peek().text;
  advance();
  show.extended = accept_keyword("EXTENDED");
  return StatementNode(std::move(show));
}

Result<StatementNode> Parser::parse_describe() {
  advance();
  Describe d;
  if (at_keyword("FUNCTION") && !at_symbol(";", 1) && !at_end()) {
    advance();
    d.target = Describe::Target::function;
    SQL_ASSIGN(d.name, parse_identifier("a function name"));
    return StatementNode(std::move(d));
  }
  d.extended = accept_keyword("EXTENDED");
  if ((at_keyword("STREAMS") || at_keyword("TABLES")) && (peek(1).kind == TokenKind::end || at_symbol(";", 1) || at_keyword("EXTENDED", 1))) {
    d.target = at_keyword("STREAMS") ? Describe::Target::streams : Describe::Target::tables;
    advance();
    d.extended = d.extended || accept_keyword("EXTENDED");
    return StatementNode(std::move(d));
  }
  SQL_ASSIGN(d.name, parse_identifier("a stream or table name"));
  return StatementNode(std::move(d));
}

Result<StatementNode> Parser::parse_explain() {
  advance();
  Explain e;
  if (at_keyword("SELECT") || at_keyword("CREATE") || at_keyword("INSERT")) {
    Position pos = peek().pos;
    SQL_ASSIGN(Statement inner, parse_statement());
    inner.pos = pos;
    e.statement = std::make_shared<Statement>(std::move(inner));
  } else {
    SQL_ASSIGN(e.query_id, parse_identifier("a query id or a statement"));
  }
  return StatementNode(std::move(e));
}

Result<StatementNode> Parser::parse_drop() {
  advance();
  Drop d;
  if (at_keyword("STREAM") || at_keyword("TABLE") || at_keyword("TYPE")) {
    d.object = peek().text;
    advance();
  } else {
    return error_expecting("STREAM, TABLE or TYPE");
  }
  if (accept_keyword("IF")) {
    TRY_STATUS(expect_keyword("EXISTS"));
    d.if_exists = true;
  }
  SQL_ASSIGN(d.name, parse_identifier("a name"));
  if (d.object != "TYPE" && accept_keyword("DELETE")) {
    TRY_STATUS(expect_keyword("TOPIC"));
    d.delete_topic = true;
  }
  return StatementNode(std::move(d));
}

Result<StatementNode> Parser::parse_terminate() {
  advance();
  Terminate t;
  if (accept_keyword("ALL")) {
    t.all = true;
  } else {
    SQL_ASSIGN(t.query_id, parse_identifier("a query id or ALL"));
  }
  return StatementNode(std::move(t));
}

Result<StatementNode> Parser::parse_print() {
  advance();
  Print p;
  if (peek().kind == TokenKind::string) {
    SQL_ASSIGN(p.topic, parse_string());
  } else if (peek().kind == TokenKind::identifier || peek().kind == TokenKind::quoted_identifier) {
    p.topic = peek().kind == TokenKind::identifier ? peek().raw : peek().text;  // topic names keep their case
    advance();
  } else {
    return error_expecting("a topic name");
  }
  if (accept_keyword("FROM")) {
    TRY_STATUS(expect_keyword("BEGINNING"));
    p.from_beginning = true;
  }
  if (accept_keyword("INTERVAL") || accept_keyword("SAMPLE")) {
    SQL_ASSIGN(p.interval, parse_integer());
  }
  if (accept_keyword("LIMIT")) {
    SQL_ASSIGN(p.limit, parse_integer());
  }
  return StatementNode(std::move(p));
}

Result<StatementNode> Parser::parse_set_unset_define() {
  std::string verb = peek().text;
  advance();
  if (verb == "SET") {
    SetProperty s;
    SQL_ASSIGN(s.name, parse_string("a property name string"));
    TRY_STATUS(expect_symbol("="));
    SQL_ASSIGN(s.value, parse_string("a property value string"));
    return StatementNode(std::move(s));
  }
  if (verb == "UNSET") {
    UnsetProperty u;
    SQL_ASSIGN(u.name, parse_string("a property name string"));
    return StatementNode(std::move(u));
  }
  // Variable names are case-insensitive in ksqlDB; the upper-cased identifier is the key.
  if (verb == "DEFINE") {
    DefineVariable d;
    SQL_ASSIGN(d.name, parse_identifier("a variable name"));
    TRY_STATUS(expect_symbol("="));
    SQL_ASSIGN(d.value, parse_string("a variable value string"));
    return StatementNode(std::move(d));
  }
  UndefineVariable u;
  SQL_ASSIGN(u.name, parse_identifier("a variable name"));
  return StatementNode(std::move(u));
}

}  // namespace tributary::sql
