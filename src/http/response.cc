#include "http/response.h"

namespace tributary::http {

Response json_response(const nlohmann::json& body, unsigned status) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  // Replace invalid UTF-8 rather than throw: a handler's bad string must not become a 500.
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response text_response(std::string body, unsigned status, std::string content_type) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

Response stream_response(std::string content_type, std::function<void(std::shared_ptr<StreamWriter>)> start,
                         unsigned status) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.stream = std::move(start);
  return r;
}

Response default_error(unsigned status, const std::string& message) {
  return json_response({{"error_code", status}, {"message", message}}, status);
}

Result<nlohmann::json> parse_json_body(const Request& request) {
  if (request.body.empty()) return Status::error(Errc::invalid_argument, "request body is empty, expected JSON");
  auto parsed = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    // Parse again with exceptions for the position and reason; only for the error message.
    try {
      nlohmann::json unused = nlohmann::json::parse(request.body);
      (void)unused;
    } catch (const nlohmann::json::parse_error& e) {
      return Status::error(Errc::invalid_argument, std::string("invalid JSON in request body: ") + e.what());
    }
    return Status::error(Errc::invalid_argument, "invalid JSON in request body");
  }
  return parsed;
}

const char* status_reason(unsigned status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "";
  }
}

}  // namespace tributary::http
