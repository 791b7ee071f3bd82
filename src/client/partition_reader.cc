#include "client/partition_reader.h"

#include <algorithm>
#include <chrono>
#include <functional>

namespace tributary::client {

Result<std::unique_ptr<PartitionReader>> PartitionReader::create(const std::string& bootstrap_servers,
                                                                 const Properties& extra) {
  Properties props = extra;
  props.emplace("enable.auto.commit", "false");
  props.emplace("enable.auto.offset.store", "false");
  props.emplace("enable.partition.eof", "false");
  props.emplace("auto.offset.reset", "earliest");
  props.emplace("allow.auto.create.topics", "false");
  // librdkafka's assign() wants a group id although this reader never joins a group or commits.
  props.emplace("group.id", "__tributary-partition-reader");
  auto handle = KafkaHandle::create(bootstrap_servers, props, RD_KAFKA_CONSUMER, {});
  if (!handle.ok()) return handle.status();
  return std::unique_ptr<PartitionReader>(new PartitionReader(std::move(*handle)));
}

PartitionReader::~PartitionReader() {
  if (handle_) rd_kafka_assign(handle_->get(), nullptr);
}

Status PartitionReader::assign(const std::map<TopicPartition, int64_t>& start_offsets) {
  return assign_partitions(handle_->get(), start_offsets);
}

Result<std::vector<ConsumedRecord>> PartitionReader::poll(int timeout_ms, std::size_t max_records) {
  return poll_records(handle_->get(), timeout_ms, max_records);
}

namespace {

// Hands `each` every record of every partition (or of `only`) from its start (or its last `tail`
// offsets, when tail >= 0) to the end it had when the read began, in log order per partition.
// Fails when no record arrives for `timeout_ms`.
Status for_each_to_end(const std::string& bootstrap_servers, const std::string& topic, int64_t tail,
                       int timeout_ms, const Properties& extra,
                       const std::function<Status(ConsumedRecord&&)>& each, int32_t only = kAllPartitions) {
  auto reader = PartitionReader::create(bootstrap_servers, extra);
  if (!reader.ok()) return reader.status();
  rd_kafka_t* rk = (*reader)->handle();
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, rkt, &md, timeout_ms);
  rd_kafka_topic_destroy(rkt);
  if (err) return kafka_status(err, "metadata of " + topic);
  int count = md->topic_cnt == 1 ? md->topics[0].partition_cnt : 0;
  rd_kafka_resp_err_t topic_err = md->topic_cnt == 1 ? md->topics[0].err : RD_KAFKA_RESP_ERR_NO_ERROR;
  rd_kafka_metadata_destroy(md);
  if (topic_err || count == 0) return Status::error(Errc::not_found, "topic " + topic + " does not exist");
  if (only >= count)
    return Status::error(Errc::not_found, "topic " + topic + " has no partition " + std::to_string(only));

  // Stop at the end each partition has now, even if writers keep appending.
  std::map<int32_t, int64_t> end;
  std::map<TopicPartition, int64_t> start;
  for (int32_t p = 0; p < count; ++p) {
    if (only != kAllPartitions && p != only) continue;
    int64_t low = 0, high = 0;
    err = rd_kafka_query_watermark_offsets(rk, topic.c_str(), p, &low, &high, timeout_ms);
    if (err) return kafka_status(err, "watermarks of " + topic);
    if (high > low) {
      end[p] = high;
      start[{topic, p}] = tail >= 0 ? std::max(low, high - tail) : low;
    }
  }
  if (!start.empty()) {
    Status assigned = (*reader)->assign(start);
    if (!assigned.ok()) return assigned;
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!end.empty()) {
    if (std::chrono::steady_clock::now() > deadline)
      return Status::error(Errc::timed_out, "reading " + topic + " to its end: nothing arrived for " +
                                                std::to_string(timeout_ms) + " ms");
    auto records = (*reader)->poll(200);
    if (!records.ok()) return records.status();
    if (!records->empty()) deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    if (records->empty()) {
      // A partition ending in transaction markers never delivers its last offset: ask the position.
      rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(end.size()));
      for (const auto& [p, _] : end) rd_kafka_topic_partition_list_add(list, topic.c_str(), p);
      if (rd_kafka_position(rk, list) == RD_KAFKA_RESP_ERR_NO_ERROR)
        for (int i = 0; i < list->cnt; ++i)
          if (list->elems[i].offset >= 0 && list->elems[i].offset >= end[list->elems[i].partition])
            end.erase(list->elems[i].partition);
      rd_kafka_topic_partition_list_destroy(list);
    }
    for (auto& r : *records) {
      auto it = end.find(r.partition);
      if (it == end.end() || r.offset >= it->second) continue;
      int32_t p = r.partition;
      bool last = r.offset + 1 >= it->second;
      TRY_STATUS(each(std::move(r)));
      if (last) end.erase(p);
    }
  }
  return Status();
}

// The same collected, partitions one after another.
Result<std::vector<ConsumedRecord>> read_partitions_to_end(const std::string& bootstrap_servers,
                                                           const std::string& topic, int64_t tail, int timeout_ms,
                                                           const Properties& extra, int32_t only = kAllPartitions) {
  std::map<int32_t, std::vector<ConsumedRecord>> by_partition;
  TRY_STATUS(for_each_to_end(
      bootstrap_servers, topic, tail, timeout_ms, extra,
      [&](ConsumedRecord&& r) {
        by_partition[r.partition].push_back(std::move(r));
        return Status();
      },
      only));
  std::vector<ConsumedRecord> out;
  for (auto& [_, records] : by_partition)
    for (auto& r : records) out.push_back(std::move(r));
  return out;
}

}  // namespace

Result<std::vector<ConsumedRecord>> read_topic_to_end(const std::string& bootstrap_servers, const std::string& topic,
                                                      int timeout_ms, const Properties& extra) {
  return read_partitions_to_end(bootstrap_servers, topic, -1, timeout_ms, extra);
}

Status for_each_record_to_end(const std::string& bootstrap_servers, const std::string& topic,
                              const std::function<Status(ConsumedRecord&&)>& each, int idle_timeout_ms,
                              int32_t partition) {
  return for_each_to_end(bootstrap_servers, topic, -1, idle_timeout_ms, {}, each, partition);
}

Result<std::vector<ConsumedRecord>> read_topic_tail(const std::string& bootstrap_servers, const std::string& topic,
                                                    int64_t records_per_partition, int timeout_ms, int32_t partition) {
  return read_partitions_to_end(bootstrap_servers, topic, records_per_partition, timeout_ms, {}, partition);
}

}  // namespace tributary::client
