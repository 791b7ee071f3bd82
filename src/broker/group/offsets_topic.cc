#include "broker/group/offsets_topic.h"

#include <fmt/format.h>

#include "common/clock.h"
#include "common/logging.h"

namespace tributary::broker::group {

OffsetsTopic::OffsetsTopic(TopicManager& topics, GroupCommit& group_commit, Post post)
    : topics_(topics), group_commit_(group_commit), post_(std::move(post)) {}

Status OffsetsTopic::open(int32_t partitions) {
  auto topic = topics_.find(kOffsetsTopic);
  if (!topic) {
    auto created = topics_.create(kOffsetsTopic, partitions, {{"cleanup.policy", "compact"}}, false);
    if (!created.ok() && created.status().code() != Errc::already_exists) return created.status();
    topic = topics_.find(kOffsetsTopic);
    if (!topic) return Status::error(Errc::not_found, "__consumer_offsets vanished while it was created");
  }
  partitions_ = topic->partitions;
  if (static_cast<int32_t>(partitions_.size()) != partitions)
    component_logger("groups")->warn("offsets_topic_partitions_kept configured={} existing={}", partitions,
                                     partitions_.size());
  return Status();
}

void OffsetsTopic::write(const std::string& group, std::vector<protocol::Record> records,
                         std::function<void(Status)> done) {
  auto finish = [post = post_, done = std::move(done)](Status s) { post([done, s] { done(s); }); };
  if (partitions_.empty()) return finish(Status::error(Errc::io_error, "__consumer_offsets is not open"));
  auto& partition = partitions_[offsets_partition_for(group, partition_count())];
  int64_t now = now_ms();
  for (size_t i = 0; i < records.size(); ++i) records[i].offset_delta = static_cast<int32_t>(i);
  protocol::BatchBuildOptions options;
  options.base_timestamp = now;
  Bytes batch = protocol::build_record_batch(options, records);
  auto appended = partition->log().append(std::span<uint8_t>(batch), now);
  if (!appended.ok()) return finish(appended.status());
  partition->notify_appended();
  group_commit_.await_durable(partition, appended->last_offset + 1, std::move(finish));
}

Status OffsetsTopic::replay(const Apply& apply) const {
  for (const auto& partition : partitions_) TRY_STATUS(replay_partition(*partition, apply));
  return Status();
}

Status OffsetsTopic::replay_partition(Partition& partition, const Apply& apply) const {
  storage::PartitionLog& log = partition.log();
  int64_t offset = log.log_start_offset();
  const int64_t end = log.log_end_offset();
  while (offset < end) {
    auto read = log.read(offset, 1 << 20, true);
    if (!read.ok()) return read.status();
    if (read->records.empty()) break;
    auto batches = protocol::validate_batches(read->records, {.verify_crc = false});
    if (!batches.ok()) return batches.status();
    int64_t next = offset;
    for (const auto& info : *batches) {
      next = std::max(next, info.header.next_offset());
      if (info.header.is_control()) continue;
      std::span<const uint8_t> bytes(read->records.data() + info.position, info.size);
      auto records = protocol::decode_records(bytes);
      if (!records.ok()) return records.status();
      for (const auto& record : *records) {
        if (!record.key) continue;
        auto key = decode_record_key(*record.key);
        if (!key.ok()) {
          component_logger("groups")->warn("offsets_record_skipped partition={} error=\"{}\"", partition.index(),
                                           key.status().to_string());
          continue;
        }
        std::optional<std::span<const uint8_t>> value;
        if (record.value) value = std::span<const uint8_t>(*record.value);
        apply(*key, value);
      }
    }
    if (next <= offset) break;  // no progress: stop rather than spin
    offset = next;
  }
  return Status();
}

}  // namespace tributary::broker::group
