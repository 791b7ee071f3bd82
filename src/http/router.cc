#include "http/router.h"

#include <algorithm>

namespace tributary::http {
namespace {

bool is_capture(const std::string& segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

std::string join_rest(const std::vector<std::string>& segments, size_t from) {
  std::string out;
  for (size_t i = from; i < segments.size(); ++i) {
    if (!out.empty()) out += '/';
    out += segments[i];
  }
  return out;
}

}  // namespace

std::vector<std::string> split_path(const std::string& raw_path) {
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= raw_path.size()) {
    size_t slash = raw_path.find('/', start);
    if (slash == std::string::npos) slash = raw_path.size();
    if (slash > start) segments.push_back(url_decode(std::string_view(raw_path).substr(start, slash - start), false));
    start = slash + 1;
  }
  return segments;
}

void Router::add(std::string method, const std::string& pattern, Handler handler) {
  routes_.push_back(Route{std::move(method), pattern, split_path(pattern), false, std::move(handler)});
}

void Router::add_prefix(std::string method, std::string prefix, Handler handler) {
  auto segments = split_path(prefix);
  routes_.push_back(Route{std::move(method), std::move(prefix), std::move(segments), true, std::move(handler)});
}

bool Router::method_matches(const std::string& route_method, const std::string& method) {
  return route_method == "*" || route_method == method || (method == "HEAD" && route_method == "GET");
}

bool Router::path_matches(const Route& route, const std::vector<std::string>& segments, Request* fill) const {
  if (route.prefix ? segments.size() < route.segments.size() : segments.size() != route.segments.size()) return false;
  for (size_t i = 0; i < route.segments.size(); ++i) {
    const std::string& want = route.segments[i];
    if (is_capture(want)) {
      if (fill) fill->path_params[want.substr(1, want.size() - 2)] = segments[i];
    } else if (want != segments[i]) {
      return false;
    }
  }
  if (fill && route.prefix) fill->path_rest = join_rest(segments, route.segments.size());
  return true;
}

Router::Match Router::match(Request& request) const {
  std::string raw_path = request.target.substr(0, request.target.find('?'));
  std::vector<std::string> segments = split_path(raw_path);

  // Best route: exact/captured before prefix; fewer captures first; longest prefix first.
  const Route* best = nullptr;
  auto rank = [](const Route& r) {
    long captures = std::count_if(r.segments.begin(), r.segments.end(), is_capture);
    return r.prefix ? 1'000'000L - static_cast<long>(r.segments.size()) : captures;
  };
  std::vector<std::string> allowed;
  for (const Route& route : routes_) {
    if (!path_matches(route, segments, nullptr)) continue;
    if (!method_matches(route.method, request.method)) {
      if (std::find(allowed.begin(), allowed.end(), route.method) == allowed.end()) allowed.push_back(route.method);
      continue;
    }
    if (!best || rank(route) < rank(*best)) best = &route;
  }
  Match m;
  if (best) {
    path_matches(*best, segments, &request);
    m.outcome = Outcome::matched;
    m.handler = &best->handler;
    m.route = best->pattern;
    return m;
  }
  if (!allowed.empty()) {
    m.outcome = Outcome::method_not_allowed;
    for (const auto& method : allowed) m.allow += (m.allow.empty() ? "" : ", ") + method;
  }
  return m;
}

}  // namespace tributary::http
