// Serves files under a root directory (the web console's assets) from a prefix route.
// Paths are decoded and confined to the root; ".." never escapes it.
#pragma once

#include <filesystem>
#include <string>

#include "http/router.h"

namespace tributary::http {

struct StaticFilesOptions {
  std::filesystem::path root;
  std::string index = "index.html";  // served for directories
  // Single-page apps: unknown paths without an extension get the root index instead of 404.
  bool spa_fallback = false;
  size_t max_file_bytes = 64 * 1024 * 1024;
};

// A handler for Router::add_prefix("GET", "/prefix/", ...); it serves request.path_rest.
Handler static_files_handler(StaticFilesOptions options);

// "text/html; charset=utf-8" for "index.html", ... "application/octet-stream" when unknown.
std::string content_type_for(const std::filesystem::path& file);

}  // namespace tributary::http
