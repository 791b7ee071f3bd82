#include "console/api_util.h"

#include <charconv>

namespace tributary::console {

http::Response error_response(unsigned status, const std::string& message) {
  return http::json_response({{"error_code", status}, {"message", message}}, status);
}

http::Response error_response(const Status& status) {
  switch (status.code()) {
    case Errc::not_found: return error_response(404, status.message());
    case Errc::invalid_argument:
    case Errc::out_of_range:
    case Errc::too_large: return error_response(400, status.message());
    case Errc::already_exists: return error_response(409, status.message());
    case Errc::timed_out: return error_response(504, status.message());
    default: return error_response(502, status.message());
  }
}

Result<int64_t> int_param(const http::Request& request, const std::string& name, int64_t fallback, int64_t min,
                          int64_t max) {
  auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty()) return fallback;
  int64_t value = 0;
  const std::string& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    return Status::error(Errc::invalid_argument, "query parameter '" + name + "' must be an integer, got '" + text + "'");
  if (value < min || value > max)
    return Status::error(Errc::invalid_argument, "query parameter '" + name + "' must be between " +
                                                     std::to_string(min) + " and " + std::to_string(max));
  return value;
}

Result<std::optional<std::string>> optional_string(const nlohmann::json& body, const std::string& field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return Status::error(Errc::invalid_argument, "field '" + field + "' must be a string");
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::optional<int64_t>> optional_int(const nlohmann::json& body, const std::string& field, int64_t min, int64_t max) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::optional<int64_t>();
  if (!it->is_number_integer()) return Status::error(Errc::invalid_argument, "field '" + field + "' must be an integer");
  int64_t value = it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)
                      ? INT64_MAX
                      : it->get<int64_t>();
  if (value < min || value > max)
    return Status::error(Errc::invalid_argument, "field '" + field + "' must be between " + std::to_string(min) +
                                                     " and " + std::to_string(max));
  return std::optional<int64_t>(value);
}

Result<nlohmann::json> json_object_body(const http::Request& request) {
  auto body = http::parse_json_body(request);
  if (!body.ok()) return body.status();
  if (!body->is_object()) return Status::error(Errc::invalid_argument, "the request body must be a JSON object");
  return body;
}

bool valid_topic_name(const std::string& name) {
  if (name.empty() || name.size() > 249 || name == "." || name == "..") return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace tributary::console
