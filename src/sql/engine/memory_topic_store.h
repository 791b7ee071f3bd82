// TopicStore in memory: topics are vectors of records per partition. The qtt runner and the
// engine's tests use it; `drain` hands out records produced since the last call, so a driver
// can feed query outputs back to the engine (queries reading other queries' sinks).
#pragma once

#include <deque>
#include <map>

#include "sql/engine/engine.h"

namespace tributary::sql {

class MemoryTopicStore : public TopicStore {
 public:
  bool exists(const std::string& topic) const override { return topics_.count(topic) > 0; }
  int32_t partitions(const std::string& topic) const override;
  Status create(const std::string& topic, int32_t partitions) override;
  Status remove(const std::string& topic) override;
  std::vector<std::string> list() const override;
  void produce(KafkaRecord record) override;

  // Every record of a topic, in production order (across partitions).
  const std::vector<KafkaRecord>& records(const std::string& topic) const;
  // Records produced since the last drain, in production order.
  std::deque<KafkaRecord> drain();

 private:
  struct Topic {
    int32_t partitions = 1;
    std::vector<int64_t> next_offset;
    std::vector<KafkaRecord> records;
  };
  std::map<std::string, Topic> topics_;
  std::deque<KafkaRecord> pending_;
};

}  // namespace tributary::sql
