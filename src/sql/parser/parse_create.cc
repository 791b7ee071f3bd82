// CREATE [OR REPLACE] [SOURCE] STREAM|TABLE [IF NOT EXISTS] name [(columns)] [WITH (...)] [AS SELECT ...]
// CREATE TYPE [IF NOT EXISTS] name AS type, and ALTER STREAM|TABLE name ADD COLUMN ...
#include "sql/parser/parser_internal.h"

namespace tributary::sql {

Result<Properties> Parser::parse_with_properties() {
  Properties props;
  TRY_STATUS(expect_symbol("("));
  do {
    std::string key;
    if (peek().kind == TokenKind::string) {
      key = peek().text;
      advance();
    } else if (peek().kind == TokenKind::identifier || peek().kind == TokenKind::quoted_identifier) {
      key = peek().text;  // property names may be keywords (TIMESTAMP, FORMAT, ...)
      advance();
    } else {
      return error_expecting("a property name");
    }
    TRY_STATUS(expect_symbol("="));
    Position pos = peek().pos;
    SQL_ASSIGN(ExprPtr value, parse_expr());
    switch (value->kind) {
      case ExprKind::string_literal: case ExprKind::integer_literal: case ExprKind::decimal_literal:
      case ExprKind::double_literal: case ExprKind::bool_literal: case ExprKind::variable:
        break;
      case ExprKind::unary:  // -1
        if (value->text == "-" && value->args[0]->kind == ExprKind::integer_literal) break;
        [[fallthrough]];
      default:
        return Status::error(Errc::invalid_argument, "line " + std::to_string(pos.line) + ":" +
                                                         std::to_string(pos.column) +
                                                         ": property " + key + " needs a literal value");
    }
    props.emplace_back(std::move(key), std::move(value));
  } while (accept_symbol(","));
  TRY_STATUS(expect_symbol(")"));
  return props;
}

Result<std::vector<ColumnDef>> Parser::parse_column_defs() {
  std::vector<ColumnDef> columns;
  TRY_STATUS(expect_symbol("("));
  do {
    ColumnDef c;
    c.pos = peek().pos;
    SQL_ASSIGN(c.name, parse_identifier("a column name"));
    SQL_ASSIGN(c.type, parse_type());
    if (accept_keyword("PRIMARY")) {
      TRY_STATUS(expect_keyword("KEY"));
      c.constraint = ColumnDef::Constraint::primary_key;
    } else if (accept_keyword("KEY")) {
      c.constraint = ColumnDef::Constraint::key;
    } else if (accept_keyword("HEADERS")) {
      c.constraint = ColumnDef::Constraint::headers;
    } else if (accept_keyword("HEADER")) {
      c.constraint = ColumnDef::Constraint::header;
      TRY_STATUS(expect_symbol("("));
      SQL_ASSIGN(c.header_key, parse_string("a header key string"));
      TRY_STATUS(expect_symbol(")"));
    }
    columns.push_back(std::move(c));
  } while (accept_symbol(","));
  TRY_STATUS(expect_symbol(")"));
  return columns;
}

// Tables have a PRIMARY KEY, streams a KEY; ksqlDB rejects the other spelling while parsing.
Status Parser::check_key_kinds(const CreateSource& create) const {
  for (const ColumnDef& c : create.columns) {
    bool wrong = create.is_table ? c.constraint == ColumnDef::Constraint::key
                                 : c.constraint == ColumnDef::Constraint::primary_key;
    if (!wrong) continue;
    std::string where = "line " + std::to_string(c.pos.line) + ":" + std::to_string(c.pos.column) + ": ";
    std::string name = "`" + c.name + "`";
    return Status::error(Errc::invalid_argument,
                         create.is_table ? where + "Column " + name + " is a 'KEY' column: please use 'PRIMARY KEY' for tables."
                                         : where + "Column " + name + " is a 'PRIMARY KEY' column: please use 'KEY' for streams.");
  }
  return {};
}

Result<StatementNode> Parser::parse_create() {
  TRY_STATUS(expect_keyword("CREATE"));
  CreateSource create;
  if (accept_keyword("OR")) {
    TRY_STATUS(expect_keyword("REPLACE"));
    create.or_replace = true;
  }
  if (!create.or_replace && accept_keyword("TYPE")) {
    CreateType type;
    if (accept_keyword("IF")) {
      TRY_STATUS(expect_keyword("NOT"));
      TRY_STATUS(expect_keyword("EXISTS"));
      type.if_not_exists = true;
    }
    SQL_ASSIGN(type.name, parse_identifier("a type name"));
    TRY_STATUS(expect_keyword("AS"));
    SQL_ASSIGN(type.type, parse_type());
    return StatementNode(std::move(type));
  }
  create.is_source = accept_keyword("SOURCE");
  if (accept_keyword("TABLE")) {
    create.is_table = true;
  } else if (!accept_keyword("STREAM")) {
    return error_expecting(create.or_replace || create.is_source ? "STREAM or TABLE" : "STREAM, TABLE or TYPE");
  }
  if (accept_keyword("IF")) {
    TRY_STATUS(expect_keyword("NOT"));
    TRY_STATUS(expect_keyword("EXISTS"));
    create.if_not_exists = true;
  }
  SQL_ASSIGN(create.name, parse_identifier("a stream or table name"));
  if (at_symbol("(")) {
    SQL_ASSIGN(create.columns, parse_column_defs());
    TRY_STATUS(check_key_kinds(create));
  }
  if (accept_keyword("WITH")) {
    SQL_ASSIGN(create.properties, parse_with_properties());
  }
  if (accept_keyword("AS")) {
    if (!create.columns.empty()) return error_at(previous(), "CREATE ... AS SELECT cannot declare columns");
    SQL_ASSIGN(create.as_query, parse_query());
  }
  return StatementNode(std::move(create));
}

Result<StatementNode> Parser::parse_alter() {
  TRY_STATUS(expect_keyword("ALTER"));
  AlterSource alter;
  if (accept_keyword("TABLE")) {
    alter.is_table = true;
  } else if (!accept_keyword("STREAM")) {
    return error_expecting("STREAM or TABLE");
  }
  SQL_ASSIGN(alter.name, parse_identifier("a stream or table name"));
  do {
    TRY_STATUS(expect_keyword("ADD"));
    accept_keyword("COLUMN");
    ColumnDef c;
    c.pos = peek().pos;
    SQL_ASSIGN(c.name, parse_identifier("a column name"));
    SQL_ASSIGN(c.type, parse_type());
    alter.added.push_back(std::move(c));
  } while (accept_symbol(","));
  return StatementNode(std::move(alter));
}

}  // namespace tributary::sql
