// Splits ksqlDB SQL text into tokens, skipping whitespace and comments (-- and /* */).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "sql/parser/token.h"

namespace tributary::sql {

// Resolves ${name}; returning nullopt keeps the variable as a token the parser turns into a
// Variable expression (so a later stage can substitute it).
using VariableResolver = std::function<std::optional<std::string>(const std::string& name)>;

// Tokenizes `text`. The result always ends with one TokenKind::end token. Errors (an unterminated
// string or comment, an unexpected character) carry line and column.
Result<std::vector<Token>> tokenize(std::string_view text, const VariableResolver& resolver = {});

}  // namespace tributary::sql
