#include "connect/connectors/mirror/mirror_task.h"

#include <charconv>
#include <chrono>
#include <map>

#include "client/group_admin.h"
#include "client/partition_reader.h"
#include "client/producer.h"
#include "common/logging.h"
#include "connect/connectors/mirror/group_translation.h"
#include "connect/connectors/mirror/mirror_config.h"

namespace tributary::connect::mirror {
namespace {

using Clock = std::chrono::steady_clock;
using client::TopicPartition;

std::vector<TopicPartition> parse_assignment(const std::string& value) {
  std::vector<TopicPartition> out;
  for (const auto& item : split_config_list(value)) {
    auto colon = item.rfind(':');
    int32_t partition = 0;
    const char* digits = item.data() + colon + 1;
    if (colon == std::string::npos ||
        std::from_chars(digits, item.data() + item.size(), partition).ec != std::errc())
      continue;
    out.emplace_back(item.substr(0, colon), partition);
  }
  return out;
}

SchemaAndValue bytes_of(const std::optional<std::string>& data) {
  SchemaAndValue out{schema::primitive("bytes", true), nullptr};
  if (data) out.value = nlohmann::json::binary(std::vector<uint8_t>(data->begin(), data->end()));
  return out;
}

class MirrorSourceTask : public SourceTask {
 public:
  Status start(const Config& config, const SourceTaskContext& context) override {
    settings_ = MirrorSettings::from(config);
    auto it = config.find(kAssignedPartitionsKey);
    auto assigned = parse_assignment(it == config.end() ? "" : it->second);
    auto reader = client::PartitionReader::create(settings_.source_bootstrap);
    if (!reader.ok()) return reader.status();
    reader_ = std::move(*reader);
    std::map<TopicPartition, int64_t> starts;
    for (const auto& tp : assigned) {
      nlohmann::json offset = context.offsets->offset(source_partition(tp));
      bool resumed = offset.is_object() && offset.contains("offset") && offset["offset"].is_number_integer();
      starts[tp] = resumed ? offset["offset"].get<int64_t>() + 1 : client::PartitionReader::kBeginning;
    }
    if (!starts.empty()) {
      Status s = reader_->assign(starts);
      if (!s.ok()) return s;
    }
    checkpointing_ = context.task_id == 0 && settings_.emit_checkpoints;
    if (settings_.emit_offset_syncs || checkpointing_) {
      auto target = client::KafkaHandle::create(settings_.target_bootstrap);
      if (!target.ok()) return target.status();
      target_ = std::move(*target);
      auto producer = client::Producer::create(settings_.target_bootstrap);
      if (!producer.ok()) return producer.status();
      producer_ = std::move(*producer);
    }
    if (checkpointing_) {
      auto source = client::KafkaHandle::create(settings_.source_bootstrap);
      if (!source.ok()) return source.status();
      source_ = std::move(*source);
      // The first checkpoints come one interval in, once offset syncs exist.
      next_checkpoint_ = Clock::now() + std::chrono::seconds(settings_.emit_checkpoints_interval_s);
    }
    return Status();
  }

  Result<std::vector<SourceRecord>> poll() override {
    if (checkpointing_ && Clock::now() >= next_checkpoint_) {
      emit_checkpoints();
      next_checkpoint_ = Clock::now() + std::chrono::seconds(settings_.emit_checkpoints_interval_s);
    }
    auto records = reader_->poll(500, 1000);
    if (!records.ok()) return records.status();
    std::vector<SourceRecord> out;
    out.reserve(records->size());
    for (auto& r : *records) {
      SourceRecord s;
      s.topic = settings_.remote_topic(r.topic);
      s.kafka_partition = r.partition;
      s.key = bytes_of(r.key);
      s.value = bytes_of(r.value);
      s.timestamp_ms = r.timestamp_ms > 0 ? r.timestamp_ms : 0;
      for (auto& [name, value] : r.headers) s.headers.push_back({name, value});
      s.source_partition = source_partition({r.topic, r.partition});
      s.source_offset = {{"offset", r.offset}};
      unsynced_[{r.topic, r.partition}].add(r.offset);
      out.push_back(std::move(s));
    }
    return out;
  }

  // Everything polled is now in the target, and the mirrored topic holds these records at its end in
  // the same order (only the mirror writes there): the newest one sits at the log end - 1 and the
  // others count back from it. Syncs go out for the first and last record of the batch and around
  // every gap in the source offsets, so translation between them is exact.
  void commit() override {
    if (!settings_.emit_offset_syncs || unsynced_.empty()) return;
    client::GroupAdmin admin(*target_);
    for (auto it = unsynced_.begin(); it != unsynced_.end();) {
      const auto& [tp, batch] = *it;
      auto marks = admin.watermarks(settings_.remote_topic(tp.first), tp.second);
      if (!marks.ok() || marks->second < batch.count()) {
        ++it;  // retried after the next commit
        continue;
      }
      int64_t last_downstream = marks->second - 1;
      bool sent_all = true;
      for (const auto& [index, upstream] : batch.sync_points()) {
        OffsetSync sync{tp.first, tp.second, upstream, last_downstream - (batch.count() - 1 - index)};
        Status sent = producer_->send({settings_.offset_syncs_topic(), -1, offset_sync_key(sync),
                                       offset_sync_value(sync), 0, {}});
        if (!(sent_all = sent.ok())) break;
      }
      if (!sent_all) break;
      it = unsynced_.erase(it);
    }
    Status flushed = producer_->flush();
    if (!flushed.ok())
      component_logger("connect")->warn("mirror_offset_syncs_failed source={} error=\"{}\"", settings_.source_alias,
                                        flushed.message());
  }

  void stop() override {
    reader_.reset();
    producer_.reset();
  }

 private:
  nlohmann::json source_partition(const TopicPartition& tp) const {
    return {{"cluster", settings_.source_alias}, {"topic", tp.first}, {"partition", tp.second}};
  }

  // Failures are logged and retried next interval: checkpoints lag, records keep flowing.
  void emit_checkpoints() {
    auto log = component_logger("connect");
    client::GroupAdmin source(*source_);
    client::GroupAdmin target(*target_);
    auto groups = source.list();
    if (!groups.ok()) return log->warn("mirror_checkpoints_failed error=\"{}\"", groups.status().message());
    auto syncs = load_offset_syncs(settings_.target_bootstrap, settings_.offset_syncs_topic());
    if (!syncs.ok()) return log->warn("mirror_checkpoints_failed error=\"{}\"", syncs.status().message());
    NameFilter filter = settings_.group_filter();
    for (const auto& g : *groups) {
      if (!filter.matches(g.group_id)) continue;
      auto checkpoints = translate_group(source, g.group_id, settings_, *syncs);
      if (!checkpoints.ok()) {
        log->warn("mirror_checkpoint_failed group={} error=\"{}\"", g.group_id, checkpoints.status().message());
        continue;
      }
      for (const auto& c : *checkpoints)
        (void)producer_->send({settings_.checkpoints_topic(), -1, checkpoint_key(c), checkpoint_value(c), 0, {}});
      if (settings_.sync_group_offsets && !checkpoints->empty()) sync_group(target, g.group_id, *checkpoints);
    }
    Status flushed = producer_->flush();
    if (!flushed.ok()) log->warn("mirror_checkpoints_failed error=\"{}\"", flushed.message());
  }

  // Only a group nobody consumes with on the target is moved, and only forward.
  void sync_group(client::GroupAdmin& target, const std::string& group, const std::vector<Checkpoint>& checkpoints) {
    auto description = target.describe(group);
    if (description.ok() && !description->members.empty()) return;
    auto forward = forward_offsets(target, group, checkpoints);
    if (!forward.ok() || forward->empty()) return;
    Status s = target.alter(group, *forward);
    if (!s.ok())
      component_logger("connect")->warn("mirror_group_sync_failed group={} error=\"{}\"", group, s.message());
  }

  MirrorSettings settings_;
  std::unique_ptr<client::PartitionReader> reader_;
  std::unique_ptr<client::KafkaHandle> source_;
  std::unique_ptr<client::KafkaHandle> target_;
  std::unique_ptr<client::Producer> producer_;
  std::map<TopicPartition, MirroredBatch> unsynced_;  // mirrored since the last offset syncs
  bool checkpointing_ = false;
  Clock::time_point next_checkpoint_;
};

}  // namespace

std::unique_ptr<SourceTask> make_mirror_task() { return std::make_unique<MirrorSourceTask>(); }

}  // namespace tributary::connect::mirror
