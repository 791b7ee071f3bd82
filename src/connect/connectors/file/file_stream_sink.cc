#include "connect/connectors/file/file_stream_sink.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "connect/api/sink_task.h"

namespace tributary::connect::file {
namespace {

const ConfigDef& sink_def() {
  static const ConfigDef def = [] {
    ConfigDef d;
    d.define({.name = "file", .type = ConfigDefType::string, .default_value = std::nullopt,
              .importance = Importance::high, .doc = "Destination filename (writing to standard output is not supported).",
              .validator = [](const std::string& v) -> std::optional<std::string> {
                if (v.empty()) return "String must be non-empty";
                return std::nullopt;
              }});
    return d;
  }();
  return def;
}

std::string line_of(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_binary()) return std::string(value.get_binary().begin(), value.get_binary().end());
  return value.dump();
}

class FileStreamSinkTask : public SinkTask {
 public:
  Status start(const Config& config, const SinkTaskContext&) override {
    filename_ = ParsedConfig(sink_def(), config).get_string("file");
    fd_ = ::open(filename_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0)
      return Status::error(Errc::io_error, "Couldn't find or create file '" + filename_ + "' for FileStreamSinkTask: " +
                                               std::strerror(errno));
    return Status();
  }

  Status put(const std::vector<SinkRecord>& records) override {
    std::string buffer;
    for (const auto& r : records) buffer += line_of(r.value.value) + "\n";
    size_t written = 0;
    while (written < buffer.size()) {
      ssize_t n = ::write(fd_, buffer.data() + written, buffer.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Status::error(Errc::io_error, "write " + filename_ + ": " + std::strerror(errno));
      written += static_cast<size_t>(n);
    }
    return Status();
  }

  Status flush(const std::map<TopicPartitionKey, int64_t>&) override {
    if (::fsync(fd_) != 0) return Status::error(Errc::io_error, "fsync " + filename_ + ": " + std::strerror(errno));
    return Status();
  }

  void stop() override {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  std::string filename_;
  int fd_ = -1;
};

class FileStreamSinkConnector : public SinkConnector {
 public:
  const ConfigDef& config_def() const override { return sink_def(); }
  Status start(const Config& config) override {
    config_ = config;
    return Status();
  }
  // Every task appends to the same file, as Kafka's does.
  std::vector<Config> task_configs(int max_tasks) override { return std::vector<Config>(max_tasks, config_); }
  void stop() override {}
  std::unique_ptr<SinkTask> create_task() override { return std::make_unique<FileStreamSinkTask>(); }

 private:
  Config config_;
};

}  // namespace

ConnectorPlugin file_stream_sink_plugin() {
  return {.class_name = "org.apache.kafka.connect.file.FileStreamSinkConnector",
          .aliases = {"FileStreamSink"},
          .type = ConnectorType::sink,
          .version = "0.1.0",
          .create = [] { return std::make_unique<FileStreamSinkConnector>(); },
          .config_def = []() -> const ConfigDef& { return sink_def(); }};
}

}  // namespace tributary::connect::file
