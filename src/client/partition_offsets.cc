#include "client/partition_offsets.h"

#include <memory>

namespace tributary::client {

Result<std::map<TopicPartition, int64_t>> list_offsets(KafkaHandle& handle, const std::vector<TopicPartition>& partitions,
                                                       OffsetSpec spec, int timeout_ms) {
  std::map<TopicPartition, int64_t> out;
  if (partitions.empty()) return out;
  std::unique_ptr<rd_kafka_topic_partition_list_t, decltype(&rd_kafka_topic_partition_list_destroy)> list(
      rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())), &rd_kafka_topic_partition_list_destroy);
  for (const auto& [topic, partition] : partitions)
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition)->offset = static_cast<int64_t>(spec);
  // offsets_for_times sends the "timestamp" as given, and ListOffsets defines -1 / -2 as latest /
  // earliest, so this is a batched watermark query grouped by leader.
  rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(handle.get(), list.get(), timeout_ms);
  for (int i = 0; i < list->cnt; ++i) {
    const auto& e = list->elems[i];
    if (e.err || e.offset < 0) continue;
    out[{e.topic, e.partition}] = e.offset;
  }
  // A request-level error with some answers (one leader failed) still returns what is known.
  if (err && out.empty()) return kafka_status(err, "list offsets");
  return out;
}

}  // namespace tributary::client
