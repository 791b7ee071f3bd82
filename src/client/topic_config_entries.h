// Every configuration entry of a topic (DescribeConfigs), defaults included, with where each value
// comes from: what the console's topic page lists. topic_configs.h gives only the overrides.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "client/kafka_handle.h"

namespace tributary::client {

struct ConfigEntry {
  std::string name;
  std::optional<std::string> value;  // absent for sensitive entries
  bool is_default = false;
  bool read_only = false;
  bool sensitive = false;
  std::string source;  // "topic", "broker", "default", ...
};

Result<std::vector<ConfigEntry>> topic_config_entries(KafkaHandle& handle, const std::string& topic, int timeout_ms = 10000);

}  // namespace tributary::client
