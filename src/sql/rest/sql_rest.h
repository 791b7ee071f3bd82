// ksqlDB's REST API over a SqlService, with ksqlDB's request and response shapes so its CLI,
// clients and scripts work unchanged: /ksql, /query, /query-stream, /inserts-stream, /close-query,
// /info, /healthcheck, /status/{commandId}.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "http/response.h"
#include "http/router.h"
#include "sql/rest/stream_threads.h"
#include "sql/server/sql_service.h"

namespace tributary::sql {

// Push queries that are streaming now, by query id, so /close-query can end them.
class PushRegistry {
 public:
  void add(const std::string& id, std::shared_ptr<PushSubscription> s);
  std::shared_ptr<PushSubscription> take(const std::string& id);

 private:
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<PushSubscription>> live_;
};

struct SqlRestContext {
  SqlService& service;
  PushRegistry pushes;
  StreamThreads streams;  // PRINT readers, joined when the context goes
};

void add_sql_routes(http::Router& router, SqlRestContext& ctx);

// ksqlDB's error body: {"@type": "generic_error"|"statement_error", "error_code": ..., "message": ...}.
http::Response ksql_error(unsigned status, int error_code, const std::string& message,
                          const std::string& statement_text = "", const nlohmann::json& entities = nullptr);
// For errors the HTTP library raises itself (404, 405, 413, bad requests).
http::Response ksql_http_error(unsigned status, const std::string& message);

// Endpoint groups, one file each.
void add_ksql_endpoint(http::Router& router, SqlRestContext& ctx);
void add_query_endpoints(http::Router& router, SqlRestContext& ctx);
void add_inserts_endpoint(http::Router& router, SqlRestContext& ctx);
void add_info_endpoints(http::Router& router, SqlRestContext& ctx);
// PRINT 'topic' on /query: the topic's records as text lines, streamed from a thread of their own.
http::Response run_print(SqlRestContext& ctx, const Print& print, const std::string& statement_text);

}  // namespace tributary::sql
