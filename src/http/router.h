// Maps method + path to a handler. Patterns are literal segments and `{name}` captures
// ("/connectors/{name}/status"); prefix routes take every path under a prefix ("/static/").
// Exact and captured routes win over prefix routes; among prefix routes the longest prefix wins.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace tributary::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  // `method` is "GET", "POST", ... or "*" for any. HEAD requests also match GET routes.
  void add(std::string method, const std::string& pattern, Handler handler);
  void add_prefix(std::string method, std::string prefix, Handler handler);

  enum class Outcome { matched, not_found, method_not_allowed };
  struct Match {
    Outcome outcome = Outcome::not_found;
    const Handler* handler = nullptr;
    std::string route;  // the pattern that matched (the metrics label), "" when none
    std::string allow;  // for method_not_allowed: "GET, POST"
  };
  // Fills request.path_params / path_rest when a route matches.
  Match match(Request& request) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "{x}" = capture
    bool prefix = false;
    Handler handler;
  };
  static bool method_matches(const std::string& route_method, const std::string& method);
  bool path_matches(const Route& route, const std::vector<std::string>& segments, Request* fill) const;

  std::vector<Route> routes_;
};

// "/a/b%2Fc/" -> {"a", "b/c"} (decoded, empty segments dropped).
std::vector<std::string> split_path(const std::string& raw_path);

}  // namespace tributary::http
