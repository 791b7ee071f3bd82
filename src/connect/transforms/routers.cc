// RegexRouter and TimestampRouter: rename the record's topic.
#include <regex>

#include "connect/transforms/builtin_transforms.h"
#include "connect/transforms/date_format.h"

namespace tributary::connect::transforms {
namespace {

std::optional<std::string> check_regex(const std::string& v) {
  try {
    std::regex re(v);
  } catch (const std::regex_error& e) {
    return std::string("Invalid regex: ") + e.what();
  }
  return std::nullopt;
}

const ConfigDef& regex_def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    auto regex = req_key("regex", ConfigDefType::string, "Regular expression to use for matching.");
    regex.validator = check_regex;
    c.define(regex);
    c.define(req_key("replacement", ConfigDefType::string, "Replacement string ($1 for the first group)."));
    return c;
  }();
  return d;
}

// A topic matching `regex` as a whole becomes `replacement` (with $1.. groups); others are kept.
class RegexRouter : public Transformation {
 public:
  ConfigProblems configure(const ParsedConfig& c) override {
    regex_ = std::regex(c.get_string("regex"));
    replacement_ = c.get_string("replacement");
    return {};
  }
  Result<bool> apply(ConnectRecord& record, const RecordContext&) override {
    std::smatch m;
    if (std::regex_match(record.topic, m, regex_)) record.topic = m.format(replacement_);
    return true;
  }

 private:
  std::regex regex_;
  std::string replacement_;
};

const ConfigDef& timestamp_def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    c.define(opt_key("topic.format", ConfigDefType::string, "${topic}-${timestamp}",
                     "Format string which can contain ${topic} and ${timestamp} as placeholders for the topic and "
                     "timestamp, respectively."));
    auto ts = opt_key("timestamp.format", ConfigDefType::string, "yyyyMMdd",
                      "Format string for the timestamp that is compatible with java.text.SimpleDateFormat (letters "
                      "yMdHmsS, UTC).");
    ts.validator = [](const std::string& v) { return check_date_pattern(v); };
    c.define(ts);
    return c;
  }();
  return d;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

// The topic becomes topic.format with the record's topic and formatted timestamp.
class TimestampRouter : public Transformation {
 public:
  ConfigProblems configure(const ParsedConfig& c) override {
    topic_format_ = c.get_string("topic.format");
    timestamp_format_ = c.get_string("timestamp.format");
    return {};
  }
  Result<bool> apply(ConnectRecord& record, const RecordContext&) override {
    if (record.timestamp_ms <= 0)
      return Status::error(Errc::invalid_argument, "Timestamp missing on record: topic " + record.topic);
    std::string topic = topic_format_;
    replace_all(topic, "${topic}", record.topic);
    replace_all(topic, "${timestamp}", format_date(timestamp_format_, record.timestamp_ms));
    record.topic = std::move(topic);
    return true;
  }

 private:
  std::string topic_format_, timestamp_format_;
};

}  // namespace

std::vector<TransformPlugin> regex_router_plugins() {
  return {{std::string(kTransformPackage) + "RegexRouter",
           "Update the record topic using the configured regular expression and replacement string.", regex_def,
           [] { return std::unique_ptr<Transformation>(new RegexRouter()); }}};
}

std::vector<TransformPlugin> timestamp_router_plugins() {
  return {{std::string(kTransformPackage) + "TimestampRouter",
           "Update the record's topic field as a function of the original topic value and the record timestamp.",
           timestamp_def, [] { return std::unique_ptr<Transformation>(new TimestampRouter()); }}};
}

}  // namespace tributary::connect::transforms
