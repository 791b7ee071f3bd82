#include "sql_engine_stores.h"

namespace tributary::bench {

int32_t CountingTopicStore::partitions(const std::string& topic) const {
  auto it = topics_.find(topic);
  return it == topics_.end() ? 0 : it->second;
}

Status CountingTopicStore::create(const std::string& topic, int32_t partitions) {
  if (!topics_.emplace(topic, std::max(partitions, 1)).second)
    return Status::error(Errc::already_exists, "Topic '" + topic + "' already exists");
  return Status();
}

Status CountingTopicStore::remove(const std::string& topic) {
  if (!topics_.erase(topic)) return Status::error(Errc::not_found, "Topic '" + topic + "' does not exist");
  return Status();
}

std::vector<std::string> CountingTopicStore::list() const {
  std::vector<std::string> out;
  for (const auto& [name, partitions] : topics_) out.push_back(name);
  return out;
}

void CountingTopicStore::produce(sql::KafkaRecord record) {
  if (!topics_.count(record.topic)) topics_.emplace(record.topic, 1);
  ++counts_[record.topic];
  bytes_ += static_cast<int64_t>((record.key ? record.key->size() : 0) + (record.value ? record.value->size() : 0));
  last = std::move(record);
}

int64_t CountingTopicStore::records(const std::string& topic) const {
  auto it = counts_.find(topic);
  return it == counts_.end() ? 0 : it->second;
}

namespace {

class TimedStateStore : public sql::StateStore {
 public:
  TimedStateStore(std::unique_ptr<sql::StateStore> inner, StateCallStats& stats, bool timing)
      : inner_(std::move(inner)), stats_(stats), timing_(timing) {}

  std::optional<std::string> get(std::string_view key) const override {
    ++stats_.gets;
    if (!timing_) return inner_->get(key);
    int64_t t0 = now_ns();
    auto v = inner_->get(key);
    stats_.get_ns += now_ns() - t0;
    return v;
  }
  void put(std::string_view key, std::string_view value) override {
    ++stats_.puts;
    // An aggregate's state (keys starting with 'W'/'A' hold encoded aggregate states).
    if (!stats_.sample_value && !key.empty() && (key[0] == 'W' || key[0] == 'A')) stats_.sample_value = std::string(value);
    if (!timing_) return inner_->put(key, value);
    int64_t t0 = now_ns();
    inner_->put(key, value);
    stats_.put_ns += now_ns() - t0;
  }
  void remove(std::string_view key) override {
    ++stats_.removes;
    int64_t t0 = timing_ ? now_ns() : 0;
    inner_->remove(key);
    if (timing_) stats_.other_ns += now_ns() - t0;
  }
  std::vector<sql::StateEntry> scan_prefix(std::string_view prefix) const override {
    ++stats_.scans;
    int64_t t0 = timing_ ? now_ns() : 0;
    auto v = inner_->scan_prefix(prefix);
    if (timing_) stats_.other_ns += now_ns() - t0;
    return v;
  }
  std::vector<sql::StateEntry> scan_range(std::string_view from, std::string_view to) const override {
    ++stats_.scans;
    int64_t t0 = timing_ ? now_ns() : 0;
    auto v = inner_->scan_range(from, to);
    if (timing_) stats_.other_ns += now_ns() - t0;
    return v;
  }
  void clear() override { inner_->clear(); }
  void set_flush_hook(std::function<void()> hook) override { inner_->set_flush_hook(std::move(hook)); }

 private:
  std::unique_ptr<sql::StateStore> inner_;
  StateCallStats& stats_;
  bool timing_;
};

}  // namespace

std::unique_ptr<sql::StateStore> TimedStateStoreFactory::open(const std::string& query_id,
                                                              const std::string& store_name) {
  auto inner = inner_->open(query_id, store_name);
  if (!inner) return nullptr;
  return std::make_unique<TimedStateStore>(std::move(inner), stats_, timing_);
}

}  // namespace tributary::bench
