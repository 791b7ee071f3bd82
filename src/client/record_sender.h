// Sends single records and waits for each one's acknowledgement, returning where it was written:
// the console's "produce a test message" needs the partition and offset, which the batching
// Producer (producer.h) does not report.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "client/kafka_handle.h"
#include "client/producer.h"

namespace tributary::client {

struct RecordPosition {
  int32_t partition = -1;
  int64_t offset = -1;
};

class RecordSender {
 public:
  static Result<std::unique_ptr<RecordSender>> create(const std::string& bootstrap_servers, const Properties& extra = {});

  // Produces `record` (acks=all) and waits up to timeout_ms for its delivery report. Thread-safe.
  Result<RecordPosition> send(const OutboundRecord& record, int timeout_ms = 15000);

 private:
  explicit RecordSender(std::unique_ptr<KafkaHandle> handle) : handle_(std::move(handle)) {}
  std::unique_ptr<KafkaHandle> handle_;
};

}  // namespace tributary::client
