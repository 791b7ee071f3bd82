#include "connect/runtime/connector_config.h"

#include <regex>

#include "connect/runtime/converter.h"
#include "connect/transforms/transform_chain.h"

namespace tributary::connect {
namespace {

std::optional<std::string> known_converter(const std::string& value) {
  if (value.empty()) return std::nullopt;
  auto c = make_converter(value, {}, false);
  if (!c.ok()) return "Class " + value + " could not be found.";
  return std::nullopt;
}

ConfigDef common_def(bool sink) {
  ConfigDef def;
  using T = ConfigDefType;
  def.define({.name = "name", .type = T::string, .default_value = std::nullopt, .importance = Importance::high,
              .doc = "Globally unique name to use for this connector.",
              .validator = [](const std::string& v) -> std::optional<std::string> {
                if (v.empty()) return "String must be non-empty";
                return std::nullopt;
              }});
  def.define({.name = "connector.class", .type = T::string, .default_value = std::nullopt,
              .importance = Importance::high,
              .doc = "Name or alias of the connector class (e.g. org.apache.kafka.connect.file.FileStreamSinkConnector "
                     "or FileStreamSink)."});
  def.define({.name = "tasks.max", .type = T::int_, .default_value = "1", .importance = Importance::high,
              .doc = "Maximum number of tasks to use for this connector.", .min = 1});
  def.define({.name = "key.converter", .type = T::class_, .default_value = "", .importance = Importance::low,
              .doc = "Converter of record keys; the worker's key.converter when empty. Its own keys go under "
                     "key.converter. (e.g. key.converter.schemas.enable).",
              .validator = known_converter});
  def.define({.name = "value.converter", .type = T::class_, .default_value = "", .importance = Importance::low,
              .doc = "Converter of record values; the worker's value.converter when empty.",
              .validator = known_converter});
  def.define({.name = "header.converter", .type = T::class_, .default_value = "", .importance = Importance::low,
              .doc = "Accepted for compatibility; headers travel as raw bytes."});
  def.define({.name = "transforms", .type = T::list, .default_value = "", .importance = Importance::low,
              .doc = "Aliases for the single message transforms to apply to records, in order "
                     "(transforms.<alias>.type and the transform's keys under transforms.<alias>.).",
              .group = "Transforms"});
  def.define({.name = "predicates", .type = T::list, .default_value = "", .importance = Importance::low,
              .doc = "Aliases for the predicates used by transforms (predicates.<alias>.type and its keys).",
              .group = "Predicates"});
  def.define({.name = "errors.tolerance", .type = T::string, .default_value = "none", .importance = Importance::medium,
              .doc = "none: a record that fails conversion or a transform fails the task; all: it is skipped (and "
                     "sent to the dead letter queue of a sink when one is set).",
              .group = "Error Handling", .allowed = {"none", "all"}});
  def.define({.name = "errors.retry.timeout", .type = T::long_, .default_value = "0", .importance = Importance::medium,
              .doc = "How long (ms) a retriable failure of a converter, a transform or the connector's poll/put is "
                     "retried, with exponential backoff, before errors.tolerance applies (poll/put: the task fails); "
                     "0: no retries, -1: forever.",
              .group = "Error Handling", .min = -1});
  def.define({.name = "errors.retry.delay.max.ms", .type = T::long_, .default_value = "60000",
              .importance = Importance::medium,
              .doc = "The longest pause between two retries (they start at 300 ms and double).",
              .group = "Error Handling", .min = 1});
  def.define({.name = "errors.log.enable", .type = T::boolean, .default_value = "false", .importance = Importance::medium,
              .doc = "Log each failure: every retried attempt, and each tolerated record with its topic, partition "
                     "and offset.",
              .group = "Error Handling"});
  def.define({.name = "errors.log.include.messages", .type = T::boolean, .default_value = "false",
              .importance = Importance::low, .doc = "Include the failing record's bytes in the error log.",
              .group = "Error Handling"});
  if (!sink) return def;
  def.define({.name = "topics", .type = T::list, .default_value = "", .importance = Importance::high,
              .doc = "Topics to consume (this or topics.regex).", .group = "Common"});
  def.define({.name = "topics.regex", .type = T::string, .default_value = "", .importance = Importance::high,
              .doc = "Regular expression of the topics to consume (this or topics).",
              .validator = [](const std::string& v) -> std::optional<std::string> {
                try {
                  std::regex re(v);
                } catch (const std::regex_error&) {
                  return "Invalid regular expression";
                }
                return std::nullopt;
              }});
  def.define({.name = "errors.deadletterqueue.topic.name", .type = T::string, .default_value = "",
              .importance = Importance::medium,
              .doc = "Topic that receives records that failed conversion or a transform when errors.tolerance=all.",
              .group = "Error Handling"});
  def.define({.name = "errors.deadletterqueue.topic.replication.factor", .type = T::int_, .default_value = "3",
              .importance = Importance::low, .doc = "Accepted for compatibility (the log keeps one copy).",
              .group = "Error Handling"});
  def.define({.name = "errors.deadletterqueue.context.headers.enable", .type = T::boolean, .default_value = "false",
              .importance = Importance::medium,
              .doc = "Add __connect.errors.* headers (topic, partition, offset, stage, message) to dead letter records.",
              .group = "Error Handling"});
  return def;
}

}  // namespace

const ConfigDef& common_connector_config_def(ConnectorType type) {
  static const ConfigDef source = common_def(false);
  static const ConfigDef sink = common_def(true);
  return type == ConnectorType::sink ? sink : source;
}

std::vector<std::string> ConfigInfos::messages() const {
  std::vector<std::string> out;
  for (const auto& v : values)
    for (const auto& e : v.errors) out.push_back(e);
  return out;
}

ConfigInfos validate_connector_config(const ConnectorPlugin& plugin, const Config& config) {
  ConfigDef def = common_connector_config_def(plugin.type);
  def.merge(plugin.config_def());
  ConfigInfos infos;
  infos.class_name = plugin.class_name;
  infos.definitions = def.keys();
  infos.values = def.validate(config);
  auto report_of = [&](const std::string& name) -> ConfigValueReport* {
    for (auto& v : infos.values)
      if (v.name == name) return &v;
    return nullptr;
  };
  if (plugin.type == ConnectorType::sink) {
    bool has_topics = !split_config_list(config.count("topics") ? config.at("topics") : "").empty();
    bool has_regex = config.count("topics.regex") && !config.at("topics.regex").empty();
    if (has_topics == has_regex) {
      std::string why = has_topics ? "topics and topics.regex are mutually exclusive."
                                   : "Must configure one of topics or topics.regex";
      report_of("topics")->errors.push_back(why);
      report_of("topics.regex")->errors.push_back(why);
    }
    std::string dlq = config.count("errors.deadletterqueue.topic.name") ? config.at("errors.deadletterqueue.topic.name") : "";
    if (!dlq.empty() && has_topics) {
      for (const auto& t : split_config_list(config.at("topics")))
        if (t == dlq)
          report_of("errors.deadletterqueue.topic.name")
              ->errors.push_back("The DLQ topic '" + dlq + "' may not be included in the list of topics ('topics=" +
                                 config.at("topics") + "') consumed by the connector");
    }
  }
  // transforms.<alias>.* and predicates.<alias>.* keys, reported like any other key.
  auto chain = transforms::validate_transform_config(config);
  for (const auto& [key, message] : chain.other_errors)
    if (ConfigValueReport* r = report_of(key)) r->errors.push_back(message);
  infos.definitions.insert(infos.definitions.end(), chain.definitions.begin(), chain.definitions.end());
  infos.values.insert(infos.values.end(), chain.values.begin(), chain.values.end());
  bool clean = true;
  for (const auto& v : infos.values) clean = clean && v.errors.empty();
  if (clean) {
    auto connector = plugin.create();
    for (const auto& [key, message] : connector->validate_more(config)) {
      if (ConfigValueReport* r = report_of(key)) r->errors.push_back(message);
    }
  }
  for (const auto& v : infos.values) infos.error_count += static_cast<int>(v.errors.size());
  return infos;
}

}  // namespace tributary::connect
