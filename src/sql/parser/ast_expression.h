// AST of types and expressions. Nodes are plain structs shared by pointer so that planner passes
// can keep sub-trees without copying; every node records where it starts in the source.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sql/parser/token.h"

namespace tributary::sql {

struct DataType {
  enum class Kind { boolean, int_, bigint, double_, decimal, string, bytes, timestamp, date, time,
                    array, map, struct_, custom };
  Kind kind = Kind::string;
  int precision = 0;  // DECIMAL(precision, scale)
  int scale = 0;
  std::vector<DataType> params;     // ARRAY: [element]; MAP: [key, value]; STRUCT: one per field
  std::vector<std::string> fields;  // STRUCT field names, parallel to params
  std::string custom_name;          // a type created with CREATE TYPE
};

struct Expr;
using ExprPtr = std::shared_ptr<Expr>;

// One struct for every expression form; `kind` says which members are meaningful. A single
// node type keeps tree walks (printing, later binding) to one switch instead of a visitor zoo.
enum class ExprKind {
  null_literal,     //
  bool_literal,     // text: TRUE | FALSE
  integer_literal,  // text: digits (fits INT or BIGINT; the binder decides)
  decimal_literal,  // text: as written, e.g. 1.50
  double_literal,   // text: normalised with 'E', e.g. 1.5E3
  string_literal,   // text: value with quotes removed
  column,           // text: column name; qualifier: source alias or empty
  variable,         // text: the variable name of ${name} the lexer left unresolved
  unary,            // text: "-" | "+" | "NOT"; args: [operand]
  binary,           // text: AND OR = != < <= > >= + - * / % ||; args: [left, right]
  is_null,          // args: [operand]; negated: IS NOT NULL
  is_distinct,      // args: [left, right]; negated: IS NOT DISTINCT FROM
  between,          // args: [value, low, high]; negated
  in_list,          // args: [value, item...]; negated
  like,             // args: [value, pattern] or [value, pattern, escape]; negated
  case_,            // args: [operand or null, when1, then1, ..., else or null]
  cast,             // args: [operand]; type
  function_call,    // text: name; args; star: COUNT(*); distinct: f(DISTINCT x)
  lambda,           // names: parameters; args: [body]
  dereference,      // args: [struct]; text: field name (a->b)
  subscript,        // args: [container, index]
  array_ctor,       // args: elements
  map_ctor,         // args: key1, value1, key2, value2, ...
  struct_ctor,      // names: field names; args: values
};

struct Expr {
  ExprKind kind = ExprKind::null_literal;
  Position pos;
  std::string text;
  std::string qualifier;
  std::vector<std::string> names;
  std::vector<ExprPtr> args;
  std::shared_ptr<DataType> type;
  bool negated = false;
  bool star = false;
  bool distinct = false;
};

// SQL text for a type or an expression that parses back to the same tree. Binary operators are
// fully parenthesised so the printed form never depends on precedence.
std::string to_sql(const DataType& type);
std::string to_sql(const Expr& expr);
// True for the words the parser does not accept as bare identifiers (upper-case input); the
// printer quotes such names so that what it prints parses back.
bool is_reserved_word(std::string_view upper);
// A SQL string literal: single quotes, inner quotes doubled.
std::string quote_string(const std::string& s);
// An identifier as ksqlDB would accept it back: bare when upper-case and not reserved, else in backticks.
std::string quote_identifier(const std::string& name);

}  // namespace tributary::sql
