#include "connect/rest/rest_json.h"

#include <algorithm>

namespace tributary::connect::rest {

using nlohmann::json;

json info_json(const ConnectorInfo& info) {
  json tasks = json::array();
  for (int i = 0; i < info.task_count; ++i) tasks.push_back({{"connector", info.name}, {"task", i}});
  return {{"name", info.name}, {"config", info.config}, {"tasks", tasks}, {"type", connector_type_name(info.type)}};
}

json task_state_json(int id, const StateInfo& state) {
  json j = {{"id", id}, {"state", state.state}, {"worker_id", state.worker_id}};
  if (!state.trace.empty()) j["trace"] = state.trace;
  return j;
}

json status_json(const ConnectorStatus& status) {
  json connector = {{"state", status.connector.state}, {"worker_id", status.connector.worker_id}};
  if (!status.connector.trace.empty()) connector["trace"] = status.connector.trace;
  json tasks = json::array();
  for (const auto& [id, state] : status.tasks) tasks.push_back(task_state_json(id, state));
  return {{"name", status.name}, {"connector", connector}, {"tasks", tasks}, {"type", connector_type_name(status.type)}};
}

json config_key_json(const ConfigDefKey& key, int order) {
  return {{"name", key.name},
          {"type", type_name(key.type)},
          {"required", !key.default_value.has_value()},
          {"default_value", key.default_value ? json(*key.default_value) : json()},
          {"importance", importance_name(key.importance)},
          {"documentation", key.doc},
          {"group", key.group},
          {"width", "NONE"},
          {"display_name", key.name},
          {"dependents", json::array()},
          {"order", order}};
}

json config_infos_json(const ConfigInfos& infos) {
  json configs = json::array();
  std::vector<std::string> groups;
  for (size_t i = 0; i < infos.definitions.size(); ++i) {
    const auto& def = infos.definitions[i];
    const auto& value = infos.values[i];
    if (std::find(groups.begin(), groups.end(), def.group) == groups.end()) groups.push_back(def.group);
    json v = {{"name", value.name},
              {"value", value.value ? json(*value.value) : json()},
              {"recommended_values", value.recommended},
              {"errors", value.errors},
              {"visible", true}};
    configs.push_back({{"definition", config_key_json(def, static_cast<int>(i) + 1)}, {"value", v}});
  }
  return {{"name", infos.class_name}, {"error_count", infos.error_count}, {"groups", groups}, {"configs", configs}};
}

http::Response error_response(unsigned status, const std::string& message) {
  return http::json_response({{"error_code", status}, {"message", message}}, status);
}

http::Response error_response(const Status& status) {
  unsigned code = 500;
  switch (status.code()) {
    case Errc::not_found: code = 404; break;
    case Errc::already_exists: code = 409; break;
    case Errc::invalid_argument: code = 400; break;
    case Errc::timed_out: code = 503; break;
    case Errc::unsupported: code = 501; break;
    default: break;
  }
  return error_response(code, status.message());
}

http::Response no_content(unsigned status) {
  http::Response r;
  r.status = status;
  r.body.clear();
  return r;
}

Result<Config> config_from_json(const json& body) {
  if (!body.is_object()) return Status::error(Errc::invalid_argument, "Connector configuration must be a JSON object");
  Config config;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const json& v = it.value();
    if (v.is_string()) config[it.key()] = v.get<std::string>();
    else if (v.is_number() || v.is_boolean()) config[it.key()] = v.dump();
    else if (v.is_null()) continue;
    else return Status::error(Errc::invalid_argument, "Invalid value for configuration " + it.key() + ": must be a string");
  }
  return config;
}

std::vector<std::string> query_values(const http::Request& request, const std::string& name) {
  std::vector<std::string> out;
  auto q = request.target.find('?');
  if (q == std::string::npos) return out;
  std::string query = request.target.substr(q + 1);
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string::npos) amp = query.size();
    std::string pair = query.substr(start, amp - start);
    auto eq = pair.find('=');
    if (http::url_decode(pair.substr(0, eq), true) == name && eq != std::string::npos)
      out.push_back(http::url_decode(pair.substr(eq + 1), true));
    start = amp + 1;
  }
  return out;
}

bool query_flag(const http::Request& request, const std::string& name) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return false;
  std::string v = it->second;
  std::transform(v.begin(), v.end(), v.begin(), ::tolower);
  return v == "true" || v.empty();
}

}  // namespace tributary::connect::rest
