#include "client/snapshot_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>

namespace tributary::client {
namespace {

Result<int> partition_count(rd_kafka_t* rk, const std::string& topic, int timeout_ms) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, rkt, &md, timeout_ms);
  rd_kafka_topic_destroy(rkt);
  if (err) return kafka_status(err, "metadata of " + topic);
  int count = 0;
  rd_kafka_resp_err_t topic_err = RD_KAFKA_RESP_ERR_NO_ERROR;
  if (md->topic_cnt == 1) {
    count = md->topics[0].partition_cnt;
    topic_err = md->topics[0].err;
  }
  rd_kafka_metadata_destroy(md);
  if (topic_err) return kafka_status(topic_err, "metadata of " + topic);
  if (count == 0) return Status::error(Errc::not_found, "topic " + topic + " has no partitions");
  return count;
}

}  // namespace

Result<std::unique_ptr<SnapshotReader>> SnapshotReader::create(const std::string& bootstrap_servers, const Properties& extra) {
  Properties props = extra;
  props.emplace("enable.auto.commit", "false");
  props.emplace("enable.partition.eof", "true");
  props.emplace("allow.auto.create.topics", "false");
  // librdkafka's assign() needs a group id even though this reader never joins or commits.
  props.emplace("group.id", "__tributary-snapshot-reader");
  auto handle = KafkaHandle::create(bootstrap_servers, props, RD_KAFKA_CONSUMER, {});
  if (!handle.ok()) return handle.status();
  return std::unique_ptr<SnapshotReader>(new SnapshotReader(std::move(*handle)));
}

Result<std::vector<ConsumedRecord>> SnapshotReader::read_to_end(const std::string& topic, int timeout_ms) {
  rd_kafka_t* rk = handle_->get();
  auto count = partition_count(rk, topic, timeout_ms);
  if (!count.ok()) return count.status();
  // The end of each partition now: reading stops there even if writers keep appending.
  std::map<int32_t, int64_t> ends;
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(*count);
  for (int32_t p = 0; p < *count; ++p) {
    int64_t low = 0, high = 0;
    rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(rk, topic.c_str(), p, &low, &high, timeout_ms);
    if (err) {
      rd_kafka_topic_partition_list_destroy(list);
      return kafka_status(err, fmt::format("watermarks of {}-{}", topic, p));
    }
    if (high > low) {
      ends[p] = high;
      rd_kafka_topic_partition_list_add(list, topic.c_str(), p)->offset = low;
    }
  }
  std::vector<ConsumedRecord> out;
  if (ends.empty()) {
    rd_kafka_topic_partition_list_destroy(list);
    return out;
  }
  rd_kafka_resp_err_t err = rd_kafka_assign(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err) return kafka_status(err, "assign " + topic);

  std::map<int32_t, std::vector<ConsumedRecord>> by_partition;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  Status failure;
  while (!ends.empty()) {
    if (std::chrono::steady_clock::now() > deadline) {
      failure = Status::error(Errc::timed_out, "reading " + topic + " to its end took too long");
      break;
    }
    rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 200);
    if (!m) continue;
    int32_t partition = m->partition;
    int64_t next = m->offset + 1;
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      ends.erase(partition);
    } else if (m->err) {
      if (m->err != RD_KAFKA_RESP_ERR__TRANSPORT) {
        failure = kafka_status(m->err, "read " + topic);
        rd_kafka_message_destroy(m);
        break;
      }
    } else {
      by_partition[partition].push_back(to_consumed_record(m));
      auto it = ends.find(partition);
      if (it != ends.end() && next >= it->second) ends.erase(it);
    }
    rd_kafka_message_destroy(m);
  }
  rd_kafka_assign(rk, nullptr);
  if (!failure.ok()) return failure;
  for (auto& [p, records] : by_partition)
    for (auto& r : records) out.push_back(std::move(r));
  return out;
}

}  // namespace tributary::client
