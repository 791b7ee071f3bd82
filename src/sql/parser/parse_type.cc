// Column and cast types: primitives, DECIMAL(p, s), ARRAY<T>, MAP<K, V>, STRUCT<name T, ...>, custom.
#include <map>

#include "sql/parser/parser_internal.h"

namespace tributary::sql {
namespace {

const std::map<std::string, DataType::Kind, std::less<>> kPrimitives = {
    {"BOOLEAN", DataType::Kind::boolean}, {"INT", DataType::Kind::int_},
    {"INTEGER", DataType::Kind::int_},    {"BIGINT", DataType::Kind::bigint},
    {"DOUBLE", DataType::Kind::double_},  {"STRING", DataType::Kind::string},
    {"VARCHAR", DataType::Kind::string},  {"BYTES", DataType::Kind::bytes},
    {"TIMESTAMP", DataType::Kind::timestamp}, {"DATE", DataType::Kind::date},
    {"TIME", DataType::Kind::time}};

}  // namespace

Result<DataType> Parser::parse_type() {
  DepthGuard guard{depth_};
  TRY_STATUS(enter_nested());
  DataType type;
  const Token& t = peek();
  if (t.kind == TokenKind::identifier) {
    if (auto it = kPrimitives.find(t.text); it != kPrimitives.end()) {
      advance();
      type.kind = it->second;
      return type;
    }
    if (accept_keyword("DECIMAL")) {
      type.kind = DataType::Kind::decimal;
      TRY_STATUS(expect_symbol("("));
      int64_t p = 0, s = 0;
      SQL_ASSIGN(p, parse_integer("the DECIMAL precision"));
      TRY_STATUS(expect_symbol(","));
      SQL_ASSIGN(s, parse_integer("the DECIMAL scale"));
      TRY_STATUS(expect_symbol(")"));
      type.precision = static_cast<int>(p);
      type.scale = static_cast<int>(s);
      return type;
    }
    if (accept_keyword("ARRAY")) {
      type.kind = DataType::Kind::array;
      TRY_STATUS(expect_symbol("<"));
      SQL_ASSIGN(DataType element, parse_type());
      type.params.push_back(std::move(element));
      TRY_STATUS(expect_symbol(">"));
      return type;
    }
    if (accept_keyword("MAP")) {
      type.kind = DataType::Kind::map;
      TRY_STATUS(expect_symbol("<"));
      SQL_ASSIGN(DataType key, parse_type());
      TRY_STATUS(expect_symbol(","));
      SQL_ASSIGN(DataType value, parse_type());
      TRY_STATUS(expect_symbol(">"));
      type.params = {std::move(key), std::move(value)};
      return type;
    }
    if (accept_keyword("STRUCT")) {
      type.kind = DataType::Kind::struct_;
      TRY_STATUS(expect_symbol("<"));
      if (accept_symbol(">")) return type;  // STRUCT<> is legal: a struct without fields
      do {
        SQL_ASSIGN(std::string name, parse_identifier("a field name"));
        SQL_ASSIGN(DataType field, parse_type());
        type.fields.push_back(std::move(name));
        type.params.push_back(std::move(field));
      } while (accept_symbol(","));
      TRY_STATUS(expect_symbol(">"));
      return type;
    }
  }
  if (!at_identifier()) return error_expecting("a type");
  type.kind = DataType::Kind::custom;
  SQL_ASSIGN(type.custom_name, parse_identifier("a type"));
  return type;
}

}  // namespace tributary::sql
