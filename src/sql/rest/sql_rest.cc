#include "sql/rest/sql_rest.h"

#include "http/observability.h"

namespace tributary::sql {

void PushRegistry::add(const std::string& id, std::shared_ptr<PushSubscription> s) {
  std::lock_guard lock(mu_);
  live_[id] = std::move(s);
}

std::shared_ptr<PushSubscription> PushRegistry::take(const std::string& id) {
  std::lock_guard lock(mu_);
  auto it = live_.find(id);
  if (it == live_.end()) return nullptr;
  auto s = std::move(it->second);
  live_.erase(it);
  return s;
}

http::Response ksql_error(unsigned status, int error_code, const std::string& message,
                          const std::string& statement_text, const nlohmann::json& entities) {
  nlohmann::json body = {{"@type", statement_text.empty() ? "generic_error" : "statement_error"},
                         {"error_code", error_code},
                         {"message", message}};
  if (!statement_text.empty()) {
    body["statementText"] = statement_text;
    body["entities"] = entities.is_null() ? nlohmann::json::array() : entities;
  }
  return http::json_response(body, status);
}

http::Response ksql_http_error(unsigned status, const std::string& message) {
  return ksql_error(status, static_cast<int>(status) * 100, message);
}

void add_sql_routes(http::Router& router, SqlRestContext& ctx) {
  add_ksql_endpoint(router, ctx);
  add_query_endpoints(router, ctx);
  add_inserts_endpoint(router, ctx);
  add_info_endpoints(router, ctx);
  http::add_observability_routes(router, [&ctx] {
    return ctx.service.running() ? http::ReadyState::ok()
                                 : http::ReadyState::waiting_for("sql: command log not replayed yet");
  });
}

}  // namespace tributary::sql
