#include "broker/topic_manager.h"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <random>

#include "common/clock.h"
#include "common/logging.h"

namespace tributary::broker {
namespace fs = std::filesystem;

struct TopicManager::Topic {
  std::string name;
  TopicId id{};
  std::vector<std::shared_ptr<Partition>> partitions;
  std::map<std::string, std::string> overrides;
};

namespace {

constexpr size_t kMaxTopicNameLength = 249;

TopicId random_topic_id() {
  static std::mutex mutex;
  static std::mt19937_64 rng(std::random_device{}());
  std::lock_guard lock(mutex);
  TopicId id;
  for (size_t i = 0; i < id.size(); i += 8) {
    uint64_t v = rng();
    std::memcpy(id.data() + i, &v, 8);
  }
  return id;
}

Result<TopicId> topic_id_from_string(const std::string& hex) {
  TopicId id{};
  if (hex.size() != 32) return Status::error(Errc::corrupt, "bad topic id " + hex);
  for (size_t i = 0; i < 16; ++i) id[i] = static_cast<uint8_t>(std::stoi(hex.substr(i * 2, 2), nullptr, 16));
  return id;
}

// Writes `content` to `path` atomically: temp file, fdatasync, rename, fsync of the directory.
Status write_file_durably(const fs::path& path, const std::string& content) {
  fs::path tmp = path;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::error(Errc::io_error, "cannot write " + tmp.string());
  bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) && ::fdatasync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) return Status::error(Errc::io_error, "cannot write " + path.string());
  int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Status();
}

ConfigValues to_values(const std::map<std::string, std::string>& overrides) {
  ConfigValues values(&topic_config_table());
  for (const auto& [k, v] : overrides) values.set(k, v);
  return values;
}

}  // namespace

std::string topic_id_to_string(const TopicId& id) {
  std::string out;
  for (uint8_t b : id) out += fmt::format("{:02x}", b);
  return out;
}

void Partition::on_next_append(std::weak_ptr<void> owner, std::function<void()> wake) {
  std::lock_guard lock(waiters_mutex_);
  std::erase_if(waiters_, [](const Waiter& w) { return w.owner.expired(); });
  waiters_.push_back({std::move(owner), std::move(wake)});
}

void Partition::notify_appended() {
  std::vector<Waiter> waiters;
  {
    std::lock_guard lock(waiters_mutex_);
    if (waiters_.empty()) return;
    waiters.swap(waiters_);
  }
  for (auto& w : waiters)
    if (!w.owner.expired()) w.wake();
}

TopicManager::TopicManager(const BrokerConfig& config, fs::path log_dir)
    : config_(config), log_dir_(std::move(log_dir)), catalogue_dir_(log_dir_ / ".topics") {}

TopicManager::~TopicManager() { close_all(); }

Status TopicManager::validate_topic_name(const std::string& name) {
  if (name.empty()) return Status::error(Errc::invalid_argument, "topic name is empty");
  if (name == "." || name == "..") return Status::error(Errc::invalid_argument, "topic name cannot be '.' or '..'");
  if (name.size() > kMaxTopicNameLength)
    return Status::error(Errc::invalid_argument, fmt::format("topic name is longer than {} characters", kMaxTopicNameLength));
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'))
      return Status::error(Errc::invalid_argument,
                           fmt::format("topic name '{}' has an illegal character; legal are ASCII letters, digits, '.', '_' and '-'", name));
  }
  return Status();
}

fs::path TopicManager::partition_dir(const std::string& topic, int32_t index) const {
  return log_dir_ / fmt::format("{}-{}", topic, index);
}

Status TopicManager::load() {
  std::error_code ec;
  fs::create_directories(catalogue_dir_, ec);
  if (ec) return Status::error(Errc::io_error, fmt::format("cannot create {}: {}", catalogue_dir_.string(), ec.message()));
  auto log = component_logger("broker");
  std::unique_lock lock(mutex_);
  for (const auto& entry : fs::directory_iterator(catalogue_dir_)) {
    if (entry.path().extension() != ".json") continue;
    nlohmann::json j;
    try {
      std::ifstream in(entry.path());
      j = nlohmann::json::parse(in);
      auto id = topic_id_from_string(j.at("id").get<std::string>());
      if (!id.ok()) return id.status();
      auto topic = open_topic(j.at("name"), *id, j.at("partitions").get<int32_t>(),
                              j.at("configs").get<std::map<std::string, std::string>>());
      if (!topic.ok()) return topic.status();
      topics_[(*topic)->name] = *topic;
    } catch (const std::exception& e) {
      return Status::error(Errc::corrupt, fmt::format("bad topic catalogue entry {}: {}", entry.path().string(), e.what()));
    }
  }
  // Partition directories whose topic is gone are leftovers of a deletion cut short by a crash.
  for (const auto& entry : fs::directory_iterator(log_dir_)) {
    if (!entry.is_directory() || entry.path() == catalogue_dir_) continue;
    std::string dir = entry.path().filename().string();
    auto dash = dir.rfind('-');
    // Only "<topic>-<partition>" names are partition directories; other services' folders in the
    // data directory (sql-state, ...) are not the broker's to remove.
    auto index = dash == std::string::npos ? std::nullopt : parse_long(dir.substr(dash + 1));
    if (!index) continue;
    bool owned = false;
    auto it = topics_.find(dir.substr(0, dash));
    if (it != topics_.end()) owned = *index < static_cast<int64_t>(it->second->partitions.size());
    if (!owned) {
      log->warn("removing_orphan_partition_dir dir={}", entry.path().string());
      TRY_STATUS(storage::PartitionLog::remove_all(entry.path()));
    }
  }
  log->info("topics_loaded count={} log_dir={}", topics_.size(), log_dir_.string());
  return Status();
}

void TopicManager::close_all() {
  std::unique_lock lock(mutex_);
  for (auto& [name, topic] : topics_)
    for (auto& p : topic->partitions) p->log().close();
  topics_.clear();
}

Status TopicManager::validate_configs(const std::map<std::string, std::string>& configs) const {
  const ConfigTable& table = topic_config_table();
  for (const auto& [name, value] : configs) {
    const ConfigKey* key = table.find(name);
    if (!key) return Status::error(Errc::invalid_argument, fmt::format("unknown topic configuration '{}'", name));
    TRY_STATUS(table.validate(*key, value));
  }
  return Status();
}

Status TopicManager::open_partitions(Topic& topic, int32_t from, int32_t to) {
  storage::LogConfig log_config = make_log_config(config_, to_values(topic.overrides));
  for (int32_t i = from; i < to; ++i) {
    auto log = storage::PartitionLog::open(partition_dir(topic.name, i), log_config);
    if (!log.ok()) return log.status();
    topic.partitions.push_back(std::make_shared<Partition>(topic.name, i, std::move(*log)));
  }
  return Status();
}

Result<std::shared_ptr<TopicManager::Topic>> TopicManager::open_topic(const std::string& name, const TopicId& id,
                                                                      int32_t partitions,
                                                                      const std::map<std::string, std::string>& configs) {
  auto topic = std::make_shared<Topic>();
  topic->name = name;
  topic->id = id;
  topic->overrides = configs;
  TRY_STATUS(open_partitions(*topic, 0, partitions));
  return topic;
}

Status TopicManager::write_catalogue_entry(const Topic& topic) const {
  nlohmann::json j = {{"name", topic.name},
                      {"id", topic_id_to_string(topic.id)},
                      {"partitions", topic.partitions.size()},
                      {"configs", topic.overrides}};
  return write_file_durably(catalogue_dir_ / (topic.name + ".json"), j.dump(2));
}

Result<TopicSnapshot> TopicManager::create_locked(const std::string& name, int32_t partitions,
                                                  const std::map<std::string, std::string>& configs,
                                                  bool validate_only) {
  TRY_STATUS(validate_topic_name(name));
  if (topics_.count(name)) return Status::error(Errc::already_exists, fmt::format("Topic '{}' already exists.", name));
  if (partitions == -1) partitions = config_.num_partitions();
  if (partitions <= 0)
    return Status::error(Errc::out_of_range, fmt::format("Number of partitions must be larger than 0, got {}.", partitions));
  TRY_STATUS(validate_configs(configs));
  if (validate_only) {
    TopicSnapshot s;
    s.name = name;
    return s;
  }
  auto topic = open_topic(name, random_topic_id(), partitions, configs);
  if (!topic.ok()) return topic.status();
  TRY_STATUS(write_catalogue_entry(**topic));
  topics_[name] = *topic;
  component_logger("broker")->info("topic_created topic={} partitions={}", name, partitions);
  return snapshot(**topic);
}

Result<TopicSnapshot> TopicManager::create(const std::string& name, int32_t partitions,
                                           const std::map<std::string, std::string>& configs, bool validate_only) {
  std::unique_lock lock(mutex_);
  return create_locked(name, partitions, configs, validate_only);
}

Result<TopicSnapshot> TopicManager::get_or_auto_create(const std::string& name, bool allow_auto_create) {
  if (auto existing = find(name)) return *existing;
  if (!allow_auto_create || !config_.auto_create_topics())
    return Status::error(Errc::not_found, fmt::format("unknown topic '{}'", name));
  std::unique_lock lock(mutex_);
  if (auto it = topics_.find(name); it != topics_.end()) return snapshot(*it->second);  // lost a race: fine
  return create_locked(name, -1, {}, false);
}

Status TopicManager::remove(const std::string& name) {
  std::shared_ptr<Topic> topic;
  {
    std::unique_lock lock(mutex_);
    auto it = topics_.find(name);
    if (it == topics_.end()) return Status::error(Errc::not_found, fmt::format("unknown topic '{}'", name));
    topic = it->second;
    topics_.erase(it);
    // The catalogue entry goes first: a crash after this point leaves only orphans that load() removes.
    std::error_code ec;
    fs::remove(catalogue_dir_ / (name + ".json"), ec);
  }
  for (auto& p : topic->partitions) {
    p->log().close();
    p->notify_appended();  // wake long polls so they notice the topic is gone
    TRY_STATUS(storage::PartitionLog::remove_all(partition_dir(name, p->index())));
  }
  component_logger("broker")->info("topic_deleted topic={}", name);
  return Status();
}

Status TopicManager::add_partitions(const std::string& name, int32_t total, bool validate_only) {
  std::unique_lock lock(mutex_);
  auto it = topics_.find(name);
  if (it == topics_.end()) return Status::error(Errc::not_found, fmt::format("unknown topic '{}'", name));
  Topic& topic = *it->second;
  int32_t current = static_cast<int32_t>(topic.partitions.size());
  if (total <= current)
    return Status::error(Errc::out_of_range,
                         fmt::format("Topic currently has {} partitions, which is higher than or equal to the requested {}.", current, total));
  if (validate_only) return Status();
  // Readers hold copies of the partition list, so the topic gets a new list instead of a mutated one.
  auto grown = std::make_shared<Topic>(topic);
  TRY_STATUS(open_partitions(*grown, current, total));
  TRY_STATUS(write_catalogue_entry(*grown));
  it->second = grown;
  return Status();
}

Status TopicManager::apply_overrides(const std::string& name, std::map<std::string, std::string> configs,
                                     bool validate_only) {
  TRY_STATUS(validate_configs(configs));
  if (validate_only) return Status();
  auto it = topics_.find(name);
  auto updated = std::make_shared<Topic>(*it->second);
  updated->overrides = std::move(configs);
  TRY_STATUS(write_catalogue_entry(*updated));
  storage::LogConfig log_config = make_log_config(config_, to_values(updated->overrides));
  for (auto& p : updated->partitions) p->log().update_config(log_config);
  it->second = updated;
  return Status();
}

Status TopicManager::replace_configs(const std::string& name, const std::map<std::string, std::string>& configs,
                                     bool validate_only) {
  std::unique_lock lock(mutex_);
  if (!topics_.count(name)) return Status::error(Errc::not_found, fmt::format("unknown topic '{}'", name));
  return apply_overrides(name, configs, validate_only);
}

Status TopicManager::alter_configs(const std::string& name, const std::vector<ConfigChange>& changes,
                                   bool validate_only) {
  std::unique_lock lock(mutex_);
  auto it = topics_.find(name);
  if (it == topics_.end()) return Status::error(Errc::not_found, fmt::format("unknown topic '{}'", name));
  auto configs = it->second->overrides;
  for (const auto& change : changes) {
    const ConfigKey* key = topic_config_table().find(change.name);
    if (!key) return Status::error(Errc::invalid_argument, fmt::format("unknown topic configuration '{}'", change.name));
    bool is_list = key->type == ConfigType::list;
    switch (change.op) {
      case AlterOp::set: configs[change.name] = change.value; break;
      case AlterOp::remove: configs.erase(change.name); break;
      case AlterOp::append:
      case AlterOp::subtract: {
        if (!is_list) return Status::error(Errc::invalid_argument, fmt::format("{} is not a list: cannot APPEND or SUBTRACT", change.name));
        auto items = split_list(effective_topic_value(config_, to_values(configs), change.name));
        for (const auto& item : split_list(change.value)) {
          auto pos = std::find(items.begin(), items.end(), item);
          if (change.op == AlterOp::append && pos == items.end()) items.push_back(item);
          if (change.op == AlterOp::subtract && pos != items.end()) items.erase(pos);
        }
        configs[change.name] = fmt::format("{}", fmt::join(items, ","));
        break;
      }
    }
  }
  return apply_overrides(name, std::move(configs), validate_only);
}

TopicSnapshot TopicManager::snapshot(const Topic& topic) const {
  // Kafka reports its group-offsets topic as internal (is_internal in Metadata).
  bool internal = topic.name.rfind("__consumer_offsets", 0) == 0;
  return TopicSnapshot{topic.name, topic.id, topic.partitions, topic.overrides, internal};
}

std::optional<TopicSnapshot> TopicManager::find(const std::string& name) const {
  std::shared_lock lock(mutex_);
  auto it = topics_.find(name);
  if (it == topics_.end()) return std::nullopt;
  return snapshot(*it->second);
}

std::optional<TopicSnapshot> TopicManager::find_by_id(const TopicId& id) const {
  std::shared_lock lock(mutex_);
  for (const auto& [name, topic] : topics_)
    if (topic->id == id) return snapshot(*topic);
  return std::nullopt;
}

std::shared_ptr<Partition> TopicManager::partition(const std::string& topic, int32_t index) const {
  std::shared_lock lock(mutex_);
  auto it = topics_.find(topic);
  if (it == topics_.end() || index < 0 || index >= static_cast<int32_t>(it->second->partitions.size())) return nullptr;
  return it->second->partitions[index];
}

std::vector<TopicSnapshot> TopicManager::list() const {
  std::shared_lock lock(mutex_);
  std::vector<TopicSnapshot> out;
  for (const auto& [name, topic] : topics_) out.push_back(snapshot(*topic));
  return out;
}

std::vector<std::shared_ptr<Partition>> TopicManager::all_partitions() const {
  std::shared_lock lock(mutex_);
  std::vector<std::shared_ptr<Partition>> out;
  for (const auto& [name, topic] : topics_) out.insert(out.end(), topic->partitions.begin(), topic->partitions.end());
  return out;
}

void TopicManager::maintain(int64_t now) {
  for (auto& p : all_partitions()) {
    Status s = p->log().maintain(now);
    if (!s.ok()) component_logger("storage")->error("maintenance_failed topic={} partition={} error=\"{}\"", p->topic(), p->index(), s.to_string());
  }
}

}  // namespace tributary::broker
