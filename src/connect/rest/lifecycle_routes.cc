// Status, tasks, restart, pause/resume/stop, active topics and offsets of one connector.
#include <charconv>

#include "connect/rest/connect_rest.h"
#include "connect/rest/rest_json.h"

namespace tributary::connect::rest {
namespace {

using nlohmann::json;

std::optional<int> task_id(const http::Request& req) {
  std::string text = req.param("task");
  int id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return id;
}

http::Response restart(Worker& worker, http::Request& req) {
  std::string name = req.param("name");
  bool include_tasks = query_flag(req, "includeTasks");
  bool only_failed = query_flag(req, "onlyFailed");
  Status s = worker.restart_connector(name, include_tasks, only_failed);
  if (!s.ok()) return error_response(s);
  // The plain form answers 204; the KIP-745 form (either flag) 202 with the states after the restart.
  if (!include_tasks && !only_failed) return no_content();
  auto status = worker.status(name);
  if (!status.ok()) return error_response(status.status());
  return http::json_response(status_json(*status), 202);
}

http::Response target_state(Worker& worker, http::Request& req, TargetState state, unsigned ok_status) {
  Status s = worker.set_target_state(req.param("name"), state);
  return s.ok() ? no_content(ok_status) : error_response(s);
}

}  // namespace

void add_lifecycle_routes(http::Router& router, Worker& worker) {
  router.add("GET", "/connectors/{name}/status", [&worker](http::Request& req) {
    auto status = worker.status(req.param("name"));
    return status.ok() ? http::json_response(status_json(*status)) : error_response(status.status());
  });
  router.add("GET", "/connectors/{name}/tasks", [&worker](http::Request& req) {
    std::string name = req.param("name");
    auto configs = worker.task_configs(name);
    if (!configs.ok()) return error_response(configs.status());
    json out = json::array();
    for (size_t i = 0; i < configs->size(); ++i)
      out.push_back({{"id", {{"connector", name}, {"task", i}}}, {"config", (*configs)[i]}});
    return http::json_response(out);
  });
  router.add("GET", "/connectors/{name}/tasks/{task}/status", [&worker](http::Request& req) {
    auto id = task_id(req);
    if (!id) return error_response(404, "Task " + req.param("task") + " not found");
    auto state = worker.task_status(req.param("name"), *id);
    return state.ok() ? http::json_response(task_state_json(*id, *state)) : error_response(state.status());
  });
  router.add("POST", "/connectors/{name}/restart", [&worker](http::Request& req) { return restart(worker, req); });
  router.add("POST", "/connectors/{name}/tasks/{task}/restart", [&worker](http::Request& req) {
    auto id = task_id(req);
    if (!id) return error_response(404, "Task " + req.param("task") + " not found");
    Status s = worker.restart_task(req.param("name"), *id);
    return s.ok() ? no_content() : error_response(s);
  });
  router.add("PUT", "/connectors/{name}/pause",
             [&worker](http::Request& req) { return target_state(worker, req, TargetState::paused, 202); });
  router.add("PUT", "/connectors/{name}/resume",
             [&worker](http::Request& req) { return target_state(worker, req, TargetState::started, 202); });
  router.add("PUT", "/connectors/{name}/stop",
             [&worker](http::Request& req) { return target_state(worker, req, TargetState::stopped, 204); });
  router.add("GET", "/connectors/{name}/topics", [&worker](http::Request& req) {
    std::string name = req.param("name");
    auto topics = worker.active_topics(name);
    if (!topics.ok()) return error_response(topics.status());
    return http::json_response({{name, {{"topics", *topics}}}});
  });
  router.add("PUT", "/connectors/{name}/topics/reset", [&worker](http::Request& req) {
    Status s = worker.reset_active_topics(req.param("name"));
    return s.ok() ? no_content(200) : error_response(s);
  });
  router.add("GET", "/connectors/{name}/offsets", [&worker](http::Request& req) {
    std::string name = req.param("name");
    auto info = worker.info(name);
    if (!info.ok()) return error_response(info.status());
    if (info->type == ConnectorType::sink)
      return error_response(501, "Reading a sink connector's offsets is not supported yet; use `tributary groups "
                                 "describe connect-" + name + "`");
    auto offsets = worker.source_offsets(name);
    if (!offsets.ok()) return error_response(offsets.status());
    json out = json::array();
    for (const auto& po : *offsets) out.push_back({{"partition", po.partition}, {"offset", po.offset}});
    return http::json_response({{"offsets", out}});
  });
  router.add("PATCH", "/connectors/{name}/offsets", [&worker](http::Request& req) {
    auto body = http::parse_json_body(req);
    if (!body.ok()) return error_response(400, body.status().message());
    if (!body->is_object() || !(*body)["offsets"].is_array())
      return error_response(400, "The request body must be {\"offsets\": [{\"partition\": ..., \"offset\": ...}]}");
    std::vector<PartitionOffset> offsets;
    for (const auto& item : (*body)["offsets"]) {
      if (!item.is_object() || !item.contains("partition") || !item["partition"].is_object())
        return error_response(400, "Every entry of offsets needs a partition object");
      offsets.push_back({item["partition"], item.value("offset", json())});
    }
    Status s = worker.alter_source_offsets(req.param("name"), offsets);
    return s.ok() ? http::json_response({{"message", "The offsets for this connector have been altered successfully"}})
                  : error_response(s);
  });
  router.add("DELETE", "/connectors/{name}/offsets", [&worker](http::Request& req) {
    Status s = worker.reset_source_offsets(req.param("name"));
    return s.ok() ? http::json_response({{"message", "The offsets for this connector have been reset successfully"}})
                  : error_response(s);
  });
}

}  // namespace tributary::connect::rest
