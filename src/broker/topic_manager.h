// Topics and their partitions: creation (explicit and automatic), deletion, partition growth,
// topic-level configs, and the on-disk catalogue that brings them back after a restart.
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "broker/broker_config.h"
#include "broker/broker_metrics.h"
#include "common/status.h"
#include "storage/partition_log.h"

namespace tributary::broker {

using TopicId = std::array<uint8_t, 16>;

// One partition's log plus the fetches waiting for it to grow.
class Partition {
 public:
  Partition(std::string topic, int32_t index, std::unique_ptr<storage::PartitionLog> log)
      : topic_(std::move(topic)), index_(index), log_(std::move(log)), traffic_(&topic_traffic(topic_)) {}

  const std::string& topic() const { return topic_; }
  int32_t index() const { return index_; }
  storage::PartitionLog& log() { return *log_; }
  // The topic's produce/fetch counters, looked up once here so the request path only adds.
  const TopicTraffic& traffic() const { return *traffic_; }

  // `wake` runs once, on the appending thread, after the next append (fetch long polls use it);
  // it is dropped unrun once `owner` has expired, so abandoned waits do not pile up.
  void on_next_append(std::weak_ptr<void> owner, std::function<void()> wake);
  void notify_appended();

 private:
  std::string topic_;
  int32_t index_;
  std::unique_ptr<storage::PartitionLog> log_;
  const TopicTraffic* traffic_;
  std::mutex waiters_mutex_;
  struct Waiter {
    std::weak_ptr<void> owner;
    std::function<void()> wake;
  };
  std::vector<Waiter> waiters_;
};

// A consistent copy of one topic's state: safe to use without holding the manager's lock.
struct TopicSnapshot {
  std::string name;
  TopicId id{};
  std::vector<std::shared_ptr<Partition>> partitions;
  std::map<std::string, std::string> overrides;  // explicit topic configs
  bool internal = false;
};

enum class AlterOp : int8_t { set = 0, remove = 1, append = 2, subtract = 3 };
struct ConfigChange {
  std::string name;
  AlterOp op;
  std::string value;
};

class TopicManager {
 public:
  TopicManager(const BrokerConfig& config, std::filesystem::path log_dir);
  ~TopicManager();

  // Opens every topic of the catalogue (recovering logs as needed) and removes leftovers of deletions.
  Status load();
  void close_all();

  // Errors: invalid name -> invalid_argument, exists -> already_exists, bad config -> invalid_argument.
  Result<TopicSnapshot> create(const std::string& name, int32_t partitions,
                               const std::map<std::string, std::string>& configs, bool validate_only);
  // The topic, creating it with broker defaults when auto-creation is on and `allow_auto_create`.
  Result<TopicSnapshot> get_or_auto_create(const std::string& name, bool allow_auto_create);
  Status remove(const std::string& name);
  Status add_partitions(const std::string& name, int32_t total, bool validate_only);
  // Replaces every override (AlterConfigs) or applies changes (IncrementalAlterConfigs).
  Status replace_configs(const std::string& name, const std::map<std::string, std::string>& configs, bool validate_only);
  Status alter_configs(const std::string& name, const std::vector<ConfigChange>& changes, bool validate_only);

  std::optional<TopicSnapshot> find(const std::string& name) const;
  std::optional<TopicSnapshot> find_by_id(const TopicId& id) const;
  std::shared_ptr<Partition> partition(const std::string& topic, int32_t index) const;
  std::vector<TopicSnapshot> list() const;
  std::vector<std::shared_ptr<Partition>> all_partitions() const;
  // Where the partitions' directories live (DescribeLogDirs reports it).
  const std::filesystem::path& log_dir() const { return log_dir_; }

  // Retention, age-based rolls and compaction over every partition.
  void maintain(int64_t now_ms);

  static Status validate_topic_name(const std::string& name);

 private:
  struct Topic;
  Status validate_configs(const std::map<std::string, std::string>& configs) const;
  Result<std::shared_ptr<Topic>> open_topic(const std::string& name, const TopicId& id, int32_t partitions,
                                            const std::map<std::string, std::string>& configs);
  Status open_partitions(Topic& topic, int32_t from, int32_t to);
  Status write_catalogue_entry(const Topic& topic) const;
  Result<TopicSnapshot> create_locked(const std::string& name, int32_t partitions,
                                      const std::map<std::string, std::string>& configs, bool validate_only);
  Status apply_overrides(const std::string& name, std::map<std::string, std::string> configs, bool validate_only);
  TopicSnapshot snapshot(const Topic& topic) const;
  std::filesystem::path partition_dir(const std::string& topic, int32_t index) const;

  const BrokerConfig& config_;
  std::filesystem::path log_dir_;
  std::filesystem::path catalogue_dir_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<Topic>> topics_;
};

std::string topic_id_to_string(const TopicId& id);

}  // namespace tributary::broker
