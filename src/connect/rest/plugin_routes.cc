// GET / (version and cluster id), the connector plugins, their config keys and validation.
#include "connect/rest/connect_rest.h"
#include "connect/rest/rest_json.h"
#include "connect/runtime/converter.h"

namespace tributary::connect::rest {
namespace {

using nlohmann::json;

// The Apache Kafka version whose Connect REST API this implements.
constexpr const char* kApiVersion = "3.7.0";

http::Response validate(Worker& worker, http::Request& req) {
  std::string plugin_name = req.param("plugin");
  const ConnectorPlugin* plugin = worker.plugins().find(plugin_name);
  if (!plugin)
    return error_response(404, "Failed to find any class that implements Connector and which name matches " +
                                   plugin_name);
  auto body = http::parse_json_body(req);
  if (!body.ok()) return error_response(400, body.status().message());
  auto config = config_from_json(*body);
  if (!config.ok()) return error_response(config.status());
  auto cls = config->find("connector.class");
  if (cls == config->end()) {
    (*config)["connector.class"] = plugin->class_name;
  } else if (worker.plugins().find(cls->second) != plugin) {
    return error_response(400, "Connector class in the body (" + cls->second +
                                   ") does not match the plugin in the URL (" + plugin_name + ")");
  }
  return http::json_response(config_infos_json(validate_connector_config(*plugin, *config)));
}

}  // namespace

void add_plugin_routes(http::Router& router, Worker& worker) {
  router.add("GET", "/", [&worker](http::Request&) {
    return http::json_response(
        {{"version", kApiVersion}, {"commit", "tributary-0.1.0"}, {"kafka_cluster_id", worker.kafka_cluster_id()}});
  });
  router.add("GET", "/connector-plugins", [&worker](http::Request& req) {
    json out = json::array();
    for (const auto& p : worker.plugins().all())
      out.push_back({{"class", p.class_name}, {"type", connector_type_name(p.type)}, {"version", p.version}});
    auto only = req.query.find("connectorsOnly");
    if (only != req.query.end() && only->second == "false")
      for (const auto& c : converter_classes())
        out.push_back({{"class", c}, {"type", "converter"}, {"version", kApiVersion}});
    return http::json_response(out);
  });
  router.add("GET", "/connector-plugins/{plugin}/config", [&worker](http::Request& req) {
    const ConnectorPlugin* plugin = worker.plugins().find(req.param("plugin"));
    if (!plugin) return error_response(404, "Unknown plugin " + req.param("plugin"));
    json out = json::array();
    int order = 1;
    for (const auto& key : plugin->config_def().keys()) out.push_back(config_key_json(key, order++));
    return http::json_response(out);
  });
  router.add("PUT", "/connector-plugins/{plugin}/config/validate",
             [&worker](http::Request& req) { return validate(worker, req); });
}

}  // namespace tributary::connect::rest
