// One parsed HTTP request as handlers see it: plain standard types, no Beast.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tributary::http {

struct Request {
  std::string method;  // upper case, as sent: "GET", "POST", ...
  std::string target;  // raw request target: "/status/a%20b?x=1"
  std::string path;    // the target without its query, percent-decoded
  std::map<std::string, std::string> query;        // decoded query parameters (last one wins)
  std::map<std::string, std::string> path_params;  // {name} captures of the matched route
  std::string path_rest;                           // what follows the prefix of a prefix route
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote;  // "ip:port" of the client

  // The first header with this name (case-insensitive), or "" when absent.
  std::string header(std::string_view name) const;
  std::string param(const std::string& name) const;  // a path parameter, or ""
};

// Percent-decoding; `plus_as_space` for query strings. Invalid escapes are kept literally.
std::string url_decode(std::string_view text, bool plus_as_space);

// Splits a request target into decoded path and query parameters.
void parse_target(std::string_view target, std::string& path, std::map<std::string, std::string>& query);

}  // namespace tributary::http
