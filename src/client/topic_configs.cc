#include "client/topic_configs.h"

namespace tributary::client {

Result<std::map<std::string, std::string>> topic_config_overrides(KafkaHandle& handle, const std::string& topic,
                                                                  int timeout_ms) {
  AdminCall call(handle.get(), RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, timeout_ms);
  rd_kafka_ConfigResource_t* resource = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.c_str());
  rd_kafka_DescribeConfigs(handle.get(), &resource, 1, call.options(), call.queue());
  rd_kafka_ConfigResource_destroy(resource);
  auto event = call.wait("describe configs of " + topic);
  if (!event.ok()) return event.status();
  const rd_kafka_DescribeConfigs_result_t* result = rd_kafka_event_DescribeConfigs_result(*event);
  size_t count = 0;
  const rd_kafka_ConfigResource_t** resources = rd_kafka_DescribeConfigs_result_resources(result, &count);
  std::map<std::string, std::string> out;
  if (count == 0) return out;
  if (rd_kafka_resp_err_t err = rd_kafka_ConfigResource_error(resources[0]))
    return kafka_status(err, "describe configs of " + topic);
  size_t n = 0;
  const rd_kafka_ConfigEntry_t** entries = rd_kafka_ConfigResource_configs(resources[0], &n);
  for (size_t i = 0; i < n; ++i) {
    const rd_kafka_ConfigEntry_t* e = entries[i];
    if (rd_kafka_ConfigEntry_is_sensitive(e) || rd_kafka_ConfigEntry_is_default(e)) continue;
    if (rd_kafka_ConfigEntry_source(e) != RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG) continue;
    const char* value = rd_kafka_ConfigEntry_value(e);
    if (value) out[rd_kafka_ConfigEntry_name(e)] = value;
  }
  return out;
}

}  // namespace tributary::client
