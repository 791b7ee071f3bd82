// Shared request parsing of the ksqlDB endpoints: {"ksql"|"sql": "...", "streamsProperties"|"properties": {...}}.
#pragma once

#include <map>
#include <string>

#include "http/request.h"
#include "http/response.h"

namespace tributary::sql {

struct KsqlRequest {
  std::string sql;
  std::map<std::string, std::string> properties;
};

// `sql_key` is "ksql" (/ksql, /query) or "sql" (/query-stream); either property key is accepted.
Result<KsqlRequest> parse_ksql_request(const http::Request& request, const char* sql_key);

}  // namespace tributary::sql
