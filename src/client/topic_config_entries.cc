#include "client/topic_config_entries.h"

#include <algorithm>

namespace tributary::client {
namespace {

std::string source_name(rd_kafka_ConfigSource_t source) {
  switch (source) {
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG: return "topic";
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_BROKER_CONFIG: return "broker";
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG: return "cluster";
    case RD_KAFKA_CONFIG_SOURCE_STATIC_BROKER_CONFIG: return "broker_static";
    case RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG: return "default";
    default: return "unknown";
  }
}

}  // namespace

Result<std::vector<ConfigEntry>> topic_config_entries(KafkaHandle& handle, const std::string& topic, int timeout_ms) {
  AdminCall call(handle.get(), RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, timeout_ms);
  rd_kafka_ConfigResource_t* resource = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.c_str());
  rd_kafka_DescribeConfigs(handle.get(), &resource, 1, call.options(), call.queue());
  rd_kafka_ConfigResource_destroy(resource);
  auto event = call.wait("describe configs of " + topic);
  if (!event.ok()) return event.status();
  size_t count = 0;
  const rd_kafka_ConfigResource_t** resources =
      rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(*event), &count);
  std::vector<ConfigEntry> out;
  if (count == 0) return out;
  if (rd_kafka_resp_err_t err = rd_kafka_ConfigResource_error(resources[0]))
    return kafka_status(err, "describe configs of " + topic);
  size_t n = 0;
  const rd_kafka_ConfigEntry_t** entries = rd_kafka_ConfigResource_configs(resources[0], &n);
  for (size_t i = 0; i < n; ++i) {
    const rd_kafka_ConfigEntry_t* e = entries[i];
    ConfigEntry entry;
    entry.name = rd_kafka_ConfigEntry_name(e);
    entry.sensitive = rd_kafka_ConfigEntry_is_sensitive(e) != 0;
    const char* value = rd_kafka_ConfigEntry_value(e);
    if (value && !entry.sensitive) entry.value = value;
    entry.is_default = rd_kafka_ConfigEntry_is_default(e) != 0;
    entry.read_only = rd_kafka_ConfigEntry_is_read_only(e) != 0;
    entry.source = source_name(rd_kafka_ConfigEntry_source(e));
    out.push_back(std::move(entry));
  }
  std::sort(out.begin(), out.end(), [](const ConfigEntry& a, const ConfigEntry& b) { return a.name < b.name; });
  return out;
}

}  // namespace tributary::client
