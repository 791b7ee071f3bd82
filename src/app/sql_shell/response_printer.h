// Turns the JSON entities of ksqlDB's /ksql responses into the text the shell prints: tables for
// stream/table/query/topic/property/function lists, field lists for DESCRIBE, the command status
// message for DDL. Unknown entity types are printed as indented JSON rather than dropped.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace tributary::app::sql_shell {

// One element of the /ksql response array.
std::string format_entity(const nlohmann::json& entity);

// A column type from a field's "schema" ({"type":"ARRAY","memberSchema":{...}} -> "ARRAY<INTEGER>").
std::string format_schema(const nlohmann::json& schema);

// How one value of a query row reads in a table cell (strings bare, everything else as JSON).
std::string cell_text(const nlohmann::json& value);

}  // namespace tributary::app::sql_shell
