#include "sql/engine/memory_topic_store.h"

namespace tributary::sql {

int32_t MemoryTopicStore::partitions(const std::string& topic) const {
  auto it = topics_.find(topic);
  return it == topics_.end() ? 0 : it->second.partitions;
}

Status MemoryTopicStore::create(const std::string& topic, int32_t partitions) {
  if (topics_.count(topic)) return Status::error(Errc::already_exists, "Topic '" + topic + "' already exists");
  Topic t;
  t.partitions = std::max(partitions, 1);
  t.next_offset.assign(t.partitions, 0);
  topics_.emplace(topic, std::move(t));
  return Status();
}

Status MemoryTopicStore::remove(const std::string& topic) {
  if (!topics_.erase(topic)) return Status::error(Errc::not_found, "Topic '" + topic + "' does not exist");
  return Status();
}

std::vector<std::string> MemoryTopicStore::list() const {
  std::vector<std::string> out;
  for (const auto& [name, t] : topics_) out.push_back(name);
  return out;
}

void MemoryTopicStore::produce(KafkaRecord record) {
  auto it = topics_.find(record.topic);
  if (it == topics_.end()) {
    (void)create(record.topic, 1);
    it = topics_.find(record.topic);
  }
  Topic& t = it->second;
  if (record.partition < 0 || record.partition >= t.partitions) record.partition = 0;
  record.offset = t.next_offset[record.partition]++;
  t.records.push_back(record);
  pending_.push_back(std::move(record));
}

const std::vector<KafkaRecord>& MemoryTopicStore::records(const std::string& topic) const {
  static const std::vector<KafkaRecord> kEmpty;
  auto it = topics_.find(topic);
  return it == topics_.end() ? kEmpty : it->second.records;
}

std::deque<KafkaRecord> MemoryTopicStore::drain() {
  std::deque<KafkaRecord> out;
  out.swap(pending_);
  return out;
}

}  // namespace tributary::sql
