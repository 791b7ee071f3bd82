// The worker's own keys (Kafka Connect's distributed-worker names): where the internal topics are,
// how often source offsets are committed, the default converters. Set with `tributary connect
// --set key=value` or `tributary serve --set connect.<key>=value`.
#pragma once

#include "connect/api/config_def.h"

namespace tributary::connect {

const ConfigDef& worker_config_def();

}  // namespace tributary::connect
