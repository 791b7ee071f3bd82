// A sink task copies records from the log into an external system.
//
// Threads: every method is called on the task's own thread, one at a time: start, then put (and
// flush) repeatedly, then stop once after the last put.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "connect/api/config_def.h"
#include "connect/api/connect_record.h"

namespace tributary::connect {

using TopicPartitionKey = std::pair<std::string, int32_t>;

struct SinkTaskContext {
  std::string connector_name;
  int task_id = 0;
};

class SinkTask {
 public:
  virtual ~SinkTask() = default;
  virtual Status start(const Config& config, const SinkTaskContext& context) = 0;
  // Delivers records; they may be buffered until flush(). An error fails the task.
  virtual Status put(const std::vector<SinkRecord>& records) = 0;
  // Everything put so far must be durable in the external system: the runtime commits these next
  // offsets (last delivered + 1 per partition) to the log only after flush succeeds.
  virtual Status flush(const std::map<TopicPartitionKey, int64_t>& next_offsets) = 0;
  virtual void stop() = 0;
};

}  // namespace tributary::connect
