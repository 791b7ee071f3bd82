#include "connect/runtime/topic_tail.h"

#include <chrono>
#include <thread>

namespace tributary::connect {

Result<std::unique_ptr<TopicTail>> TopicTail::open(const std::string& bootstrap_servers, const std::string& topic,
                                                   const client::Properties& client_props) {
  client::Properties props = client_props;
  // Another worker's config write should reach this one within a few hundred milliseconds.
  props.emplace("fetch.wait.max.ms", "100");
  auto reader = client::PartitionReader::create(bootstrap_servers, props);
  if (!reader.ok()) return reader.status();
  rd_kafka_t* rk = (*reader)->handle();
  int count = 0;
  // A topic the worker has just created may take a moment to show in a cluster's metadata.
  for (int attempt = 0; attempt < 50 && count <= 0; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
    const rd_kafka_metadata_t* md = nullptr;
    rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, rkt, &md, 10000);
    rd_kafka_topic_destroy(rkt);
    if (err) return client::kafka_status(err, "metadata of " + topic);
    count = md->topic_cnt == 1 && !md->topics[0].err ? md->topics[0].partition_cnt : 0;
    rd_kafka_metadata_destroy(md);
  }
  if (count <= 0) return Status::error(Errc::not_found, "topic " + topic + " does not exist");
  std::map<client::TopicPartition, int64_t> start;
  for (int32_t p = 0; p < count; ++p) start[{topic, p}] = client::PartitionReader::kBeginning;
  TRY_STATUS((*reader)->assign(start));
  return std::unique_ptr<TopicTail>(new TopicTail(topic, std::move(*reader), count));
}

Result<std::vector<client::ConsumedRecord>> TopicTail::poll(int timeout_ms) {
  auto records = reader_->poll(timeout_ms);
  if (!records.ok()) return records.status();
  for (const auto& r : *records) next_[r.partition] = r.offset + 1;
  return records;
}

Result<int64_t> TopicTail::end_offset(int timeout_ms) {
  int64_t low = 0, high = 0;
  rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(reader_->handle(), topic_.c_str(), 0, &low, &high,
                                                             timeout_ms);
  if (err) return client::kafka_status(err, "watermarks of " + topic_);
  return high;
}

Result<std::vector<client::ConsumedRecord>> TopicTail::read_to_end(int timeout_ms) {
  rd_kafka_t* rk = reader_->handle();
  std::map<int32_t, int64_t> end;
  for (int32_t p = 0; p < partitions_; ++p) {
    int64_t low = 0, high = 0;
    rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(rk, topic_.c_str(), p, &low, &high, timeout_ms);
    if (err) return client::kafka_status(err, "watermarks of " + topic_);
    if (high > std::max(low, next_[p])) end[p] = high;
  }
  std::vector<client::ConsumedRecord> out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!end.empty()) {
    if (std::chrono::steady_clock::now() > deadline)
      return Status::error(Errc::timed_out, "reading " + topic_ + " to its end took too long");
    auto records = poll(100);
    if (!records.ok()) return records.status();
    for (auto& r : *records) out.push_back(std::move(r));
    if (records->empty()) {
      // Compaction may have removed a partition's last offsets: ask where the reader stands.
      rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(end.size()));
      for (const auto& [p, _] : end) rd_kafka_topic_partition_list_add(list, topic_.c_str(), p);
      if (rd_kafka_position(rk, list) == RD_KAFKA_RESP_ERR_NO_ERROR)
        for (int i = 0; i < list->cnt; ++i)
          if (list->elems[i].offset >= 0) next_[list->elems[i].partition] = std::max(next_[list->elems[i].partition], list->elems[i].offset);
      rd_kafka_topic_partition_list_destroy(list);
    }
    for (auto it = end.begin(); it != end.end();) it = next_[it->first] >= it->second ? end.erase(it) : std::next(it);
  }
  return out;
}

}  // namespace tributary::connect
