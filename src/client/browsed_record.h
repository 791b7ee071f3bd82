// Records as a browser of a topic shows them: ConsumedRecord plus the timestamp's type (CreateTime
// or LogAppendTime), which the console's message view reports.
#pragma once

#include <string>
#include <vector>

#include "client/consumer.h"
#include "client/partition_reader.h"

namespace tributary::client {

struct BrowsedRecord : ConsumedRecord {
  std::string timestamp_type;  // "create", "log_append" or "none"
};

// Like PartitionReader::poll (errors handled the same way), keeping each record's timestamp type.
Result<std::vector<BrowsedRecord>> poll_browsed(PartitionReader& reader, int timeout_ms, std::size_t max_records = 1000);

}  // namespace tributary::client
