#include "connect/connectors/datagen/datagen_connector.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "connect/api/source_task.h"
#include "connect/connectors/datagen/quickstarts.h"

namespace tributary::connect::datagen {
namespace {

using Clock = std::chrono::steady_clock;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), ::tolower);
  return s;
}

const ConfigDef& datagen_def() {
  static const ConfigDef def = [] {
    ConfigDef d;
    d.define({.name = "kafka.topic", .type = ConfigDefType::string, .default_value = std::nullopt,
              .importance = Importance::high, .doc = "Topic to write to.",
              .validator = [](const std::string& v) -> std::optional<std::string> {
                if (v.empty()) return "String must be non-empty";
                return std::nullopt;
              }});
    d.define({.name = "quickstart", .type = ConfigDefType::string, .default_value = std::nullopt,
              .importance = Importance::high,
              .doc = "Which generated data set: " + [] {
                std::string names;
                for (const auto& n : quickstart_names()) names += (names.empty() ? "" : ", ") + n;
                return names;
              }() + ".",
              .validator = [](const std::string& v) -> std::optional<std::string> {
                if (find_quickstart(lower(v))) return std::nullopt;
                std::string names;
                for (const auto& n : quickstart_names()) names += (names.empty() ? "" : ", ") + n;
                return "Unknown quickstart; one of: " + names;
              }});
    d.define({.name = "max.interval", .type = ConfigDefType::long_, .default_value = "500",
              .importance = Importance::medium,
              .doc = "Maximum pause in milliseconds between two records of one task (each pause is random in [0, "
                     "max.interval]); 0 writes as fast as the log accepts.",
              .min = 0});
    d.define({.name = "iterations", .type = ConfigDefType::long_, .default_value = "1000000",
              .importance = Importance::medium, .doc = "Records each task writes; less than 1 means no end."});
    d.define({.name = "schema.keyfield", .type = ConfigDefType::string, .default_value = "",
              .importance = Importance::low, .doc = "Field whose value (as a string) is the record key; the "
                                                    "quickstart's own key field when empty."});
    d.define({.name = "random.seed", .type = ConfigDefType::long_, .default_value = "",
              .importance = Importance::low,
              .doc = "Seed of the random values; with it a record number always yields the same values."});
    return d;
  }();
  return def;
}

class DatagenTask : public SourceTask {
 public:
  Status start(const Config& config, const SourceTaskContext& context) override {
    ParsedConfig parsed(datagen_def(), config);
    quickstart_ = find_quickstart(lower(parsed.get_string("quickstart")));
    if (!quickstart_) return Status::error(Errc::invalid_argument, "unknown quickstart");
    topic_ = parsed.get_string("kafka.topic");
    max_interval_ms_ = parsed.get_long("max.interval");
    iterations_ = parsed.get_long("iterations");
    key_field_ = parsed.get_string("schema.keyfield");
    if (key_field_.empty()) key_field_ = quickstart_->key_field;
    task_id_ = std::stoi(config.at("task.id"));
    task_count_ = std::stoi(config.at("task.count"));
    seed_ = parsed.get_string("random.seed").empty() ? std::random_device{}() : parsed.get_long("random.seed");
    partition_ = {{"task.id", task_id_}};
    nlohmann::json offset = context.offsets->offset(partition_);
    if (offset.is_object() && offset["current.iteration"].is_number_integer())
      next_iteration_ = offset["current.iteration"].get<int64_t>() + 1;
    delay_rng_.seed(seed_ ^ (0x9e3779b97f4a7c15ULL * (task_id_ + 1)));
    next_due_ = Clock::now();
    return Status();
  }

  Result<std::vector<SourceRecord>> poll() override {
    std::vector<SourceRecord> out;
    if (iterations_ > 0 && next_iteration_ >= iterations_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));  // done: nothing more to write
      return out;
    }
    auto now = Clock::now();
    if (now < next_due_) {
      std::this_thread::sleep_for(std::min<Clock::duration>(next_due_ - now, std::chrono::milliseconds(200)));
      if (Clock::now() < next_due_) return out;
    }
    while (out.size() < 1000 && Clock::now() >= next_due_ && (iterations_ <= 0 || next_iteration_ < iterations_)) {
      out.push_back(make_record(next_iteration_++));
      int64_t pause = max_interval_ms_ > 0 ? std::uniform_int_distribution<int64_t>(0, max_interval_ms_)(delay_rng_) : 0;
      next_due_ += std::chrono::milliseconds(pause);
    }
    return out;
  }

  void stop() override {}

 private:
  SourceRecord make_record(int64_t iteration) {
    std::mt19937_64 rng(seed_ + static_cast<uint64_t>(iteration) * 0x100000001b3ULL + static_cast<uint64_t>(task_id_));
    int64_t id = iteration * task_count_ + task_id_;
    int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
    SourceRecord r;
    r.topic = topic_;
    r.value = {quickstart_->value_schema, quickstart_->generate(rng, id, now_ms)};
    const nlohmann::json& key = r.value.value[key_field_];
    if (!key.is_null()) r.key = {schema::primitive("string"), key.is_string() ? key.get<std::string>() : key.dump()};
    r.timestamp_ms = now_ms;
    r.source_partition = partition_;
    r.source_offset = {{"current.iteration", iteration}};
    return r;
  }

  const Quickstart* quickstart_ = nullptr;
  std::string topic_;
  std::string key_field_;
  int64_t max_interval_ms_ = 500;
  int64_t iterations_ = 0;
  int task_id_ = 0;
  int task_count_ = 1;
  uint64_t seed_ = 0;
  nlohmann::json partition_;
  int64_t next_iteration_ = 0;
  std::mt19937_64 delay_rng_;
  Clock::time_point next_due_;
};

class DatagenConnector : public SourceConnector {
 public:
  const ConfigDef& config_def() const override { return datagen_def(); }
  std::vector<std::pair<std::string, std::string>> validate_more(const Config& config) const override {
    auto it = config.find("schema.keyfield");
    if (it == config.end() || it->second.empty()) return {};
    const Quickstart* q = find_quickstart(lower(config.at("quickstart")));
    for (const auto& f : q->value_schema["fields"])
      if (f["field"] == it->second) return {};
    return {{"schema.keyfield", "Invalid value " + it->second +
                                    " for configuration schema.keyfield: not a field of the quickstart's schema"}};
  }
  Status start(const Config& config) override {
    config_ = config;
    return Status();
  }
  std::vector<Config> task_configs(int max_tasks) override {
    std::vector<Config> tasks;
    for (int i = 0; i < max_tasks; ++i) {
      Config c = config_;
      c["task.id"] = std::to_string(i);
      c["task.count"] = std::to_string(max_tasks);
      tasks.push_back(std::move(c));
    }
    return tasks;
  }
  void stop() override {}
  std::unique_ptr<SourceTask> create_task() override { return std::make_unique<DatagenTask>(); }

 private:
  Config config_;
};

}  // namespace

ConnectorPlugin datagen_plugin() {
  return {.class_name = "io.confluent.kafka.connect.datagen.DatagenConnector",
          .aliases = {"Datagen", "DatagenSource"},
          .type = ConnectorType::source,
          .version = "0.1.0",
          .create = [] { return std::make_unique<DatagenConnector>(); },
          .config_def = []() -> const ConfigDef& { return datagen_def(); }};
}

}  // namespace tributary::connect::datagen
