// Start or end offsets of many partitions in one ListOffsets round trip per leader (rather than one
// request per partition as rd_kafka_query_watermark_offsets does): what the console's sampler asks
// every second for every partition of the cluster.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "client/consumer.h"
#include "client/kafka_handle.h"

namespace tributary::client {

enum class OffsetSpec : int64_t { earliest = -2, latest = -1 };  // ListOffsets' special timestamps

// Offset per partition; partitions the cluster answered with an error (deleted meanwhile, leader
// moving) are left out, so callers see only what is known.
Result<std::map<TopicPartition, int64_t>> list_offsets(KafkaHandle& handle, const std::vector<TopicPartition>& partitions,
                                                       OffsetSpec spec, int timeout_ms = 10000);

}  // namespace tributary::client
