#include "connect/connectors/mirror/mirror_source.h"

#include <algorithm>
#include <map>
#include <memory>

#include "client/partition_reader.h"
#include "client/topic_admin.h"
#include "client/topic_configs.h"
#include "common/logging.h"
#include "connect/connectors/mirror/mirror_config.h"
#include "connect/connectors/mirror/mirror_task.h"

namespace tributary::connect::mirror {
namespace {

const char* kByteArray = "org.apache.kafka.connect.converters.ByteArrayConverter";

bool is_byte_array(const Config& c, const std::string& key) {
  auto it = c.find(key);
  return it != c.end() && (it->second == kByteArray || it->second == "ByteArrayConverter");
}

Status ensure_topic(client::TopicAdmin& admin, const std::string& topic, int32_t partitions, int16_t rf,
                    const std::map<std::string, std::string>& configs) {
  Status s = admin.create(topic, partitions, rf, configs);
  if (s.ok() || s.code() == Errc::already_exists) return Status();
  return s;
}

class MirrorSourceConnector : public SourceConnector {
 public:
  const ConfigDef& config_def() const override { return mirror_config_def(); }

  std::vector<std::pair<std::string, std::string>> validate_more(const Config& config) const override {
    std::vector<std::pair<std::string, std::string>> errors;
    // Records are copied as bytes; any other converter would re-encode (or refuse) them.
    for (const char* key : {"key.converter", "value.converter"})
      if (!is_byte_array(config, key))
        errors.emplace_back(key, std::string("The mirror copies bytes: set ") + key + " to " + kByteArray);
    return errors;
  }

  Status start(const Config& config) override {
    config_ = config;
    settings_ = MirrorSettings::from(config);
    partitions_.clear();
    auto source = client::KafkaHandle::create(settings_.source_bootstrap);
    if (!source.ok()) return source.status();
    auto target = client::KafkaHandle::create(settings_.target_bootstrap);
    if (!target.ok()) return target.status();
    client::TopicAdmin source_admin(**source);
    client::TopicAdmin target_admin(**target);
    auto topics = source_admin.list();
    if (!topics.ok()) return Status::error(topics.status().code(), "source cluster " + settings_.source_alias + ": " +
                                                                       topics.status().message());
    NameFilter filter = settings_.topic_filter();
    auto log = component_logger("connect");
    for (const auto& [topic, count] : *topics) {
      if (!filter.matches(topic)) continue;
      std::map<std::string, std::string> configs;
      if (settings_.sync_topic_configs) {
        auto overrides = client::topic_config_overrides(**source, topic);
        if (overrides.ok()) configs = *overrides;
        else log->warn("mirror_topic_configs_unavailable topic={} error=\"{}\"", topic, overrides.status().message());
      }
      Status created = ensure_topic(target_admin, settings_.remote_topic(topic), count, settings_.replication_factor,
                                    configs);
      if (!created.ok()) return created;
      for (int32_t p = 0; p < count; ++p) partitions_.emplace_back(topic, p);
    }
    const std::map<std::string, std::string> compacted{{"cleanup.policy", "compact"}};
    if (settings_.emit_offset_syncs) {
      Status s = ensure_topic(target_admin, settings_.offset_syncs_topic(), 1, settings_.replication_factor, compacted);
      if (!s.ok()) return s;
    }
    if (settings_.emit_checkpoints) {
      Status s = ensure_topic(target_admin, settings_.checkpoints_topic(), 1, settings_.replication_factor, compacted);
      if (!s.ok()) return s;
    }
    log->info("mirror_started source={} topics_partitions={}", settings_.source_alias, partitions_.size());
    return Status();
  }

  // Partitions dealt round-robin; at least one task, since task 0 also emits checkpoints.
  std::vector<Config> task_configs(int max_tasks) override {
    int n = std::max(1, std::min<int>(max_tasks, static_cast<int>(partitions_.size())));
    std::vector<std::string> assigned(n);
    for (std::size_t i = 0; i < partitions_.size(); ++i) {
      std::string& list = assigned[i % n];
      if (!list.empty()) list += ",";
      list += partitions_[i].first + ":" + std::to_string(partitions_[i].second);
    }
    std::vector<Config> out;
    for (int i = 0; i < n; ++i) {
      Config c = config_;
      c[kAssignedPartitionsKey] = assigned[i];
      out.push_back(std::move(c));
    }
    return out;
  }

  void stop() override {}

  std::unique_ptr<SourceTask> create_task() override { return make_mirror_task(); }

 private:
  Config config_;
  MirrorSettings settings_;
  std::vector<std::pair<std::string, int32_t>> partitions_;
};

}  // namespace

ConnectorPlugin mirror_source_plugin() {
  return {.class_name = "org.apache.kafka.connect.mirror.MirrorSourceConnector",
          .aliases = {"MirrorSource", "MirrorSourceConnector"},
          .type = ConnectorType::source,
          .version = "0.1.0",
          .create = [] { return std::make_unique<MirrorSourceConnector>(); },
          .config_def = []() -> const ConfigDef& { return mirror_config_def(); }};
}

}  // namespace tributary::connect::mirror
