#include "http/static_files.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <map>
#include <sstream>
#include <system_error>

namespace tributary::http {
namespace {

namespace fs = std::filesystem;

Response not_found(const std::string& path) {
  return default_error(404, "no such file: /" + path);
}

// `relative` resolved under `root`, or nullopt when it would leave the root.
std::optional<fs::path> resolve(const fs::path& root, const std::string& relative) {
  fs::path candidate = root;
  for (const auto& segment : split_path(relative)) {
    if (segment == "..") return std::nullopt;
    if (segment == "." ) continue;
    if (segment.find('\0') != std::string::npos || segment.find('/') != std::string::npos) return std::nullopt;
    candidate /= segment;
  }
  std::error_code ec;
  fs::path canonical_root = fs::weakly_canonical(root, ec);
  if (ec) return std::nullopt;
  fs::path canonical = fs::weakly_canonical(candidate, ec);
  if (ec) return std::nullopt;
  // Symlinks pointing out of the root are refused too.
  auto [root_end, _] = std::mismatch(canonical_root.begin(), canonical_root.end(), canonical.begin(), canonical.end());
  if (root_end != canonical_root.end()) return std::nullopt;
  return canonical;
}

Result<std::string> read_file(const fs::path& file, size_t max_bytes) {
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  if (ec) return Status::error(Errc::not_found, ec.message());
  if (size > max_bytes) return Status::error(Errc::too_large, "file too large to serve");
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::error(Errc::io_error, "cannot open file");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

std::string content_type_for(const fs::path& file) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},  {".htm", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},    {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"},          {".map", "application/json"},
      {".svg", "image/svg+xml"},              {".png", "image/png"},
      {".jpg", "image/jpeg"},                 {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},                  {".ico", "image/x-icon"},
      {".webp", "image/webp"},                {".woff", "font/woff"},
      {".woff2", "font/woff2"},               {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},  {".md", "text/markdown; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  auto it = types.find(file.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

Handler static_files_handler(StaticFilesOptions options) {
  return [options = std::move(options)](Request& request) -> Response {
    auto resolved = resolve(options.root, request.path_rest);
    if (!resolved) return not_found(request.path_rest);
    fs::path file = *resolved;
    std::error_code ec;
    if (fs::is_directory(file, ec)) file /= options.index;
    if (!fs::is_regular_file(file, ec)) {
      bool looks_like_route = fs::path(request.path_rest).extension().empty();
      if (!options.spa_fallback || !looks_like_route) return not_found(request.path_rest);
      file = options.root / options.index;
    }
    auto content = read_file(file, options.max_file_bytes);
    if (!content.ok()) {
      return content.status().code() == Errc::too_large ? default_error(413, content.status().message())
                                                        : not_found(request.path_rest);
    }
    Response r = text_response(std::move(*content), 200, content_type_for(file));
    // Hashed asset names could be cached forever; the index must always be revalidated.
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
  };
}

}  // namespace tributary::http
