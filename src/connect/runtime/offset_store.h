// Source offsets in the offsets topic, in Kafka Connect's layout: key ["<connector>", {partition}],
// value {offset} (JSON), null value for a deleted offset. Loaded in full at startup; a write returns
// once the log has it, so an offset never outlives a crash unless it was acknowledged.
//
// Threads: safe from any thread (tasks write theirs; REST reads).
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "connect/api/source_task.h"
#include "connect/runtime/topic_store.h"

namespace tributary::connect {

struct PartitionOffset {
  nlohmann::json partition;
  nlohmann::json offset;
};

class OffsetStore {
 public:
  explicit OffsetStore(std::unique_ptr<TopicStore> topic) : topic_(std::move(topic)) {}

  Status load();
  Status write(const std::string& connector, const std::vector<PartitionOffset>& offsets);
  nlohmann::json get(const std::string& connector, const nlohmann::json& partition) const;
  std::vector<PartitionOffset> all(const std::string& connector) const;
  // Tombstones every offset of the connector (DELETE /connectors/{name}/offsets).
  Status reset(const std::string& connector);
  // An OffsetReader over one connector's offsets, for its tasks.
  std::unique_ptr<OffsetReader> reader(const std::string& connector) const;

 private:
  std::unique_ptr<TopicStore> topic_;
  mutable std::mutex mu_;
  // connector -> partition (compact JSON text) -> partition and offset
  std::map<std::string, std::map<std::string, PartitionOffset>> offsets_;
};

}  // namespace tributary::connect
