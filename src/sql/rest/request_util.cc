#include "sql/rest/request_util.h"

namespace tributary::sql {

Result<KsqlRequest> parse_ksql_request(const http::Request& request, const char* sql_key) {
  auto body = http::parse_json_body(request);
  if (!body.ok()) return body.status();
  if (!body->is_object() || !body->contains(sql_key) || !(*body)[sql_key].is_string())
    return Status::error(Errc::invalid_argument, std::string("The request body must be a JSON object with a string '") +
                                                     sql_key + "' field");
  KsqlRequest out;
  out.sql = (*body)[sql_key].get<std::string>();
  for (const char* key : {"streamsProperties", "properties"}) {
    if (!body->contains(key) || !(*body)[key].is_object()) continue;
    for (const auto& [k, v] : (*body)[key].items()) out.properties[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  return out;
}

}  // namespace tributary::sql
