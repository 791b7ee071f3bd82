// Helpers for the expression tests: a fixed row of typed columns, parse + bind + eval in one call.
#pragma once

#include <gtest/gtest.h>

#include "sql/expression/expression.h"
#include "sql/parser/parser.h"

namespace tributary::sql::testing {

inline SqlType T(TypeKind k) { return make_type(k); }

// Columns: I INT 5, L BIGINT 10, D DOUBLE 2.5, DEC DECIMAL(4,2) 1.25, S STRING 'hello', B BOOLEAN true,
// N INT NULL, NS STRING NULL, A ARRAY<INT> [1,2,3], M MAP<STRING,INT> {a:1,b:2},
// ST STRUCT<X INT, Y STRING> {1,'y'}, TS TIMESTAMP 1000, DT DATE 1, NB BOOLEAN NULL, P STRING '%l_o'.
struct ExprFixture {
  ListScope scope;
  std::vector<Value> row;
  FunctionRegistry functions;

  ExprFixture()
      : scope({{"", "I", T(TypeKind::int_)},
               {"", "L", T(TypeKind::bigint)},
               {"", "D", T(TypeKind::double_)},
               {"", "DEC", make_decimal(4, 2)},
               {"", "S", T(TypeKind::string)},
               {"", "B", T(TypeKind::boolean)},
               {"", "N", T(TypeKind::int_)},
               {"", "NS", T(TypeKind::string)},
               {"", "A", make_array(T(TypeKind::int_))},
               {"", "M", make_map(T(TypeKind::string), T(TypeKind::int_))},
               {"", "ST", make_struct({{"X", T(TypeKind::int_)}, {"Y", T(TypeKind::string)}})},
               {"", "TS", T(TypeKind::timestamp)},
               {"", "DT", T(TypeKind::date)},
               {"", "NB", T(TypeKind::boolean)},
               {"", "P", T(TypeKind::string)}}) {
    row = {Value(int32_t{5}),
           Value(int64_t{10}),
           Value(2.5),
           Value(Decimal{125, 2}),
           Value("hello"),
           Value(true),
           Value(),
           Value(),
           Value::array({Value(int32_t{1}), Value(int32_t{2}), Value(int32_t{3})}),
           Value::map({{Value("a"), Value(int32_t{1})}, {Value("b"), Value(int32_t{2})}}),
           Value::struct_({Value(int32_t{1}), Value("y")}),
           Value(Timestamp{1000}),
           Value(Date{1}),
           Value(),
           Value("%l_o")};
  }

  Result<BoundExprPtr> bind(const std::string& text) const {
    auto parsed = parse_expression(text);
    if (!parsed.ok()) return parsed.status();
    BindOptions options;
    options.functions = &functions;
    return bind_expression(*parsed.value(), scope, options);
  }

  // Binds and evaluates; fails the test on a bind error.
  Value eval(const std::string& text, EvalErrors* errors_out = nullptr) const {
    auto bound = bind(text);
    EXPECT_TRUE(bound.ok()) << text << ": " << bound.status().message();
    if (!bound.ok()) return Value();
    EvalErrors errors;
    Value v = bound.value()->eval(row, errors);
    if (errors_out) *errors_out = errors;
    return v;
  }

  SqlType type_of(const std::string& text) const {
    auto bound = bind(text);
    EXPECT_TRUE(bound.ok()) << text << ": " << bound.status().message();
    return bound.ok() ? bound.value()->type() : SqlType{};
  }

  std::string bind_error(const std::string& text) const {
    auto bound = bind(text);
    EXPECT_FALSE(bound.ok()) << text << " bound unexpectedly";
    return bound.ok() ? "" : bound.status().message();
  }
};

inline std::string type_str(const SqlType& t) { return type_to_string(t); }

}  // namespace tributary::sql::testing
