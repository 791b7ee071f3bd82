#include "console/web_assets.h"

#include <filesystem>

#include "console/api_util.h"
#include "console/web/embedded_assets.h"
#include "http/static_files.h"

namespace tributary::console {
namespace {

http::Response serve_file(const EmbeddedFile& file) {
  http::Response response;
  response.content_type = http::content_type_for(std::filesystem::path(std::string(file.path)));
  response.body = std::string(file.body);
  // The page is rebuilt into the binary: the browser must not keep an old copy across upgrades.
  response.headers.emplace_back("Cache-Control", "no-cache");
  return response;
}

http::Response asset(const http::Request& request) {
  std::string path = request.path_rest;
  if (path.empty()) path = "index.html";
  if (const EmbeddedFile* file = find_embedded_file(path)) return serve_file(*file);
  if (std::filesystem::path(path).extension().empty()) {
    if (const EmbeddedFile* index = find_embedded_file("index.html")) return serve_file(*index);
  }
  return error_response(404, "no such file: /" + path);
}

}  // namespace

void add_web_asset_routes(http::Router& router) {
  router.add("GET", "/", [](http::Request& r) { return asset(r); });
  router.add_prefix("GET", "/", [](http::Request& r) { return asset(r); });
}

}  // namespace tributary::console
