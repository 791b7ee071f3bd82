#include "connect/runtime/topic_store.h"

#include "client/snapshot_reader.h"
#include "client/topic_admin.h"

namespace tributary::connect {

Result<std::unique_ptr<TopicStore>> TopicStore::open(const std::string& bootstrap_servers, const std::string& topic,
                                                     int partitions, const client::Properties& client_props) {
  auto admin_handle = client::KafkaHandle::create(bootstrap_servers, client_props);
  if (!admin_handle.ok()) return admin_handle.status();
  client::TopicAdmin admin(**admin_handle);
  Status created = admin.create(topic, partitions, -1, {{"cleanup.policy", "compact"}});
  if (!created.ok() && created.code() != Errc::already_exists) return created;
  auto producer = client::Producer::create(bootstrap_servers, client_props);
  if (!producer.ok()) return producer.status();
  return std::unique_ptr<TopicStore>(new TopicStore(bootstrap_servers, topic, client_props, std::move(*producer)));
}

Result<std::vector<KeyValue>> TopicStore::read_all() {
  auto reader = client::SnapshotReader::create(bootstrap_, props_);
  if (!reader.ok()) return reader.status();
  auto records = (*reader)->read_to_end(topic_);
  if (!records.ok()) return records.status();
  std::vector<KeyValue> out;
  for (auto& r : *records) {
    if (!r.key) continue;
    out.emplace_back(std::move(*r.key), std::move(r.value));
  }
  return out;
}

Status TopicStore::write(const std::vector<KeyValue>& records) {
  std::lock_guard lock(write_mu_);
  for (const auto& [key, value] : records) {
    client::OutboundRecord r;
    r.topic = topic_;
    r.key = key;
    r.value = value;
    TRY_STATUS(producer_->send(r));
  }
  return producer_->flush();
}

}  // namespace tributary::connect
