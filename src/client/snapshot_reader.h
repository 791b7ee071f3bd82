// Reads a whole topic, every partition from its beginning up to the end it had when the read began,
// without a consumer group: how connect reads its compacted config, offset and status topics back
// at startup.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "client/consumer.h"
#include "client/kafka_handle.h"

namespace tributary::client {

class SnapshotReader {
 public:
  static Result<std::unique_ptr<SnapshotReader>> create(const std::string& bootstrap_servers, const Properties& extra = {});

  // The records in log order per partition (partitions one after another). A missing topic is
  // Errc::not_found.
  Result<std::vector<ConsumedRecord>> read_to_end(const std::string& topic, int timeout_ms = 30000);

 private:
  explicit SnapshotReader(std::unique_ptr<KafkaHandle> handle) : handle_(std::move(handle)) {}
  std::unique_ptr<KafkaHandle> handle_;
};

}  // namespace tributary::client
