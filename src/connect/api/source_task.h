// A source task copies one share of an external system into the log.
//
// Threads: every method is called on the task's own thread, one at a time: start, then poll (and
// commit) repeatedly, then stop once after the last poll. poll() should return within about a second
// (empty when nothing is ready) so pausing, stopping and offset commits are not held up.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "common/status.h"
#include "connect/api/config_def.h"
#include "connect/api/connect_record.h"

namespace tributary::connect {

// The offsets the runtime has committed for this connector, by source partition.
class OffsetReader {
 public:
  virtual ~OffsetReader() = default;
  // The last committed offset of a source partition, or null when there is none.
  virtual nlohmann::json offset(const nlohmann::json& source_partition) const = 0;
};

struct SourceTaskContext {
  std::string connector_name;
  int task_id = 0;
  const OffsetReader* offsets = nullptr;
};

class SourceTask {
 public:
  virtual ~SourceTask() = default;
  // Reads the task configuration and where to resume from (context.offsets). An error fails the task.
  virtual Status start(const Config& config, const SourceTaskContext& context) = 0;
  // The next records (possibly none). An error fails the task with the message as its trace.
  virtual Result<std::vector<SourceRecord>> poll() = 0;
  // Offsets of everything polled so far are durable in the log (e.g. acknowledge upstream).
  virtual void commit() {}
  virtual void stop() = 0;
};

}  // namespace tributary::connect
