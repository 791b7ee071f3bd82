#include "connect/api/plugin_registry.h"

#include <algorithm>

namespace tributary::connect {

const ConnectorPlugin* PluginRegistry::find(const std::string& name) const {
  for (const auto& p : plugins_) {
    if (p.class_name == name) return &p;
    if (std::find(p.aliases.begin(), p.aliases.end(), name) != p.aliases.end()) return &p;
    auto dot = p.class_name.rfind('.');
    if (dot != std::string::npos && p.class_name.substr(dot + 1) == name) return &p;
  }
  return nullptr;
}

std::vector<std::string> PluginRegistry::class_names() const {
  std::vector<std::string> out;
  for (const auto& p : plugins_) out.push_back(p.class_name);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace tributary::connect
