// The recursive-descent parser shared by the parse_*.cc files (one file per statement family).
// Not part of the public surface: use parser.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "sql/parser/ast_statement.h"
#include "sql/parser/token.h"

#define SQL_CONCAT_INNER(a, b) a##b
#define SQL_CONCAT(a, b) SQL_CONCAT_INNER(a, b)
// Evaluates a Result-returning `expr`; returns its Status on error, else moves the value into `lhs`.
#define SQL_ASSIGN(lhs, expr) SQL_ASSIGN_IMPL(SQL_CONCAT(sql_result_, __LINE__), lhs, expr)
#define SQL_ASSIGN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                    \
  if (!tmp.ok()) return tmp.status();   \
  lhs = std::move(*tmp)

namespace tributary::sql {

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  // --- cursor (parser.cc)
  const Token& peek(std::size_t ahead = 0) const;
  const Token& previous() const { return tokens_[pos_ == 0 ? 0 : pos_ - 1]; }
  void advance() { if (peek().kind != TokenKind::end) ++pos_; }
  bool at_end() const { return peek().kind == TokenKind::end; }
  bool at_keyword(std::string_view keyword, std::size_t ahead = 0) const;
  bool at_symbol(std::string_view symbol, std::size_t ahead = 0) const;
  bool accept_keyword(std::string_view keyword);
  bool accept_symbol(std::string_view symbol);
  Status expect_keyword(std::string_view keyword);
  Status expect_symbol(std::string_view symbol);
  // "line L:C: mismatched input 'X' expecting <expected>" at the current token.
  Status error_expecting(const std::string& expected) const;
  Status error_at(const Token& token, const std::string& message) const;

  // Identifiers: quoted ones always; unquoted ones unless reserved (SELECT, FROM, AND, ...).
  bool at_identifier(std::size_t ahead = 0) const;
  Result<std::string> parse_identifier(const char* what = "an identifier");
  Result<std::string> parse_string(const char* what = "a string");
  Result<int64_t> parse_integer(const char* what = "an integer");
  Result<Duration> parse_duration();

  // --- statements
  Result<Statement> parse_statement();                // parser.cc: dispatch on the first keyword
  Result<StatementNode> parse_create();                // parse_create.cc
  Result<StatementNode> parse_alter();                 // parse_create.cc
  Result<Properties> parse_with_properties();          // parse_create.cc
  Result<StatementNode> parse_insert();                // parse_insert.cc
  Result<Query> parse_query();                         // parse_select.cc
  Result<StatementNode> parse_show();                  // parse_misc.cc
  Result<StatementNode> parse_describe();
  Result<StatementNode> parse_explain();
  Result<StatementNode> parse_drop();
  Result<StatementNode> parse_terminate();
  Result<StatementNode> parse_print();
  Result<StatementNode> parse_set_unset_define();

  // --- types (parse_type.cc) and expressions (parse_expression.cc)
  Result<DataType> parse_type();
  Result<ExprPtr> parse_expr();
  Result<std::vector<ExprPtr>> parse_expr_list();  // one or more, comma separated

 private:
  Result<ExprPtr> parse_or();
  Result<ExprPtr> parse_and();
  Result<ExprPtr> parse_not();
  Result<ExprPtr> parse_predicate();
  Result<ExprPtr> parse_concat();
  Result<ExprPtr> parse_additive();
  Result<ExprPtr> parse_multiplicative();
  Result<ExprPtr> parse_unary();
  Result<ExprPtr> parse_postfix();
  Result<ExprPtr> parse_postfix_of(ExprPtr base);
  Status check_numeric_literal(const Expr& literal) const;
  Result<ExprPtr> parse_primary();
  Result<ExprPtr> parse_case();
  Result<ExprPtr> parse_cast();
  Result<ExprPtr> parse_function_call(std::string name, Position pos);
  Result<ExprPtr> parse_lambda();
  Result<ExprPtr> parse_constructor(ExprKind kind, Position pos);
  bool at_lambda() const;

  Result<SelectItem> parse_select_item();
  Result<SourceRef> parse_source_ref();
  Result<Join> parse_join(Join::Type type);
  Result<WindowSpec> parse_window();
  Result<std::vector<ExprPtr>> parse_grouping_list();
  Result<std::vector<ColumnDef>> parse_column_defs();
  Status check_key_kinds(const CreateSource& create) const;

  // Bounds recursion so that hostile input ("((((...") fails cleanly instead of exhausting the stack.
  static constexpr int kMaxDepth = 200;
  Status enter_nested();
  struct DepthGuard {
    int& depth;
    ~DepthGuard() { --depth; }
  };

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

ExprPtr make_expr(ExprKind kind, Position pos, std::string text = {});

}  // namespace tributary::sql
