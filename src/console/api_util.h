// Helpers every API area shares: the error body, Status -> HTTP status, and checked reading of
// query parameters and JSON fields, so bad input always becomes a 400 that names the field.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "common/status.h"
#include "http/request.h"
#include "http/response.h"

namespace tributary::console {

// {"error_code": status, "message": message} (the contract's error shape).
http::Response error_response(unsigned status, const std::string& message);
// not_found -> 404, invalid_argument -> 400, already_exists -> 409, timed_out -> 504, others -> 502
// (the Kafka cluster or a proxied service failed, not the console).
http::Response error_response(const Status& status);

// A query parameter as an integer within [min, max]; `fallback` when absent. invalid_argument naming
// the parameter otherwise.
Result<int64_t> int_param(const http::Request& request, const std::string& name, int64_t fallback, int64_t min, int64_t max);

// Field access on a parsed JSON body: invalid_argument naming the field when its type is wrong.
Result<std::optional<std::string>> optional_string(const nlohmann::json& body, const std::string& field);
Result<std::optional<int64_t>> optional_int(const nlohmann::json& body, const std::string& field, int64_t min, int64_t max);
// The body as a JSON object, or invalid_argument.
Result<nlohmann::json> json_object_body(const http::Request& request);

// Topic names as Kafka allows them: 1-249 of [a-zA-Z0-9._-], not "." or "..".
bool valid_topic_name(const std::string& name);

}  // namespace tributary::console
