// The connector classes a worker can run, found by full class name or short alias.
//
// Threads: filled before the worker starts; read-only afterwards.
#pragma once

#include <string>
#include <vector>

#include "connect/api/connector.h"

namespace tributary::connect {

class PluginRegistry {
 public:
  void add(ConnectorPlugin plugin) { plugins_.push_back(std::move(plugin)); }
  // By class name, alias, or class name without its package ("FileStreamSinkConnector").
  const ConnectorPlugin* find(const std::string& name) const;
  const std::vector<ConnectorPlugin>& all() const { return plugins_; }
  std::vector<std::string> class_names() const;

 private:
  std::vector<ConnectorPlugin> plugins_;
};

}  // namespace tributary::connect
