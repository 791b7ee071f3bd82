#include "protocol/api_table.h"

#include <algorithm>

namespace tributary::protocol {

const ApiInfo* find_api(int16_t api_key) {
  auto apis = all_apis();
  auto it = std::lower_bound(apis.begin(), apis.end(), api_key,
                             [](const ApiInfo& info, int16_t key) { return info.key < key; });
  return it != apis.end() && it->key == api_key ? &*it : nullptr;
}

bool is_supported(int16_t api_key, int16_t api_version) {
  const ApiInfo* api = find_api(api_key);
  return api != nullptr && api_version >= api->min_version && api_version <= api->max_version;
}

bool is_flexible(int16_t api_key, int16_t api_version) {
  const ApiInfo* api = find_api(api_key);
  return api != nullptr && api->first_flexible_version >= 0 &&
         api_version >= api->first_flexible_version;
}

}  // namespace tributary::protocol
