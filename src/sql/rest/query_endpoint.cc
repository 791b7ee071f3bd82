// POST /query (ksqlDB's v1 shape), POST /query-stream (the v2 shape, JSON array or delimited
// lines), POST /close-query. Pull queries answer at once; push queries stream rows until the
// client disconnects, LIMIT is reached or /close-query ends them.
// PRINT on /query or /query-stream goes to print_endpoint.cc.
#include <atomic>
#include <charconv>
#include <iterator>

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

// Marks a pull query one worker forwarded to another, which answers it itself; with the tasks
// header, for those tasks of a query run as tasks only.
constexpr char kForwardedHeader[] = "x-tributary-forwarded";
constexpr char kTasksHeader[] = "x-tributary-tasks";

std::string join_tasks(const std::vector<int32_t>& tasks) {
  std::string out;
  for (int32_t t : tasks) out += (out.empty() ? "" : ",") + std::to_string(t);
  return out;
}

std::optional<std::vector<int32_t>> parse_tasks(const std::string& text) {
  std::vector<int32_t> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(',', pos);
    if (end == std::string::npos) end = text.size();
    int32_t t = 0;
    auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + end, t);
    if (ec != std::errc() || ptr != text.data() + end || t < 0) return std::nullopt;
    out.push_back(t);
    pos = end + 1;
  }
  return out;
}

// The rows another worker keeps for `tasks`, asked in the v2 JSON shape (an array: the header,
// then one array of columns per row).
Result<std::vector<PushRow>> remote_rows(const std::string& url, const std::vector<int32_t>& tasks,
                                         const Statement& statement, const KsqlRequest& body) {
  http::Upstream worker("sql", url);
  nlohmann::json request = {{"sql", statement.text}, {"properties", body.properties}};
  auto reply = worker.call("POST", "/query-stream", request.dump(), 30000,
                           {std::string(kForwardedHeader) + ": 1", std::string(kTasksHeader) + ": " + join_tasks(tasks)});
  if (!reply.ok()) return reply.status();
  auto parsed = nlohmann::json::parse(reply->body, nullptr, false);
  if (reply->status != 200 || !parsed.is_array() || parsed.empty()) {
    std::string message = parsed.is_object() && parsed.contains("message") && parsed["message"].is_string()
                              ? parsed["message"].get<std::string>()
                              : "status " + std::to_string(reply->status);
    return Status::error(Errc::io_error, "Pull query at " + url + " failed: " + message);
  }
  std::vector<PushRow> rows;
  for (std::size_t i = 1; i < parsed.size(); ++i) rows.push_back(PushRow{std::move(parsed[i]), false});
  return rows;
}

http::Response run_pull(SqlRestContext& ctx, http::Request& req, const Statement& statement, const KsqlRequest& body,
                        Shape shape) {
  bool forwarded = !req.header(kForwardedHeader).empty();
  PullRoute route;
  if (std::string tasks = req.header(kTasksHeader); forwarded && !tasks.empty()) {
    // Another worker gathers the rows of a query run as tasks: answer for the tasks it names.
    route.local_tasks = parse_tasks(tasks);
    if (!route.local_tasks) return ksql_error(400, 40000, "Bad " + std::string(kTasksHeader) + " header: " + tasks);
  } else {
    // A table kept by a query with state is current only where that query (or each of its tasks) runs.
    auto found = ctx.service.pull_route(statement);
    if (!found.ok()) return ksql_error(503, 50000, found.status().message(), statement.text);
    route = std::move(*found);
  }
  if (!route.here) {
    // Forwarded once only: a worker that has just given the query up does not pass it on again.
    if (forwarded)
      return ksql_error(503, 50000, "This server no longer runs the query; retry the pull query", statement.text);
    http::Upstream owner("sql", route.remote.begin()->first);
    auto whole = http::forward_whole(owner, req, req.target, {std::string(kForwardedHeader) + ": 1"}, 30000);
    if (!whole.ok()) return ksql_error(503, 50000, whole.status().message(), statement.text);
    return std::move(*whole);
  }
  auto result = ctx.service.pull(statement, body.properties, route.local_tasks);
  if (!result.ok()) {
    bool moved = result.status().code() == Errc::io_error;  // a task left this worker meanwhile
    return ksql_error(moved ? 503 : 400, moved ? 50000 : 40001, result.status().message(), statement.text);
  }
  std::vector<PushRow>& rows = result->second;
  for (const auto& [url, tasks] : route.remote) {
    auto more = remote_rows(url, tasks, statement, body);
    if (!more.ok()) return ksql_error(503, 50000, more.status().message(), statement.text);
    std::move(more->begin(), more->end(), std::back_inserter(rows));
  }
  const auto& limit = std::get<QueryStatement>(statement.node).query.limit;
  if (limit && rows.size() > static_cast<std::size_t>(*limit)) rows.resize(static_cast<std::size_t>(*limit));
  std::string out = header_chunk(result->first, shape);
  for (const auto& row : rows) out += row_chunk(row, shape);
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
