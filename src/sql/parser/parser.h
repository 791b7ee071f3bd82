// Public entry points of the ksqlDB-dialect parser: SQL text in, AST (or a positioned error) out.
#pragma once

#include <string_view>
#include <vector>

#include "common/status.h"
#include "sql/parser/ast_statement.h"
#include "sql/parser/lexer.h"

namespace tributary::sql {

// Parses exactly one statement; a trailing ';' is allowed. Errors read like ksqlDB's:
// "line 1:15: mismatched input 'FROM' expecting an expression".
Result<Statement> parse_statement(std::string_view text, const VariableResolver& resolver = {});

// Parses ';'-separated statements; each keeps its own source text and position.
Result<std::vector<Statement>> parse_script(std::string_view text, const VariableResolver& resolver = {});

// Parses a lone expression (for tests and for tools that evaluate expressions).
Result<ExprPtr> parse_expression(std::string_view text);

}  // namespace tributary::sql
