#include "client/topic_configs.h"

#include "client/topic_config_entries.h"

namespace tributary::client {

Result<std::map<std::string, std::string>> topic_config_overrides(KafkaHandle& handle, const std::string& topic,
                                                                  int timeout_ms) {
  auto entries = topic_config_entries(handle, topic, timeout_ms);
  if (!entries.ok()) return entries.status();
  std::map<std::string, std::string> out;
  for (const auto& e : *entries) {
    if (e.sensitive || e.is_default || e.source != "topic" || !e.value) continue;
    out[e.name] = *e.value;
  }
  return out;
}

}  // namespace tributary::client
