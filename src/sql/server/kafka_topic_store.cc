#include "sql/server/kafka_topic_store.h"

#include "common/logging.h"

namespace tributary::sql {

Result<std::unique_ptr<KafkaTopicStore>> KafkaTopicStore::create(const std::string& bootstrap_servers) {
  std::unique_ptr<KafkaTopicStore> store(new KafkaTopicStore());
  auto handle = client::KafkaHandle::create(bootstrap_servers);
  if (!handle.ok()) return handle.status();
  store->admin_handle_ = std::move(*handle);
  store->admin_ = std::make_unique<client::TopicAdmin>(*store->admin_handle_);
  auto producer = client::Producer::create(bootstrap_servers, {{"partitioner", "murmur2_random"}});
  if (!producer.ok()) return producer.status();
  store->producer_ = std::move(*producer);
  return store;
}

void KafkaTopicStore::refresh() const {
  auto listed = admin_->list();
  if (listed.ok()) topics_ = std::move(*listed);
}

int32_t KafkaTopicStore::partitions(const std::string& topic) const {
  std::lock_guard lock(mu_);
  auto it = topics_.find(topic);
  if (it != topics_.end()) return it->second;
  refresh();
  it = topics_.find(topic);
  return it == topics_.end() ? 0 : it->second;
}

Status KafkaTopicStore::create(const std::string& topic, int32_t partitions) {
  Status s = admin_->create(topic, partitions);
  if (!s.ok() && s.code() != Errc::already_exists) return s;
  std::lock_guard lock(mu_);
  refresh();
  if (!topics_.count(topic)) topics_[topic] = partitions;  // metadata may lag the creation
  warm_producer(topic);
  return Status();
}

Status KafkaTopicStore::create_compacted(const std::string& topic, int32_t partitions) {
  Status s = admin_->create(topic, partitions, -1, {{"cleanup.policy", "compact"}});
  if (!s.ok() && s.code() != Errc::already_exists) return s;
  warm_producer(topic);
  return Status();
}

void KafkaTopicStore::warm_producer(const std::string& topic) {
  // Without this the first flush to a new topic took about a second (librdkafka discovering it).
  if (Status s = producer_->learn_topic(topic); !s.ok())
    component_logger("sql")->warn("topic_metadata_failed topic={} error=\"{}\"", topic, s.message());
}

Status KafkaTopicStore::remove(const std::string& topic) {
  Status s = admin_->remove(topic);
  std::lock_guard lock(mu_);
  topics_.erase(topic);
  return s;
}

std::vector<std::string> KafkaTopicStore::list() const {
  std::lock_guard lock(mu_);
  refresh();
  std::vector<std::string> out;
  for (const auto& [name, n] : topics_) out.push_back(name);
  return out;
}

void KafkaTopicStore::produce(KafkaRecord record) {
  client::OutboundRecord out;
  out.topic = std::move(record.topic);
  out.key = std::move(record.key);
  out.value = std::move(record.value);
  out.timestamp_ms = record.timestamp;
  for (auto& h : record.headers) out.headers.emplace_back(std::move(h.key), std::move(h.value));
  Status s = producer_->send(out);
  if (!s.ok()) component_logger("sql")->error("produce_failed topic={} error=\"{}\"", out.topic, s.message());
}

}  // namespace tributary::sql
