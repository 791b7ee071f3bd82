#include "client/cluster_metadata.h"

#include <algorithm>
#include <memory>

namespace tributary::client {
namespace {

using Metadata = std::unique_ptr<const rd_kafka_metadata_t, decltype(&rd_kafka_metadata_destroy)>;

TopicInfo to_topic(const rd_kafka_metadata_topic_t& t) {
  TopicInfo info;
  info.name = t.topic;
  for (int p = 0; p < t.partition_cnt; ++p)
    info.partitions.push_back({t.partitions[p].id, t.partitions[p].leader, t.partitions[p].replica_cnt});
  std::sort(info.partitions.begin(), info.partitions.end(),
            [](const PartitionInfo& a, const PartitionInfo& b) { return a.id < b.id; });
  return info;
}

}  // namespace

Result<ClusterMetadata> describe_cluster(KafkaHandle& handle, int timeout_ms) {
  const rd_kafka_metadata_t* raw = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(handle.get(), 1, nullptr, &raw, timeout_ms);
  if (err) return kafka_status(err, "cluster metadata");
  Metadata metadata(raw, &rd_kafka_metadata_destroy);
  ClusterMetadata out;
  for (int i = 0; i < raw->broker_cnt; ++i) out.brokers.push_back({raw->brokers[i].id, raw->brokers[i].host, raw->brokers[i].port});
  std::sort(out.brokers.begin(), out.brokers.end(), [](const BrokerInfo& a, const BrokerInfo& b) { return a.id < b.id; });
  // The metadata struct leaves the controller out; librdkafka keeps it from the same reply.
  out.controller_id = rd_kafka_controllerid(handle.get(), 0);
  for (int i = 0; i < raw->topic_cnt; ++i) {
    if (raw->topics[i].err) continue;  // being created or deleted
    out.topics.push_back(to_topic(raw->topics[i]));
  }
  std::sort(out.topics.begin(), out.topics.end(), [](const TopicInfo& a, const TopicInfo& b) { return a.name < b.name; });
  return out;
}

Result<TopicInfo> describe_topic(KafkaHandle& handle, const std::string& topic, int timeout_ms) {
  // A topic handle would let librdkafka auto-create the topic on brokers that allow it: the full
  // listing is asked instead, which never creates anything.
  auto cluster = describe_cluster(handle, timeout_ms);
  if (!cluster.ok()) return cluster.status();
  for (auto& t : cluster->topics)
    if (t.name == topic) return std::move(t);
  return Status::error(Errc::not_found, "topic '" + topic + "' does not exist");
}

}  // namespace tributary::client
