#include "sql/types/sql_type.h"

#include <algorithm>

#include "sql/parser/ast_expression.h"

namespace tributary::sql {

SqlType make_type(TypeKind kind) {
  SqlType t;
  t.kind = kind;
  return t;
}

SqlType make_decimal(int precision, int scale) {
  SqlType t = make_type(TypeKind::decimal);
  t.precision = precision;
  t.scale = scale;
  return t;
}

SqlType make_array(SqlType element) {
  SqlType t = make_type(TypeKind::array);
  t.params.push_back(std::move(element));
  return t;
}

SqlType make_map(SqlType key, SqlType value) {
  SqlType t = make_type(TypeKind::map);
  t.params.push_back(std::move(key));
  t.params.push_back(std::move(value));
  return t;
}

SqlType make_struct(std::vector<std::pair<std::string, SqlType>> fields) {
  SqlType t = make_type(TypeKind::struct_);
  for (auto& [name, type] : fields) {
    t.fields.push_back(std::move(name));
    t.params.push_back(std::move(type));
  }
  return t;
}

std::string type_to_string(const SqlType& t) {
  switch (t.kind) {
    case TypeKind::boolean: return "BOOLEAN";
    case TypeKind::int_: return "INTEGER";
    case TypeKind::bigint: return "BIGINT";
    case TypeKind::double_: return "DOUBLE";
    case TypeKind::decimal: return "DECIMAL(" + std::to_string(t.precision) + ", " + std::to_string(t.scale) + ")";
    case TypeKind::string: return "STRING";
    case TypeKind::bytes: return "BYTES";
    case TypeKind::timestamp: return "TIMESTAMP";
    case TypeKind::date: return "DATE";
    case TypeKind::time: return "TIME";
    case TypeKind::array: return "ARRAY<" + type_to_string(t.params.at(0)) + ">";
    case TypeKind::map: return "MAP<" + type_to_string(t.params.at(0)) + ", " + type_to_string(t.params.at(1)) + ">";
    case TypeKind::struct_: {
      std::string s = "STRUCT<";
      for (std::size_t i = 0; i < t.fields.size(); ++i) {
        if (i) s += ", ";
        s += "`" + t.fields[i] + "` " + type_to_string(t.params[i]);
      }
      return s + ">";
    }
    case TypeKind::custom: return t.custom_name;
  }
  return "?";
}

bool type_equals(const SqlType& a, const SqlType& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == TypeKind::decimal) return a.precision == b.precision && a.scale == b.scale;
  if (a.kind == TypeKind::custom) return a.custom_name == b.custom_name;
  if (a.fields != b.fields || a.params.size() != b.params.size()) return false;
  for (std::size_t i = 0; i < a.params.size(); ++i) {
    if (!type_equals(a.params[i], b.params[i])) return false;
  }
  return true;
}

bool is_integral(const SqlType& t) { return t.kind == TypeKind::int_ || t.kind == TypeKind::bigint; }

bool is_numeric(const SqlType& t) {
  return is_integral(t) || t.kind == TypeKind::decimal || t.kind == TypeKind::double_;
}

SqlType decimal_for(const SqlType& integral) {
  return integral.kind == TypeKind::int_ ? make_decimal(10, 0) : make_decimal(19, 0);
}

SqlType widen_numeric(const SqlType& a, const SqlType& b) {
  auto rank = [](const SqlType& t) {
    switch (t.kind) {
      case TypeKind::int_: return 0;
      case TypeKind::bigint: return 1;
      case TypeKind::decimal: return 2;
      default: return 3;
    }
  };
  if (rank(a) == 3 || rank(b) == 3) return make_type(TypeKind::double_);
  if (rank(a) < 2 && rank(b) < 2) return rank(a) >= rank(b) ? a : b;
  // A decimal and an integral (or two decimals): enough integer digits and scale for both.
  SqlType x = a.kind == TypeKind::decimal ? a : decimal_for(a);
  SqlType y = b.kind == TypeKind::decimal ? b : decimal_for(b);
  int scale = std::max(x.scale, y.scale);
  int integer_digits = std::max(x.precision - x.scale, y.precision - y.scale);
  return make_decimal(std::min(38, integer_digits + scale), scale);
}

}  // namespace tributary::sql
