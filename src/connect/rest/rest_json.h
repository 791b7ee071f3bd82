// The JSON bodies of the Connect REST API, built from the worker's structs, and the error mapping.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "connect/runtime/connector_config.h"
#include "connect/runtime/worker.h"
#include "http/request.h"
#include "http/response.h"

namespace tributary::connect::rest {

nlohmann::json info_json(const ConnectorInfo& info);
nlohmann::json status_json(const ConnectorStatus& status);
nlohmann::json task_state_json(int id, const StateInfo& state);
nlohmann::json config_infos_json(const ConfigInfos& infos);
nlohmann::json config_key_json(const ConfigDefKey& key, int order);

// {"error_code": <status>, "message": ...}
http::Response error_response(unsigned status, const std::string& message);
// not_found -> 404, already_exists -> 409, invalid_argument -> 400, timed_out -> 503, unsupported -> 501, anything else -> 500.
http::Response error_response(const Status& status);
http::Response no_content(unsigned status = 204);

// A JSON object body of string values (numbers and booleans accepted as their text, as Connect does).
Result<Config> config_from_json(const nlohmann::json& body);

// Every value of a query parameter that may repeat (?expand=status&expand=info).
std::vector<std::string> query_values(const http::Request& request, const std::string& name);
bool query_flag(const http::Request& request, const std::string& name);  // ?x=true

}  // namespace tributary::connect::rest
