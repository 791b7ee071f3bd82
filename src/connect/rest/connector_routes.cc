// /connectors: list (with ?expand=status,info), create, read, replace config, delete.
#include <set>

#include "connect/rest/connect_rest.h"
#include "connect/rest/rest_json.h"

namespace tributary::connect::rest {
namespace {

using nlohmann::json;

http::Response list_connectors(Worker& worker, http::Request& req) {
  std::set<std::string> expand;
  for (const auto& v : query_values(req, "expand"))
    for (const auto& item : split_config_list(v)) expand.insert(item);
  auto names = worker.connector_names();
  if (expand.empty()) return http::json_response(names);
  json out = json::object();
  for (const auto& name : names) {
    json entry = json::object();
    if (expand.count("status")) {
      auto status = worker.status(name);
      if (status.ok()) entry["status"] = status_json(*status);
    }
    if (expand.count("info")) {
      auto info = worker.info(name);
      if (info.ok()) entry["info"] = info_json(*info);
    }
    out[name] = entry;
  }
  return http::json_response(out);
}

http::Response create_connector(Worker& worker, http::Request& req) {
  auto body = http::parse_json_body(req);
  if (!body.ok()) return error_response(400, body.status().message());
  if (!body->is_object()) return error_response(400, "Request body must be a JSON object");
  std::string name = body->value("name", "");
  if (name.empty() || !(*body)["name"].is_string()) return error_response(400, "Connector name must be specified");
  if (name.find('/') != std::string::npos) return error_response(400, "Connector name may not contain '/'");
  if (!body->contains("config") || !(*body)["config"].is_object())
    return error_response(400, "Connector config must be a JSON object under \"config\"");
  auto config = config_from_json((*body)["config"]);
  if (!config.ok()) return error_response(config.status());
  auto named = config->find("name");
  if (named != config->end() && named->second != name)
    return error_response(400, "Connector name configuration (" + named->second +
                                   ") doesn't match connector name in the URL (" + name + ")");
  bool created = false;
  auto info = worker.put_connector(name, *config, false, &created);
  if (!info.ok()) return error_response(info.status());
  http::Response r = http::json_response(info_json(*info), 201);
  r.headers.emplace_back("Location", "/connectors/" + name);
  return r;
}

http::Response put_config(Worker& worker, http::Request& req) {
  std::string name = req.param("name");
  auto body = http::parse_json_body(req);
  if (!body.ok()) return error_response(400, body.status().message());
  auto config = config_from_json(*body);
  if (!config.ok()) return error_response(config.status());
  auto named = config->find("name");
  if (named != config->end() && named->second != name)
    return error_response(400, "Connector name configuration (" + named->second +
                                   ") doesn't match connector name in the URL (" + name + ")");
  bool created = false;
  auto info = worker.put_connector(name, *config, true, &created);
  if (!info.ok()) return error_response(info.status());
  http::Response r = http::json_response(info_json(*info), created ? 201 : 200);
  if (created) r.headers.emplace_back("Location", "/connectors/" + name);
  return r;
}

}  // namespace

void add_connector_routes(http::Router& router, Worker& worker) {
  router.add("GET", "/connectors", [&worker](http::Request& req) { return list_connectors(worker, req); });
  router.add("POST", "/connectors", [&worker](http::Request& req) { return create_connector(worker, req); });
  router.add("GET", "/connectors/{name}", [&worker](http::Request& req) {
    auto info = worker.info(req.param("name"));
    return info.ok() ? http::json_response(info_json(*info)) : error_response(info.status());
  });
  router.add("GET", "/connectors/{name}/config", [&worker](http::Request& req) {
    auto info = worker.info(req.param("name"));
    return info.ok() ? http::json_response(info->config) : error_response(info.status());
  });
  router.add("PUT", "/connectors/{name}/config", [&worker](http::Request& req) { return put_config(worker, req); });
  router.add("DELETE", "/connectors/{name}", [&worker](http::Request& req) {
    Status s = worker.delete_connector(req.param("name"));
    return s.ok() ? no_content() : error_response(s);
  });
}

void add_connect_routes(http::Router& router, Worker& worker) {
  add_plugin_routes(router, worker);
  add_connector_routes(router, worker);
  add_lifecycle_routes(router, worker);
}

}  // namespace tributary::connect::rest
