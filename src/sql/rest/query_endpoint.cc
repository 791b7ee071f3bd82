// POST /query (ksqlDB's v1 shape), POST /query-stream (the v2 shape, JSON array or delimited
// lines), POST /close-query. Pull queries answer at once; push queries stream rows until the
// client disconnects, LIMIT is reached or /close-query ends them.
// PRINT on /query or /query-stream goes to print_endpoint.cc.
#include <atomic>

#include "http/stream_writer.h"
#include "http/upstream.h"
#include "sql/rest/request_util.h"
#include "sql/rest/sql_rest.h"

namespace tributary::sql {
namespace {

enum class Shape { v1, v2_json, v2_delimited };

std::string schema_text(const QueryHeader& h) {
  std::string s;
  for (std::size_t i = 0; i < h.column_names.size(); ++i) {
    if (i) s += ", ";
    s += "`" + h.column_names[i] + "` " + h.column_types[i];
  }
  return s;
}

std::string header_chunk(const QueryHeader& h, Shape shape) {
  if (shape == Shape::v1) {
    return "[" + nlohmann::json({{"header", {{"queryId", h.query_id}, {"schema", schema_text(h)}}}}).dump() + ",\n";
  }
  nlohmann::json j = {{"queryId", h.query_id}, {"columnNames", h.column_names}, {"columnTypes", h.column_types}};
  return shape == Shape::v2_delimited ? j.dump() + "\n" : "[" + j.dump();
}

std::string row_chunk(const PushRow& row, Shape shape) {
  if (shape == Shape::v1) {
    nlohmann::json r = {{"columns", row.columns}};
    if (row.tombstone) r["tombstone"] = true;
    return nlohmann::json({{"row", r}}).dump() + ",\n";
  }
  return shape == Shape::v2_delimited ? row.columns.dump() + "\n" : "," + row.columns.dump();
}

std::string end_chunk(Shape shape) {
  if (shape == Shape::v2_delimited) return "";
  return "]";
}

const char* content_type(Shape shape) {
  return shape == Shape::v2_delimited ? "application/vnd.ksqlapi.delimited.v1"
         : shape == Shape::v1         ? "application/vnd.ksql.v1+json"
                                      : "application/json";
}

// Rows may arrive before the HTTP stream has started: they wait here, behind the header.
struct PushStream {
  std::mutex mu;
  std::shared_ptr<http::StreamWriter> writer;
  std::string pending;
  int64_t limit = -1;
  int64_t sent = 0;
  Shape shape = Shape::v1;

  void write(const std::string& chunk) {
    if (writer) {
      writer->write(chunk);
    } else {
      pending += chunk;
    }
  }
};

// Marks a pull query one worker forwarded to another, which answers it itself.
constexpr char kForwardedHeader[] = "x-tributary-forwarded";

http::Response run_pull(SqlRestContext& ctx, http::Request& req, const Statement& statement, const KsqlRequest& body,
                        Shape shape) {
  // A table kept by a query with state is current only on the worker running that query.
  auto target = ctx.service.pull_target(statement);
  if (!target.ok()) return ksql_error(503, 50000, target.status().message(), statement.text);
  if (*target) {
    // Forwarded once only: a worker that has just given the query up does not pass it on again.
    if (!req.header(kForwardedHeader).empty())
      return ksql_error(503, 50000, "This server no longer runs the query; retry the pull query", statement.text);
    http::Upstream owner("sql", **target);
    auto forwarded = http::forward_whole(owner, req, req.target, {std::string(kForwardedHeader) + ": 1"}, 30000);
    if (!forwarded.ok()) return ksql_error(503, 50000, forwarded.status().message(), statement.text);
    return std::move(*forwarded);
  }
  auto result = ctx.service.pull(statement, body.properties);
  if (!result.ok()) return ksql_error(400, 40001, result.status().message(), statement.text);
  std::string out = header_chunk(result->first, shape);
  for (const auto& row : result->second) out += row_chunk(row, shape);
  if (shape == Shape::v1) {
    out.erase(out.size() - 2);  // the last ",\n"
    out += "]";
  } else {
    out += end_chunk(shape);
  }
  http::Response r = http::text_response(std::move(out), 200, content_type(shape));
  return r;
}

http::Response run_push(SqlRestContext& ctx, const Statement& statement, const KsqlRequest& body, Shape shape) {
  auto stream = std::make_shared<PushStream>();
  stream->shape = shape;
  const auto& query = std::get<QueryStatement>(statement.node).query;
  if (query.limit) stream->limit = *query.limit;
  // The query owns the stream state until it is closed (the HTTP layer may drop its callback).
  auto on_row = [s = stream](const PushRow& row) {
    std::lock_guard lock(s->mu);
    if (s->limit >= 0 && s->sent >= s->limit) return;
    s->write(row_chunk(row, s->shape));
    if (++s->sent == s->limit && s->writer) {
      s->writer->write(end_chunk(s->shape));
      s->writer->close();
    }
  };
  auto subscription = ctx.service.push(statement, body.properties, on_row);
  if (!subscription.ok()) return ksql_error(400, 40001, subscription.status().message(), statement.text);
  std::shared_ptr<PushSubscription> sub = *subscription;
  std::string id = sub->header().query_id;
  {
    std::lock_guard lock(stream->mu);
    stream->pending.insert(0, header_chunk(sub->header(), shape));
  }
  ctx.pushes.add(id, sub);
  return http::stream_response(content_type(shape), [&ctx, stream, sub, id](std::shared_ptr<http::StreamWriter> w) {
    // Runs on an I/O thread when the client is gone or the stream ended: stop the query there.
    w->on_close([&ctx, sub, id] {
      ctx.pushes.take(id);
      sub->close();
    });
    std::lock_guard lock(stream->mu);
    stream->writer = w;
    w->write(stream->pending);
    stream->pending.clear();
    if (stream->limit >= 0 && stream->sent >= stream->limit) {
      w->write(end_chunk(stream->shape));
      w->close();
    }
  });
}

http::Response handle_query(SqlRestContext& ctx, http::Request& req, const char* sql_key, Shape shape) {
  auto body = parse_ksql_request(req, sql_key);
  if (!body.ok()) return ksql_error(400, 40000, body.status().message());
  auto statement = ctx.service.parse(body->sql);
  if (!statement.ok()) return ksql_error(400, 40001, statement.status().message(), body->sql);
  if (const auto* print = std::get_if<Print>(&statement->node)) return run_print(ctx, *print, statement->text);
  const auto* qs = std::get_if<QueryStatement>(&statement->node);
  if (!qs) {
    return ksql_error(400, 40002,
                      "The following statement types should be issued to the '/ksql' endpoint: " + statement->text,
                      statement->text);
  }
  if (qs->query.emit == Query::Emit::none) return run_pull(ctx, req, *statement, *body, shape);
  return run_push(ctx, *statement, *body, shape);
}

}  // namespace

void add_query_endpoints(http::Router& router, SqlRestContext& ctx) {
  router.add("POST", "/query", [&ctx](http::Request& req) { return handle_query(ctx, req, "ksql", Shape::v1); });
  router.add("POST", "/query-stream", [&ctx](http::Request& req) {
    bool delimited = req.header("accept").find("application/vnd.ksqlapi.delimited.v1") != std::string::npos;
    return handle_query(ctx, req, "sql", delimited ? Shape::v2_delimited : Shape::v2_json);
  });
  router.add("POST", "/close-query", [&ctx](http::Request& req) {
    auto body = http::parse_json_body(req);
    if (!body.ok() || !body->is_object() || !body->contains("queryId") || !(*body)["queryId"].is_string())
      return ksql_error(400, 40000, "The request body must be a JSON object with a string 'queryId' field");
    auto sub = ctx.pushes.take((*body)["queryId"].get<std::string>());
    if (!sub) return ksql_error(400, 40001, "No query with id " + (*body)["queryId"].get<std::string>());
    sub->close();
    return http::json_response(nlohmann::json::object());
  });
}

}  // namespace tributary::sql
