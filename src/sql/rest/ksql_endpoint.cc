// POST /ksql: statements other than queries, answered with one entity per statement.
#include "sql/rest/sql_rest.h"
#include "sql/rest/request_util.h"

namespace tributary::sql {
namespace {

nlohmann::json entity_json(const StatementResult& r) {
  nlohmann::json out = r.entity.is_object() ? r.entity : nlohmann::json::object();
  out["@type"] = r.type;
  out["statementText"] = r.statement_text;
  if (!out.contains("warnings")) out["warnings"] = nlohmann::json::array();
  return out;
}

}  // namespace

void add_ksql_endpoint(http::Router& router, SqlRestContext& ctx) {
  router.add("POST", "/ksql", [&ctx](http::Request& req) {
    auto body = parse_ksql_request(req, "ksql");
    if (!body.ok()) return ksql_error(400, 40000, body.status().message());
    std::optional<SqlError> error;
    auto results = ctx.service.execute(body->sql, body->properties, error);
    nlohmann::json entities = nlohmann::json::array();
    for (const auto& r : results) entities.push_back(entity_json(r));
    if (error) {
      unsigned status = error->error_code >= 50000 ? 500 : 400;
      return ksql_error(status, error->error_code, error->message, error->statement_text, entities);
    }
    return http::json_response(entities);
  });
}

}  // namespace tributary::sql
