// Primary expressions: literals, columns, function calls, CASE, CAST, constructors, lambdas.
#include "sql/parser/parser_internal.h"

namespace tributary::sql {

// `x =>` or `(x, y) =>`: decided by looking ahead so that `(a + b)` stays a parenthesised expression.
bool Parser::at_lambda() const {
  if (at_identifier() && at_symbol("=>", 1)) return true;
  if (!at_symbol("(")) return false;
  std::size_t i = 1;
  if (!at_identifier(i)) return false;
  ++i;
  while (at_symbol(",", i) && at_identifier(i + 1)) i += 2;
  return at_symbol(")", i) && at_symbol("=>", i + 1);
}

Result<ExprPtr> Parser::parse_lambda() {
  auto e = make_expr(ExprKind::lambda, peek().pos);
  bool parenthesised = accept_symbol("(");
  do {
    SQL_ASSIGN(std::string name, parse_identifier("a lambda parameter"));
    e->names.push_back(std::move(name));
  } while (parenthesised && accept_symbol(","));
  if (parenthesised) TRY_STATUS(expect_symbol(")"));
  TRY_STATUS(expect_symbol("=>"));
  SQL_ASSIGN(ExprPtr body, parse_expr());
  e->args.push_back(std::move(body));
  return e;
}

Result<ExprPtr> Parser::parse_primary() {
  const Token& t = peek();
  Position pos = t.pos;
  switch (t.kind) {
    case TokenKind::integer: advance(); return make_expr(ExprKind::integer_literal, pos, previous().text);
    case TokenKind::decimal: advance(); return make_expr(ExprKind::decimal_literal, pos, previous().text);
    case TokenKind::floating: advance(); return make_expr(ExprKind::double_literal, pos, previous().text);
    case TokenKind::string: advance(); return make_expr(ExprKind::string_literal, pos, previous().text);
    case TokenKind::variable: advance(); return make_expr(ExprKind::variable, pos, previous().text);
    default: break;
  }
  if (accept_symbol("(")) {
    SQL_ASSIGN(ExprPtr inner, parse_expr());
    TRY_STATUS(expect_symbol(")"));
    return inner;
  }
  if (accept_keyword("NULL")) return make_expr(ExprKind::null_literal, pos);
  if (accept_keyword("TRUE")) return make_expr(ExprKind::bool_literal, pos, "TRUE");
  if (accept_keyword("FALSE")) return make_expr(ExprKind::bool_literal, pos, "FALSE");
  if (at_keyword("CASE")) return parse_case();
  if (at_keyword("CAST")) return parse_cast();
  if (at_keyword("ARRAY") && at_symbol("[", 1)) {
    advance();
    advance();
    auto e = make_expr(ExprKind::array_ctor, pos);
    if (!accept_symbol("]")) {
      SQL_ASSIGN(e->args, parse_expr_list());
      TRY_STATUS(expect_symbol("]"));
    }
    return e;
  }
  if (at_keyword("MAP") && at_symbol("(", 1)) return parse_constructor(ExprKind::map_ctor, pos);
  if (at_keyword("STRUCT") && at_symbol("(", 1)) return parse_constructor(ExprKind::struct_ctor, pos);
  if (!at_identifier()) return error_expecting("an expression");
  std::string name = peek().text;
  advance();
  if (at_symbol("(")) return parse_function_call(std::move(name), pos);
  auto column = make_expr(ExprKind::column, pos);
  if (at_symbol(".") && at_identifier(1)) {  // source.column
    advance();
    column->qualifier = std::move(name);
    SQL_ASSIGN(column->text, parse_identifier("a column name"));
  } else {
    column->text = std::move(name);
  }
  return column;
}

// MAP(k := v, ...) and STRUCT(name := v, ...); both may be empty.
Result<ExprPtr> Parser::parse_constructor(ExprKind kind, Position pos) {
  advance();
  advance();
  auto e = make_expr(kind, pos);
  if (accept_symbol(")")) return e;
  do {
    if (kind == ExprKind::struct_ctor) {
      SQL_ASSIGN(std::string field, parse_identifier("a field name"));
      e->names.push_back(std::move(field));
    } else {
      SQL_ASSIGN(ExprPtr key, parse_expr());
      e->args.push_back(std::move(key));
    }
    TRY_STATUS(expect_symbol(":="));
    SQL_ASSIGN(ExprPtr value, parse_expr());
    e->args.push_back(std::move(value));
  } while (accept_symbol(","));
  TRY_STATUS(expect_symbol(")"));
  return e;
}

Result<ExprPtr> Parser::parse_function_call(std::string name, Position pos) {
  TRY_STATUS(expect_symbol("("));
  auto e = make_expr(ExprKind::function_call, pos, std::move(name));
  if (accept_symbol("*")) {
    e->star = true;
  } else if (!at_symbol(")")) {
    e->distinct = accept_keyword("DISTINCT");
    SQL_ASSIGN(e->args, parse_expr_list());
  }
  TRY_STATUS(expect_symbol(")"));
  return e;
}

Result<ExprPtr> Parser::parse_case() {
  auto e = make_expr(ExprKind::case_, peek().pos);
  advance();
  ExprPtr operand;
  if (!at_keyword("WHEN")) {
    SQL_ASSIGN(operand, parse_expr());
  }
  e->args.push_back(std::move(operand));
  if (!at_keyword("WHEN")) return error_expecting("'WHEN'");
  while (accept_keyword("WHEN")) {
    SQL_ASSIGN(ExprPtr when, parse_expr());
    TRY_STATUS(expect_keyword("THEN"));
    SQL_ASSIGN(ExprPtr then, parse_expr());
    e->args.push_back(std::move(when));
    e->args.push_back(std::move(then));
  }
  ExprPtr otherwise;
  if (accept_keyword("ELSE")) {
    SQL_ASSIGN(otherwise, parse_expr());
  }
  e->args.push_back(std::move(otherwise));
  TRY_STATUS(expect_keyword("END"));
  return e;
}

Result<ExprPtr> Parser::parse_cast() {
  auto e = make_expr(ExprKind::cast, peek().pos);
  advance();
  TRY_STATUS(expect_symbol("("));
  SQL_ASSIGN(ExprPtr operand, parse_expr());
  TRY_STATUS(expect_keyword("AS"));
  SQL_ASSIGN(DataType type, parse_type());
  TRY_STATUS(expect_symbol(")"));
  e->args.push_back(std::move(operand));
  e->type = std::make_shared<DataType>(std::move(type));
  return e;
}

}  // namespace tributary::sql
