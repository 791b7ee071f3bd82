#include "connect/connectors/mirror/mirror_source.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "client/partition_reader.h"
#include "client/topic_admin.h"
#include "client/topic_configs.h"
#include "common/logging.h"
#include "connect/connectors/mirror/mirror_config.h"
#include "connect/connectors/mirror/mirror_task.h"
#include "common/thread_name.h"

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

  ~MirrorSourceConnector() override { stop(); }

  Status start(const Config& config) override {
    config_ = config;
    settings_ = MirrorSettings::from(config);
    known_topics_.clear();
    auto source = client::KafkaHandle::create(settings_.source_bootstrap);
    if (!source.ok()) return source.status();
    auto target = client::KafkaHandle::create(settings_.target_bootstrap);
    if (!target.ok()) return target.status();
    source_ = std::move(*source);
    target_ = std::move(*target);
    auto found = sync_topics();
    if (!found.ok()) return found.status();
    {
      std::lock_guard lock(partitions_mu_);
      partitions_ = std::move(*found);
    }
    client::TopicAdmin target_admin(*target_);
    const std::map<std::string, std::string> compacted{{"cleanup.policy", "compact"}};
    if (settings_.emit_offset_syncs) {
      Status s = ensure_topic(target_admin, settings_.offset_syncs_topic(), 1, settings_.replication_factor, compacted);
      if (!s.ok()) return s;
    }
    if (settings_.emit_checkpoints) {
      Status s = ensure_topic(target_admin, settings_.checkpoints_topic(), 1, settings_.replication_factor, compacted);
      if (!s.ok()) return s;
    }
    component_logger("connect")->info("mirror_started source={} topics_partitions={}", settings_.source_alias,
                                      partition_count());
    if (settings_.refresh_topics) {
      stopping_ = false;
      refresher_ = std::thread([this] {
        name_this_thread("mirror-refresh");
        refresh_loop();
      });
    }
    return Status();
  }

  // Partitions dealt round-robin; at least one task, since task 0 also emits checkpoints.
  std::vector<Config> task_configs(int max_tasks) override {
    std::lock_guard lock(partitions_mu_);
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

  void stop() override {
    {
      std::lock_guard lock(stop_mu_);
      stopping_ = true;
    }
    stop_cv_.notify_all();
    if (refresher_.joinable()) refresher_.join();
  }

  std::unique_ptr<SourceTask> create_task() override { return make_mirror_task(); }

 private:
  using Partitions = std::vector<std::pair<std::string, int32_t>>;

  // The matching source topic-partitions, creating the mirrored topic of each topic not seen before
  // (same partition count and, with sync.topic.configs.enabled, the same configuration overrides).
  // Called by start(), then only by the refresh thread.
  Result<Partitions> sync_topics() {
    client::TopicAdmin source_admin(*source_);
    client::TopicAdmin target_admin(*target_);
    auto topics = source_admin.list();
    if (!topics.ok()) return Status::error(topics.status().code(), "source cluster " + settings_.source_alias + ": " +
                                                                       topics.status().message());
    NameFilter filter = settings_.topic_filter();
    auto log = component_logger("connect");
    Partitions out;
    for (const auto& [topic, source_count] : *topics) {
      if (!filter.matches(topic)) continue;
      int32_t count = source_count;
      auto known = known_topics_.find(topic);
      if (known == known_topics_.end()) {
        std::map<std::string, std::string> configs;
        if (settings_.sync_topic_configs) {
          auto overrides = client::topic_config_overrides(*source_, topic);
          if (overrides.ok()) configs = *overrides;
          else log->warn("mirror_topic_configs_unavailable topic={} error=\"{}\"", topic, overrides.status().message());
        }
        Status created = target_admin.create(settings_.remote_topic(topic), count, settings_.replication_factor,
                                             configs);
        if (created.code() == Errc::already_exists) {
          // Mirrored before: it may lack partitions the source gained meanwhile.
          Status grown = target_admin.add_partitions(settings_.remote_topic(topic), count);
          if (!grown.ok() && grown.code() != Errc::already_exists) return grown;
        } else if (!created.ok()) {
          return created;
        }
        known_topics_[topic] = count;
      } else if (source_count > known->second) {
        // The source topic grew: so does the mirrored one (partition p is mirrored to partition p).
        Status grown = target_admin.add_partitions(settings_.remote_topic(topic), source_count);
        if (grown.ok() || grown.code() == Errc::already_exists) {
          log->info("mirror_partitions_added topic={} partitions={}", topic, source_count);
          known->second = source_count;
        } else {
          log->warn("mirror_partitions_not_added topic={} error=\"{}\"", topic, grown.message());
          count = known->second;
        }
      }
      for (int32_t p = 0; p < count; ++p) out.emplace_back(topic, p);
    }
    return out;
  }

  // Every refresh.topics.interval.seconds: new matching topics are created and the tasks reconfigured.
  void refresh_loop() {
    auto interval = std::chrono::seconds(settings_.refresh_topics_interval_s);
    std::unique_lock lock(stop_mu_);
    while (!stop_cv_.wait_for(lock, interval, [&] { return stopping_; })) {
      lock.unlock();
      refresh();
      lock.lock();
    }
  }

  void refresh() {
    auto log = component_logger("connect");
    auto found = sync_topics();
    if (!found.ok()) {
      log->warn("mirror_refresh_failed source={} error=\"{}\"", settings_.source_alias, found.status().message());
      return;
    }
    std::size_t was;
    {
      std::lock_guard lock(partitions_mu_);
      if (*found == partitions_) return;
      was = partitions_.size();
      partitions_ = std::move(*found);
    }
    log->info("mirror_topics_changed source={} topics_partitions={} was={}", settings_.source_alias,
              partition_count(), was);
    if (context()) context()->request_task_reconfiguration();
  }

  std::size_t partition_count() {
    std::lock_guard lock(partitions_mu_);
    return partitions_.size();
  }

  Config config_;
  MirrorSettings settings_;
  std::unique_ptr<client::KafkaHandle> source_;
  std::unique_ptr<client::KafkaHandle> target_;
  std::map<std::string, int32_t> known_topics_;  // source topic -> partitions mirrored
  std::mutex partitions_mu_;  // task_configs() (worker's thread) vs the refresh thread
  Partitions partitions_;
  std::thread refresher_;
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
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
