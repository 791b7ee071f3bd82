#include "console/overview.h"

#include "client/cluster_metadata.h"
#include "console/api_util.h"

namespace tributary::console {
namespace {

nlohmann::json connectors_summary(const http::Upstream& connect) {
  nlohmann::json out = {{"total", 0}, {"running", 0}, {"failed", 0}, {"paused", 0}, {"available", false}};
  auto reply = connect.call("GET", "/connectors?expand=status", {}, 3000);
  if (!reply.ok() || reply->status != 200) return out;
  auto body = nlohmann::json::parse(reply->body, nullptr, false);
  if (!body.is_object()) return out;
  int total = 0, running = 0, failed = 0, paused = 0;
  for (const auto& [name, entry] : body.items()) {
    ++total;
    std::string state = entry.value("/status/connector/state"_json_pointer, std::string());
    // A connector counts as failed when it or any of its tasks failed.
    bool task_failed = false;
    if (auto tasks = entry.find("status"); tasks != entry.end() && tasks->contains("tasks") && (*tasks)["tasks"].is_array())
      for (const auto& t : (*tasks)["tasks"]) task_failed = task_failed || (t.is_object() && t.value("state", "") == "FAILED");
    if (state == "FAILED" || task_failed) ++failed;
    else if (state == "PAUSED") ++paused;
    else if (state == "RUNNING") ++running;
  }
  return {{"total", total}, {"running", running}, {"failed", failed}, {"paused", paused}, {"available", true}};
}

nlohmann::json queries_summary(const http::Upstream& sql) {
  nlohmann::json out = {{"total", 0}, {"running", 0}, {"available", false}};
  auto reply = sql.call("POST", "/ksql", R"({"ksql": "SHOW QUERIES;", "streamsProperties": {}})", 3000);
  if (!reply.ok() || reply->status != 200) return out;
  auto body = nlohmann::json::parse(reply->body, nullptr, false);
  if (!body.is_array() || body.empty() || !body[0].is_object() || !body[0].contains("queries")) return out;
  int total = 0, running = 0;
  for (const auto& q : body[0]["queries"]) {
    ++total;
    if (!q.is_object() || !q.contains("state") || q.value("state", "") == "RUNNING") ++running;
  }
  return {{"total", total}, {"running", running}, {"available", true}};
}

http::Response overview(ConsoleContext& ctx) {
  auto cluster = client::describe_cluster(*ctx.admin);
  if (!cluster.ok()) return error_response(cluster.status());
  nlohmann::json brokers = nlohmann::json::array();
  for (const auto& b : cluster->brokers) brokers.push_back({{"id", b.id}, {"host", b.host}, {"port", b.port}});
  size_t partitions = 0, internal = 0;
  for (const auto& t : cluster->topics) {
    partitions += t.partitions.size();
    internal += is_internal_topic(t.name) ? 1 : 0;
  }
  auto connectors = connectors_summary(ctx.connect);
  auto queries = queries_summary(ctx.sql);
  return http::json_response(
      {{"cluster", {{"bootstrap", ctx.bootstrap}, {"brokers", std::move(brokers)}, {"controller_id", cluster->controller_id}}},
       {"topics", cluster->topics.size()},
       {"partitions", partitions},
       {"internal_topics", internal},
       // Offsets say how many records arrive, not how many bytes: -1 (unknown) for bytes.
       {"throughput", {{"records_in_per_sec", ctx.series->total_rate()}, {"bytes_in_per_sec", -1}}},
       {"connectors", connectors},
       {"queries", queries},
       {"services", {{"connect", connectors["available"]}, {"sql", queries["available"]}}}});
}

}  // namespace

void add_overview_routes(http::Router& router, ConsoleContext& ctx) {
  router.add("GET", "/api/overview", [&ctx](http::Request&) { return overview(ctx); });
}

}  // namespace tributary::console
