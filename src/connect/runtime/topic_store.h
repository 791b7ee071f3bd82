// One of the worker's compacted topics (connect-configs, connect-offsets, connect-status) used as a
// key-value log: created if absent, read back in full at startup, appended with writes that return
// only once the log has acknowledged them.
//
// Threads: write() may be called from any thread (the producer is thread-safe); read_all() is
// called at startup before any write.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "client/kafka_handle.h"
#include "client/producer.h"
#include "common/status.h"

namespace tributary::connect {

using KeyValue = std::pair<std::string, std::optional<std::string>>;

class TopicStore {
 public:
  static Result<std::unique_ptr<TopicStore>> open(const std::string& bootstrap_servers, const std::string& topic,
                                                  int partitions, const client::Properties& client_props);

  const std::string& topic() const { return topic_; }
  // Every record in log order per partition; a nullopt value is a deletion (tombstone).
  Result<std::vector<KeyValue>> read_all();
  // Appends and waits for the acknowledgement; a nullopt value writes a tombstone.
  Status write(const std::vector<KeyValue>& records);
  Status write(const std::string& key, const std::optional<std::string>& value) { return write({{key, value}}); }

 private:
  TopicStore(std::string bootstrap, std::string topic, client::Properties props,
             std::unique_ptr<client::Producer> producer)
      : bootstrap_(std::move(bootstrap)), topic_(std::move(topic)), props_(std::move(props)),
        producer_(std::move(producer)) {}

  std::string bootstrap_;
  std::string topic_;
  client::Properties props_;
  std::unique_ptr<client::Producer> producer_;
  std::mutex write_mu_;  // one flush at a time, so a write's flush covers exactly its records
};

}  // namespace tributary::connect
