// What the shell does with a statement: run it on /query-stream (queries), /query (PRINT),
// /ksql (everything else), or handle it client side (SET/UNSET properties, exit, help).
#pragma once

#include <string>

namespace tributary::app::sql_shell {

enum class StatementKind { query, print, ksql, set_property, unset_property, exit, help };

struct ClassifiedStatement {
  StatementKind kind = StatementKind::ksql;
  bool push = false;          // a query with EMIT CHANGES
  std::string property;       // SET / UNSET
  std::string value;          // SET
  std::string error;          // a malformed SET / UNSET
};

ClassifiedStatement classify_statement(const std::string& statement);

}  // namespace tributary::app::sql_shell
