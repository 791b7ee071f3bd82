// Printing types and expressions back to SQL (round-trippable through the parser).
#include <cctype>

#include "sql/parser/ast_expression.h"

namespace tributary::sql {
namespace {

std::string join_exprs(const std::vector<ExprPtr>& exprs, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < exprs.size(); ++i) {
    if (i > from) out += ", ";
    out += to_sql(*exprs[i]);
  }
  return out;
}

}  // namespace

std::string quote_identifier(const std::string& name) {
  bool bare = !name.empty() && (std::isupper(static_cast<unsigned char>(name[0])) || name[0] == '_') &&
              !is_reserved_word(name);
  for (char c : name) {
    if (!(std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_' || c == '@')) {
      bare = false;
    }
  }
  if (bare) return name;
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

std::string to_sql(const DataType& t) {
  switch (t.kind) {
    case DataType::Kind::boolean: return "BOOLEAN";
    case DataType::Kind::int_: return "INTEGER";
    case DataType::Kind::bigint: return "BIGINT";
    case DataType::Kind::double_: return "DOUBLE";
    case DataType::Kind::decimal:
      return "DECIMAL(" + std::to_string(t.precision) + ", " + std::to_string(t.scale) + ")";
    case DataType::Kind::string: return "STRING";
    case DataType::Kind::bytes: return "BYTES";
    case DataType::Kind::timestamp: return "TIMESTAMP";
    case DataType::Kind::date: return "DATE";
    case DataType::Kind::time: return "TIME";
    case DataType::Kind::array: return "ARRAY<" + to_sql(t.params[0]) + ">";
    case DataType::Kind::map: return "MAP<" + to_sql(t.params[0]) + ", " + to_sql(t.params[1]) + ">";
    case DataType::Kind::struct_: {
      std::string out = "STRUCT<";
      for (std::size_t i = 0; i < t.params.size(); ++i) {
        if (i) out += ", ";
        out += quote_identifier(t.fields[i]) + " " + to_sql(t.params[i]);
      }
      return out + ">";
    }
    case DataType::Kind::custom: return quote_identifier(t.custom_name);
  }
  return "?";
}

std::string to_sql(const Expr& e) {
  const char* neg = e.negated ? "NOT " : "";
  switch (e.kind) {
    case ExprKind::null_literal: return "NULL";
    case ExprKind::bool_literal:
    case ExprKind::integer_literal:
    case ExprKind::decimal_literal:
    case ExprKind::double_literal: return e.text;
    case ExprKind::string_literal: return quote_string(e.text);
    case ExprKind::column:
      return (e.qualifier.empty() ? "" : quote_identifier(e.qualifier) + ".") + quote_identifier(e.text);
    case ExprKind::variable: return "${" + e.text + "}";
    case ExprKind::unary:
      // Always a space after the sign: "-5" written together is a signed literal to the parser.
      return "(" + e.text + " " + to_sql(*e.args[0]) + ")";
    case ExprKind::binary:
      return "(" + to_sql(*e.args[0]) + " " + e.text + " " + to_sql(*e.args[1]) + ")";
    case ExprKind::is_null: return "(" + to_sql(*e.args[0]) + " IS " + neg + "NULL)";
    case ExprKind::is_distinct:
      return "(" + to_sql(*e.args[0]) + " IS " + neg + "DISTINCT FROM " + to_sql(*e.args[1]) + ")";
    case ExprKind::between:
      return "(" + to_sql(*e.args[0]) + " " + neg + "BETWEEN " + to_sql(*e.args[1]) + " AND " +
             to_sql(*e.args[2]) + ")";
    case ExprKind::in_list: return "(" + to_sql(*e.args[0]) + " " + neg + "IN (" + join_exprs(e.args, 1) + "))";
    case ExprKind::like:
      return "(" + to_sql(*e.args[0]) + " " + neg + "LIKE " + to_sql(*e.args[1]) +
             (e.args.size() > 2 ? " ESCAPE " + to_sql(*e.args[2]) : "") + ")";
    case ExprKind::case_: {
      std::string out = "CASE";
      if (e.args.front()) out += " " + to_sql(*e.args.front());
      for (std::size_t i = 1; i + 2 < e.args.size(); i += 2) {
        out += " WHEN " + to_sql(*e.args[i]) + " THEN " + to_sql(*e.args[i + 1]);
      }
      if (e.args.back()) out += " ELSE " + to_sql(*e.args.back());
      return out + " END";
    }
    case ExprKind::cast: return "CAST(" + to_sql(*e.args[0]) + " AS " + to_sql(*e.type) + ")";
    case ExprKind::function_call:
      if (e.star) return quote_identifier(e.text) + "(*)";
      return quote_identifier(e.text) + "(" + (e.distinct ? "DISTINCT " : "") + join_exprs(e.args) + ")";
    case ExprKind::lambda: {
      std::string out = "(";
      for (std::size_t i = 0; i < e.names.size(); ++i) out += (i ? ", " : "") + quote_identifier(e.names[i]);
      return out + ") => " + to_sql(*e.args[0]);
    }
    case ExprKind::dereference: return to_sql(*e.args[0]) + "->" + quote_identifier(e.text);
    case ExprKind::subscript: return to_sql(*e.args[0]) + "[" + to_sql(*e.args[1]) + "]";
    case ExprKind::array_ctor: return "ARRAY[" + join_exprs(e.args) + "]";
    case ExprKind::map_ctor: {
      std::string out = "MAP(";
      for (std::size_t i = 0; i + 1 < e.args.size(); i += 2) {
        out += (i ? ", " : "") + to_sql(*e.args[i]) + " := " + to_sql(*e.args[i + 1]);
      }
      return out + ")";
    }
    case ExprKind::struct_ctor: {
      std::string out = "STRUCT(";
      for (std::size_t i = 0; i < e.names.size(); ++i) {
        out += (i ? ", " : "") + quote_identifier(e.names[i]) + " := " + to_sql(*e.args[i]);
      }
      return out + ")";
    }
  }
  return "?";
}

std::string quote_string(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

}  // namespace tributary::sql
