// A topic's configuration overrides (DescribeConfigs over the Kafka protocol): what the mirror copies
// so a mirrored topic keeps its source's retention, compaction and the like.
#pragma once

#include <map>
#include <string>

#include "client/kafka_handle.h"

namespace tributary::client {

// The keys set on the topic itself (not broker defaults), name -> value; sensitive ones left out.
Result<std::map<std::string, std::string>> topic_config_overrides(KafkaHandle& handle, const std::string& topic,
                                                                  int timeout_ms = 10000);

}  // namespace tributary::client
