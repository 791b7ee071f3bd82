// Topic administration over the Kafka protocol: what connect and sql use to create, delete and list
// topics on the embedded broker or any Kafka cluster.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "client/kafka_handle.h"

namespace tributary::client {

class TopicAdmin {
 public:
  explicit TopicAdmin(KafkaHandle& handle, int timeout_ms = 10000) : handle_(handle), timeout_ms_(timeout_ms) {}

  // Creates a topic; an existing topic is an error with Errc::already_exists.
  Status create(const std::string& topic, int32_t partitions, int16_t replication_factor = -1,
                const std::map<std::string, std::string>& configs = {});
  Status remove(const std::string& topic);
  // Grows a topic to `total` partitions (CreatePartitions); already_exists when it has that many.
  Status add_partitions(const std::string& topic, int32_t total);
  // Topic name -> partition count, internal topics (leading "__") left out.
  Result<std::map<std::string, int32_t>> list();

 private:
  KafkaHandle& handle_;
  int timeout_ms_;
};

}  // namespace tributary::client
