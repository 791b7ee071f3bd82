#include "connect/connectors/file/file_stream_source.h"

#include <chrono>
#include <fstream>
#include <thread>

#include "connect/api/source_task.h"

namespace tributary::connect::file {
namespace {

const ConfigDef& source_def() {
  static const ConfigDef def = [] {
    ConfigDef d;
    d.define({.name = "file", .type = ConfigDefType::string, .default_value = std::nullopt,
              .importance = Importance::high, .doc = "Source filename (reading standard input is not supported).",
              .validator = [](const std::string& v) -> std::optional<std::string> {
                if (v.empty()) return "String must be non-empty";
                return std::nullopt;
              }});
    d.define({.name = "topic", .type = ConfigDefType::string, .default_value = std::nullopt,
              .importance = Importance::high, .doc = "The topic to publish data to.",
              .validator = [](const std::string& v) -> std::optional<std::string> {
                if (v.empty() || v.find(',') != std::string::npos) return "Must be a single topic name";
                return std::nullopt;
              }});
    d.define({.name = "batch.size", .type = ConfigDefType::int_, .default_value = "2000",
              .importance = Importance::low, .doc = "The maximum number of records the task returns from one poll.",
              .min = 1});
    return d;
  }();
  return def;
}

class FileStreamSourceTask : public SourceTask {
 public:
  Status start(const Config& config, const SourceTaskContext& context) override {
    ParsedConfig parsed(source_def(), config);
    filename_ = parsed.get_string("file");
    topic_ = parsed.get_string("topic");
    batch_size_ = parsed.get_int("batch.size");
    partition_ = {{"filename", filename_}};
    nlohmann::json offset = context.offsets->offset(partition_);
    if (offset.is_object() && offset["position"].is_number_integer()) position_ = offset["position"].get<int64_t>();
    return Status();
  }

  Result<std::vector<SourceRecord>> poll() override {
    std::vector<SourceRecord> out;
    std::ifstream in(filename_, std::ios::binary);
    if (!in) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the file may appear later
      return out;
    }
    in.seekg(position_);
    std::string line;
    while (static_cast<int>(out.size()) < batch_size_ && std::getline(in, line)) {
      if (in.eof()) break;  // no newline yet: a line still being written
      position_ += static_cast<int64_t>(line.size()) + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      SourceRecord r;
      r.topic = topic_;
      r.value = {schema::primitive("string"), line};
      r.source_partition = partition_;
      r.source_offset = {{"position", position_}};
      out.push_back(std::move(r));
    }
    if (out.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return out;
  }

  void stop() override {}

 private:
  std::string filename_;
  std::string topic_;
  int batch_size_ = 2000;
  nlohmann::json partition_;
  int64_t position_ = 0;
};

class FileStreamSourceConnector : public SourceConnector {
 public:
  const ConfigDef& config_def() const override { return source_def(); }
  Status start(const Config& config) override {
    config_ = config;
    return Status();
  }
  // One file is one stream: a single task whatever tasks.max says.
  std::vector<Config> task_configs(int) override { return {config_}; }
  void stop() override {}
  std::unique_ptr<SourceTask> create_task() override { return std::make_unique<FileStreamSourceTask>(); }

 private:
  Config config_;
};

}  // namespace

ConnectorPlugin file_stream_source_plugin() {
  return {.class_name = "org.apache.kafka.connect.file.FileStreamSourceConnector",
          .aliases = {"FileStreamSource"},
          .type = ConnectorType::source,
          .version = "0.1.0",
          .create = [] { return std::make_unique<FileStreamSourceConnector>(); },
          .config_def = []() -> const ConfigDef& { return source_def(); }};
}

}  // namespace tributary::connect::file
