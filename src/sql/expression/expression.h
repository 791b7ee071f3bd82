// Binding and evaluation of expressions: an AST expression is checked against the columns in
// scope once (names resolved to row positions, types inferred, functions chosen), and the bound
// form is then evaluated per record with ksqlDB's null rules.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/status.h"
#include "sql/functions/function_registry.h"
#include "sql/parser/ast_expression.h"
#include "sql/types/sql_type.h"
#include "sql/types/value.h"

namespace tributary::sql {

// What a column reference resolves to: a position in the evaluated row and its type.
struct ResolvedColumn {
  std::size_t index = 0;
  SqlType type;
};

// The columns an expression may name. Qualified names (`s.col`) come with the qualifier; an
// unqualified name that several joined sources share is ambiguous and the scope says so.
class BindScope {
 public:
  virtual ~BindScope() = default;
  virtual Result<ResolvedColumn> resolve(const std::string& qualifier, const std::string& name) const = 0;
};

// A scope over one flat list of (qualifier, name, type) entries, row position = list position.
// Joins list each side's columns under its alias; unqualified lookups match any alias.
class ListScope : public BindScope {
 public:
  struct Entry { std::string qualifier; std::string name; SqlType type; };
  explicit ListScope(std::vector<Entry> entries) : entries_(std::move(entries)) {}
  Result<ResolvedColumn> resolve(const std::string& qualifier, const std::string& name) const override;
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
};

class BoundExpr {
 public:
  virtual ~BoundExpr() = default;
  const SqlType& type() const { return type_; }
  // Never throws; a failure (bad cast, function error) records a message in `errors` and yields NULL.
  virtual Value eval(std::span<const Value> row, EvalErrors& errors) const = 0;

 protected:
  SqlType type_;
};
using BoundExprPtr = std::unique_ptr<BoundExpr>;

struct BindOptions {
  const FunctionRegistry* functions = &FunctionRegistry::builtin();
  // Aggregate calls are rejected unless the caller binds them itself (the planner replaces
  // them by columns of the aggregation's output before binding the projection).
};

// Errors read like ksqlDB's, naming the expression: "Cannot compare NAME (STRING) to 10 (INTEGER)",
// "Column 'FOO' cannot be resolved.", "Function 'X' does not exist".
Result<BoundExprPtr> bind_expression(const Expr& expr, const BindScope& scope, const BindOptions& options = {});

// Casts a value between types with ksqlDB's rules (used by CAST, INSERT VALUES and serdes);
// an impossible cast records an error and yields NULL.
Value cast_value(const Value& v, const SqlType& from, const SqlType& to, EvalErrors& errors);
// Whether CAST(from AS to) is allowed at all (checked at bind time).
bool can_cast(const SqlType& from, const SqlType& to);

// Folds a literal-only expression (INSERT VALUES, WITH properties, function literal arguments).
Result<Value> evaluate_constant(const Expr& expr, SqlType* type_out = nullptr);

}  // namespace tributary::sql
