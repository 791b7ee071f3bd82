// What a handler returns: a complete body, or a stream started once the status line is decided.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "http/request.h"

namespace tributary::http {

class StreamWriter;

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  std::string body;
  // When set, the response is sent with chunked transfer encoding and `body` is ignored. The server
  // calls it exactly once, on an I/O thread, with a writer the handler may keep and write to from any
  // thread. It must return quickly (hand the writer to a producer thread).
  std::function<void(std::shared_ptr<StreamWriter>)> stream;
};

Response json_response(const nlohmann::json& body, unsigned status = 200);
Response text_response(std::string body, unsigned status = 200, std::string content_type = "text/plain; charset=utf-8");
Response stream_response(std::string content_type, std::function<void(std::shared_ptr<StreamWriter>)> start,
                         unsigned status = 200);

// The JSON error body the library uses for its own errors (404, 405, 413, 400, 500) unless the server
// is given another formatter: {"error_code": <status>, "message": "..."} (Kafka Connect's shape).
using ErrorFormatter = std::function<Response(unsigned status, const std::string& message)>;
Response default_error(unsigned status, const std::string& message);

// The request body as JSON; an invalid_argument Status naming the parse error otherwise.
Result<nlohmann::json> parse_json_body(const Request& request);

const char* status_reason(unsigned status);

}  // namespace tributary::http
