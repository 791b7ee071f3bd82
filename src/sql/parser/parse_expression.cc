// Expressions by precedence, loosest first: OR, AND, NOT, predicates (comparison, IS, BETWEEN,
// IN, LIKE), ||, + -, * / %, unary sign, postfix ([i], ->field), primaries.
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "sql/parser/parser_internal.h"

namespace tributary::sql {
namespace {

ExprPtr binary(std::string op, ExprPtr left, ExprPtr right) {
  auto e = make_expr(ExprKind::binary, left->pos, std::move(op));
  e->args = {std::move(left), std::move(right)};
  return e;
}

bool is_comparison(const Token& t) {
  if (t.kind != TokenKind::symbol) return false;
  return t.text == "=" || t.text == "!=" || t.text == "<>" || t.text == "<" || t.text == "<=" ||
         t.text == ">" || t.text == ">=";
}

}  // namespace

Result<ExprPtr> Parser::parse_expr() {
  DepthGuard guard{depth_};
  TRY_STATUS(enter_nested());
  if (at_lambda()) return parse_lambda();
  return parse_or();
}

Result<std::vector<ExprPtr>> Parser::parse_expr_list() {
  std::vector<ExprPtr> out;
  do {
    SQL_ASSIGN(ExprPtr e, parse_expr());
    out.push_back(std::move(e));
  } while (accept_symbol(","));
  return out;
}

Result<ExprPtr> Parser::parse_or() {
  SQL_ASSIGN(ExprPtr left, parse_and());
  while (accept_keyword("OR")) {
    SQL_ASSIGN(ExprPtr right, parse_and());
    left = binary("OR", std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::parse_and() {
  SQL_ASSIGN(ExprPtr left, parse_not());
  while (accept_keyword("AND")) {
    SQL_ASSIGN(ExprPtr right, parse_not());
    left = binary("AND", std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::parse_not() {
  if (at_keyword("NOT")) {
    DepthGuard guard{depth_};
    TRY_STATUS(enter_nested());
    Position pos = peek().pos;
    advance();
    SQL_ASSIGN(ExprPtr operand, parse_not());
    auto e = make_expr(ExprKind::unary, pos, "NOT");
    e->args.push_back(std::move(operand));
    return e;
  }
  return parse_predicate();
}

Result<ExprPtr> Parser::parse_predicate() {
  SQL_ASSIGN(ExprPtr left, parse_concat());
  while (true) {
    if (is_comparison(peek())) {
      std::string op = peek().text == "<>" ? "!=" : peek().text;
      advance();
      SQL_ASSIGN(ExprPtr right, parse_concat());
      left = binary(op, std::move(left), std::move(right));
      continue;
    }
    if (accept_keyword("IS")) {
      bool negated = accept_keyword("NOT");
      if (accept_keyword("NULL")) {
        auto e = make_expr(ExprKind::is_null, left->pos);
        e->negated = negated;
        e->args.push_back(std::move(left));
        left = std::move(e);
        continue;
      }
      if (accept_keyword("DISTINCT")) {
        TRY_STATUS(expect_keyword("FROM"));
        SQL_ASSIGN(ExprPtr right, parse_concat());
        auto e = make_expr(ExprKind::is_distinct, left->pos);
        e->negated = negated;
        e->args = {std::move(left), std::move(right)};
        left = std::move(e);
        continue;
      }
      return error_expecting("NULL or DISTINCT FROM");
    }
    // [NOT] BETWEEN / IN / LIKE: NOT here negates the predicate, it does not start a new one.
    bool negated = false;
    if (at_keyword("NOT") && (at_keyword("BETWEEN", 1) || at_keyword("IN", 1) || at_keyword("LIKE", 1))) {
      advance();
      negated = true;
    }
    if (accept_keyword("BETWEEN")) {
      SQL_ASSIGN(ExprPtr low, parse_concat());
      TRY_STATUS(expect_keyword("AND"));
      SQL_ASSIGN(ExprPtr high, parse_concat());
      auto e = make_expr(ExprKind::between, left->pos);
      e->negated = negated;
      e->args = {std::move(left), std::move(low), std::move(high)};
      left = std::move(e);
      continue;
    }
    if (accept_keyword("IN")) {
      TRY_STATUS(expect_symbol("("));
      SQL_ASSIGN(std::vector<ExprPtr> items, parse_expr_list());
      TRY_STATUS(expect_symbol(")"));
      auto e = make_expr(ExprKind::in_list, left->pos);
      e->negated = negated;
      e->args.push_back(std::move(left));
      for (auto& item : items) e->args.push_back(std::move(item));
      left = std::move(e);
      continue;
    }
    if (accept_keyword("LIKE")) {
      SQL_ASSIGN(ExprPtr pattern, parse_concat());
      auto e = make_expr(ExprKind::like, left->pos);
      e->negated = negated;
      e->args = {std::move(left), std::move(pattern)};
      if (accept_keyword("ESCAPE")) {
        SQL_ASSIGN(ExprPtr escape, parse_concat());
        e->args.push_back(std::move(escape));
      }
      left = std::move(e);
      continue;
    }
    return left;
  }
}

Result<ExprPtr> Parser::parse_concat() {
  SQL_ASSIGN(ExprPtr left, parse_additive());
  while (accept_symbol("||")) {
    SQL_ASSIGN(ExprPtr right, parse_additive());
    left = binary("||", std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::parse_additive() {
  SQL_ASSIGN(ExprPtr left, parse_multiplicative());
  while (at_symbol("+") || at_symbol("-")) {
    std::string op = peek().text;
    advance();
    SQL_ASSIGN(ExprPtr right, parse_multiplicative());
    left = binary(op, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::parse_multiplicative() {
  SQL_ASSIGN(ExprPtr left, parse_unary());
  while (at_symbol("*") || at_symbol("/") || at_symbol("%")) {
    std::string op = peek().text;
    advance();
    SQL_ASSIGN(ExprPtr right, parse_unary());
    left = binary(op, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::parse_unary() {
  // A minus sign directly before a number is part of the literal, so that -9223372036854775808
  // (BIGINT's minimum) is valid while its positive counterpart overflows, as in ksqlDB.
  if (at_symbol("-") && (peek(1).kind == TokenKind::integer || peek(1).kind == TokenKind::decimal ||
                         peek(1).kind == TokenKind::floating) &&
      peek(1).pos.offset == peek().end_offset) {
    Position pos = peek().pos;
    advance();
    SQL_ASSIGN(ExprPtr literal, parse_primary());
    literal->text = "-" + literal->text;
    literal->pos = pos;
    TRY_STATUS(check_numeric_literal(*literal));
    return parse_postfix_of(std::move(literal));
  }
  if (at_symbol("-") || at_symbol("+")) {
    DepthGuard guard{depth_};
    TRY_STATUS(enter_nested());
    Position pos = peek().pos;
    std::string op = peek().text;
    advance();
    SQL_ASSIGN(ExprPtr operand, parse_unary());
    auto e = make_expr(ExprKind::unary, pos, op);
    e->args.push_back(std::move(operand));
    return e;
  }
  return parse_postfix();
}

Status Parser::check_numeric_literal(const Expr& literal) const {
  auto fail = [&](const std::string& message) {
    return Status::error(Errc::invalid_argument, "line " + std::to_string(literal.pos.line) + ":" +
                                                     std::to_string(literal.pos.column) + ": " + message);
  };
  if (literal.kind == ExprKind::integer_literal) {
    int64_t value = 0;
    const std::string& s = literal.text;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || ptr != s.data() + s.size()) return fail("Invalid numeric literal: " + s);
  } else if (literal.kind == ExprKind::double_literal) {
    double value = std::strtod(literal.text.c_str(), nullptr);
    if (std::isinf(value)) return fail("Number overflows DOUBLE: " + literal.text);
  }
  return {};
}

Result<ExprPtr> Parser::parse_postfix() {
  SQL_ASSIGN(ExprPtr base, parse_primary());
  if (base->kind == ExprKind::integer_literal || base->kind == ExprKind::double_literal) {
    TRY_STATUS(check_numeric_literal(*base));
  }
  return parse_postfix_of(std::move(base));
}

Result<ExprPtr> Parser::parse_postfix_of(ExprPtr base) {
  while (true) {
    if (accept_symbol("[")) {
      SQL_ASSIGN(ExprPtr index, parse_expr());
      TRY_STATUS(expect_symbol("]"));
      auto e = make_expr(ExprKind::subscript, base->pos);
      e->args = {std::move(base), std::move(index)};
      base = std::move(e);
    } else if (accept_symbol("->")) {
      auto e = make_expr(ExprKind::dereference, base->pos);
      SQL_ASSIGN(e->text, parse_identifier("a field name"));
      e->args.push_back(std::move(base));
      base = std::move(e);
    } else {
      return base;
    }
  }
}

}  // namespace tributary::sql
