// Follows one of the worker's compacted topics (configs, status) from its beginning for as long as the
// worker runs, so every worker of a cluster sees what the others write: read_to_end() at startup and
// before acting on an assignment, poll() in the worker's loop.
//
// Threads: one thread (the worker's herder thread).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "client/consumer.h"
#include "client/partition_reader.h"

namespace tributary::connect {

class TopicTail {
 public:
  static Result<std::unique_ptr<TopicTail>> open(const std::string& bootstrap_servers, const std::string& topic,
                                                  const client::Properties& client_props);

  // Records appended since the last call, waiting at most timeout_ms for the first.
  Result<std::vector<client::ConsumedRecord>> poll(int timeout_ms);
  // Every record up to the end the topic has now (records of each partition in log order).
  Result<std::vector<client::ConsumedRecord>> read_to_end(int timeout_ms = 30000);
  // The offset the next record of partition 0 will get (for the single-partition config topic).
  Result<int64_t> end_offset(int timeout_ms = 10000);

 private:
  TopicTail(std::string topic, std::unique_ptr<client::PartitionReader> reader, int partitions)
      : topic_(std::move(topic)), reader_(std::move(reader)), partitions_(partitions) {}

  std::string topic_;
  std::unique_ptr<client::PartitionReader> reader_;
  int partitions_ = 1;
  std::map<int32_t, int64_t> next_;  // partition -> next offset not yet returned
};

}  // namespace tributary::connect
