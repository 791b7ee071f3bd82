// The APIs this broker speaks and their version ranges. The table itself is
// generated from defs/*.def (api_table.cc in the build tree).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace tributary::protocol {

struct ApiInfo {
  int16_t key;
  std::string_view name;
  int16_t min_version;
  int16_t max_version;
  int16_t first_flexible_version;  // -1 when no version is flexible
};

// Every supported API, sorted by key.
std::span<const ApiInfo> all_apis();

// nullptr when the key is not supported.
const ApiInfo* find_api(int16_t api_key);

// True when api_key is supported at api_version.
bool is_supported(int16_t api_key, int16_t api_version);

// True when the version uses compact strings/arrays and tagged fields.
// Versions above the max count as flexible when the API has flexible
// versions, so the header of a too-new request can still be parsed and
// answered with UNSUPPORTED_VERSION. False for unknown keys.
bool is_flexible(int16_t api_key, int16_t api_version);

}  // namespace tributary::protocol
