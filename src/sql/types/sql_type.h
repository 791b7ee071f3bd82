// SQL types of resolved schemas and expressions. A SqlType is the parser's DataType with every
// custom type name already replaced by its definition (Kind::custom never appears after binding).
#pragma once

#include <string>

#include "sql/parser/ast_expression.h"

namespace tributary::sql {

using SqlType = DataType;
using TypeKind = DataType::Kind;

SqlType make_type(TypeKind kind);
SqlType make_decimal(int precision, int scale);
SqlType make_array(SqlType element);
SqlType make_map(SqlType key, SqlType value);
SqlType make_struct(std::vector<std::pair<std::string, SqlType>> fields);

// ksqlDB's spelling, as DESCRIBE and error messages print it: INTEGER, BIGINT, DOUBLE,
// DECIMAL(4, 2), STRING, ARRAY<INTEGER>, MAP<STRING, BIGINT>, STRUCT<`A` INTEGER, `B` STRING>.
std::string type_to_string(const SqlType& type);
bool type_equals(const SqlType& a, const SqlType& b);
bool is_numeric(const SqlType& type);  // INT, BIGINT, DECIMAL, DOUBLE
bool is_integral(const SqlType& type);  // INT, BIGINT
// The type both numeric operands widen to (INT < BIGINT < DECIMAL < DOUBLE), as ksqlDB does for
// arithmetic and comparisons; DECIMAL precision/scale follow ksqlDB's rules for the operator.
SqlType widen_numeric(const SqlType& a, const SqlType& b);
// The DECIMAL an integral type converts to exactly: INT -> DECIMAL(10, 0), BIGINT -> DECIMAL(19, 0).
SqlType decimal_for(const SqlType& integral);

}  // namespace tributary::sql
