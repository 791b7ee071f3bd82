// EXTRACTJSONFIELD's JSONPath subset ($.a.b, $.a[0], $['a']) evaluated over raw JSON text, so
// that numbers come back exactly as written ("1.23450" stays "1.23450").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tributary::sql::fn {

// The selected node: a string's contents unquoted, any other node as its JSON text without
// insignificant whitespace. nullopt when the path selects nothing, the node is JSON null, or the
// text or path is malformed.
std::optional<std::string> extract_json_path(std::string_view json, std::string_view path);

}  // namespace tributary::sql::fn
