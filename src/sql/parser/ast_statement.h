// AST of statements: one struct per statement kind, gathered in the Statement variant.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "sql/parser/ast_expression.h"

namespace tributary::sql {

// `n UNIT` as in WITHIN 10 SECONDS; unit is normalised to ksqlDB's plural upper-case form.
struct Duration {
  int64_t value = 0;
  std::string unit;
};

struct SelectItem {
  ExprPtr expr;            // null for `*` and `src.*`
  std::string alias;       // AS alias, empty when absent
  std::string star_source; // `src.*`: src; `*`: empty (with expr null)
};

struct SourceRef {
  Position pos;
  std::string name;
  std::string alias;
};

struct Join {
  enum class Type { inner, left, right, full };
  Type type = Type::inner;
  SourceRef source;
  std::optional<Duration> within_before;  // WITHIN n UNIT sets both
  std::optional<Duration> within_after;
  std::optional<Duration> grace;
  ExprPtr on;
};

struct WindowSpec {
  enum class Type { tumbling, hopping, session };
  Type type = Type::tumbling;
  Duration size;  // SESSION: the gap
  std::optional<Duration> advance;
  std::optional<Duration> retention;
  std::optional<Duration> grace;
};

struct Query {
  Position pos;
  std::vector<SelectItem> items;
  SourceRef from;
  std::vector<Join> joins;
  std::optional<WindowSpec> window;
  ExprPtr where;
  std::vector<ExprPtr> group_by;
  std::vector<ExprPtr> partition_by;
  ExprPtr having;
  enum class Emit { none, changes, final_ };  // none: a pull query
  Emit emit = Emit::none;
  std::optional<int64_t> limit;
};

using Properties = std::vector<std::pair<std::string, ExprPtr>>;  // WITH (KEY = literal, ...)

struct ColumnDef {
  Position pos;
  std::string name;
  DataType type;
  enum class Constraint { none, key, primary_key, headers, header };
  Constraint constraint = Constraint::none;
  std::string header_key;  // HEADER('key')
};

struct CreateSource {  // CREATE [OR REPLACE] [SOURCE] STREAM|TABLE ... [AS SELECT]
  bool or_replace = false;
  bool is_table = false;
  bool is_source = false;
  bool if_not_exists = false;
  std::string name;
  std::vector<ColumnDef> columns;
  Properties properties;
  std::optional<Query> as_query;
};
struct AlterSource {  // ALTER STREAM|TABLE name ADD [COLUMN] c TYPE, ...
  bool is_table = false;
  std::string name;
  std::vector<ColumnDef> added;
};
struct CreateType { bool if_not_exists = false; std::string name; DataType type; };
struct InsertValues { std::string target; std::vector<std::string> columns; std::vector<ExprPtr> values; };
struct InsertSelect { std::string target; Properties properties; Query query; };
struct QueryStatement { Query query; };
struct Show { std::string what; bool extended = false; };  // STREAMS, TABLES, QUERIES, TOPICS, ALL TOPICS, ...
struct Describe {
  enum class Target { source, function, streams, tables };
  Target target = Target::source;
  std::string name;
  bool extended = false;
};
struct Drop { std::string object; bool if_exists = false; std::string name; bool delete_topic = false; };  // object: STREAM|TABLE|TYPE
struct Terminate { bool all = false; std::string query_id; };
struct Print { std::string topic; bool from_beginning = false; std::optional<int64_t> interval; std::optional<int64_t> limit; };
struct SetProperty { std::string name; std::string value; };
struct UnsetProperty { std::string name; };
struct DefineVariable { std::string name; std::string value; };
struct UndefineVariable { std::string name; };
struct Statement;
struct Explain { std::string query_id; std::shared_ptr<Statement> statement; };  // one of the two

using StatementNode = std::variant<CreateSource, AlterSource, CreateType, InsertValues, InsertSelect, QueryStatement,
                                   Show, Describe, Explain, Drop, Terminate, Print, SetProperty,
                                   UnsetProperty, DefineVariable, UndefineVariable>;

struct Statement {
  StatementNode node;
  Position pos;
  std::string text;  // the statement's source text, without the trailing ';'
};

std::string to_sql(const Query& query);
std::string to_sql(const Statement& statement);

}  // namespace tributary::sql
