// The engine's TopicStore over the Kafka protocol (librdkafka): the embedded broker or any
// Kafka cluster. Sink records go through one idempotent acks=all producer whose partitioner is
// murmur2, as Java clients and ksqlDB use, so keys land where other Kafka tools expect them.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "client/producer.h"
#include "client/topic_admin.h"
#include "sql/engine/engine.h"

namespace tributary::sql {

class KafkaTopicStore : public TopicStore {
 public:
  static Result<std::unique_ptr<KafkaTopicStore>> create(const std::string& bootstrap_servers);

  bool exists(const std::string& topic) const override { return partitions(topic) > 0; }
  int32_t partitions(const std::string& topic) const override;
  Status create(const std::string& topic, int32_t partitions) override;
  Status remove(const std::string& topic) override;
  std::vector<std::string> list() const override;
  void produce(KafkaRecord record) override;

  // A compacted topic (changelogs); an existing one is fine.
  Status create_compacted(const std::string& topic, int32_t partitions = 1);
  // Waits for every produced record to be acknowledged; the first delivery error.
  Status flush() { return producer_->flush(); }
  client::Producer& producer() { return *producer_; }
  // A handle for admin requests (describing groups).
  client::KafkaHandle& admin_handle() { return *admin_handle_; }

 private:
  KafkaTopicStore() = default;
  void refresh() const;
  void warm_producer(const std::string& topic);

  std::unique_ptr<client::KafkaHandle> admin_handle_;
  std::unique_ptr<client::TopicAdmin> admin_;
  std::unique_ptr<client::Producer> producer_;
  mutable std::mutex mu_;
  mutable std::map<std::string, int32_t> topics_;  // cache, refreshed on a miss
};

}  // namespace tributary::sql
