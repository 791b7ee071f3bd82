// GET /info, /healthcheck, /status/{commandId}: server identity and liveness in ksqlDB's shapes.
#include "sql/rest/sql_rest.h"

namespace tributary::sql {

void add_info_endpoints(http::Router& router, SqlRestContext& ctx) {
  router.add("GET", "/info", [&ctx](http::Request&) {
    return http::json_response({{"KsqlServerInfo",
                                 {{"version", "7.6.0-tributary"},
                                  {"kafkaClusterId", "tributary"},
                                  {"ksqlServiceId", ctx.service.options().service_id},
                                  {"serverStatus", ctx.service.running() ? "RUNNING" : "ERROR"}}}});
  });
  router.add("GET", "/healthcheck", [&ctx](http::Request&) {
    bool up = ctx.service.running();
    nlohmann::json details = {{"metastore", {{"isHealthy", up}}},
                              {"kafka", {{"isHealthy", up}}},
                              {"commandRunner", {{"isHealthy", up}}}};
    return http::json_response({{"isHealthy", up}, {"details", details}}, up ? 200 : 503);
  });
  // Statements run synchronously before /ksql answers, so every command is already done.
  router.add("GET", "/status/{commandId}", [](http::Request& req) {
    return http::json_response({{"status", "SUCCESS"}, {"message", "Command " + req.param("commandId") + " completed"}});
  });
}

}  // namespace tributary::sql
