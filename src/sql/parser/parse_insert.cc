// INSERT INTO name [(columns)] VALUES (...) and INSERT INTO name [WITH (...)] SELECT ...
#include "sql/parser/parser_internal.h"

namespace tributary::sql {

Result<StatementNode> Parser::parse_insert() {
  TRY_STATUS(expect_keyword("INSERT"));
  TRY_STATUS(expect_keyword("INTO"));
  SQL_ASSIGN(std::string target, parse_identifier("a stream or table name"));
  if (at_keyword("SELECT") || at_keyword("WITH")) {
    InsertSelect insert;
    insert.target = std::move(target);
    if (accept_keyword("WITH")) {
      SQL_ASSIGN(insert.properties, parse_with_properties());
    }
    SQL_ASSIGN(insert.query, parse_query());
    return StatementNode(std::move(insert));
  }
  InsertValues insert;
  insert.target = std::move(target);
  if (accept_symbol("(")) {
    if (!at_symbol(")")) {
      do {
        SQL_ASSIGN(std::string column, parse_identifier("a column name"));
        insert.columns.push_back(std::move(column));
      } while (accept_symbol(","));
    }
    TRY_STATUS(expect_symbol(")"));
  }
  if (!accept_keyword("VALUES")) return error_expecting("VALUES or SELECT");
  TRY_STATUS(expect_symbol("("));
  if (!at_symbol(")")) {
    SQL_ASSIGN(insert.values, parse_expr_list());
  }
  TRY_STATUS(expect_symbol(")"));
  return StatementNode(std::move(insert));
}

}  // namespace tributary::sql
