#include "connect/connectors/mirror/mirror_config.h"

namespace tributary::connect::mirror {
namespace {

std::optional<std::string> regex_list(const std::string& value) {
  for (const auto& item : split_config_list(value)) {
    try {
      std::regex r(item);
    } catch (const std::regex_error& e) {
      return "Not a regular expression: " + item;
    }
  }
  return std::nullopt;
}

std::optional<std::string> non_empty(const std::string& v) {
  if (v.empty()) return "String must be non-empty";
  return std::nullopt;
}

std::vector<std::regex> compile(const std::vector<std::string>& patterns) {
  std::vector<std::regex> out;
  for (const auto& p : patterns) {
    try {
      out.emplace_back(p);
    } catch (const std::regex_error&) {
      // validated by the config definition; an invalid one matches nothing
    }
  }
  return out;
}

}  // namespace

const ConfigDef& mirror_config_def() {
  static const ConfigDef def = [] {
    using T = ConfigDefType;
    ConfigDef d;
    d.define({.name = "source.cluster.alias", .type = T::string, .default_value = std::nullopt,
              .importance = Importance::high, .doc = "Name of the source cluster; mirrored topics are named "
              "`<alias><separator><topic>` (`companyb.rides`).", .validator = non_empty});
    d.define({.name = "source.cluster.bootstrap.servers", .type = T::string, .default_value = std::nullopt,
              .importance = Importance::high, .doc = "Bootstrap servers of the cluster to mirror from.",
              .validator = non_empty});
    d.define({.name = "target.cluster.alias", .type = T::string, .default_value = "target",
              .importance = Importance::low, .doc = "Name of the cluster mirrored into (this one)."});
    d.define({.name = "target.cluster.bootstrap.servers", .type = T::string, .default_value = std::nullopt,
              .importance = Importance::high, .doc = "Bootstrap servers of the cluster the records are mirrored "
              "into (the worker's cluster): where topics are created and offset syncs and checkpoints are written.",
              .validator = non_empty});
    d.define({.name = "topics", .type = T::list, .default_value = ".*", .importance = Importance::high,
              .doc = "Regular expressions of the source topics to mirror.", .validator = regex_list});
    d.define({.name = "topics.exclude", .type = T::list, .default_value = ".*[\\-\\.]internal, .*\\.replica, __.*",
              .importance = Importance::medium, .doc = "Regular expressions of source topics never mirrored.",
              .validator = regex_list});
    d.define({.name = "groups", .type = T::list, .default_value = ".*", .importance = Importance::high,
              .doc = "Regular expressions of the consumer groups whose offsets are checkpointed.",
              .validator = regex_list});
    d.define({.name = "groups.exclude", .type = T::list, .default_value = "console-consumer-.*, connect-.*, __.*",
              .importance = Importance::medium, .doc = "Regular expressions of consumer groups never checkpointed.",
              .validator = regex_list});
    d.define({.name = "replication.policy.separator", .type = T::string, .default_value = ".",
              .importance = Importance::low, .doc = "Separator between the source alias and the topic name.",
              .validator = non_empty});
    d.define({.name = "sync.topic.configs.enabled", .type = T::boolean, .default_value = "true",
              .importance = Importance::low, .doc = "Create mirrored topics with the source topics' configuration "
              "overrides (retention, cleanup policy, ...)."});
    d.define({.name = "refresh.topics.enabled", .type = T::boolean, .default_value = "true",
              .importance = Importance::low, .doc = "Look for new matching source topics and partitions "
              "periodically; they are created here and start being mirrored without a restart."});
    d.define({.name = "refresh.topics.interval.seconds", .type = T::long_, .default_value = "600",
              .importance = Importance::low, .doc = "How often the source cluster's topics are listed again.",
              .min = 1});
    d.define({.name = "emit.offset-syncs.enabled", .type = T::boolean, .default_value = "true",
              .importance = Importance::low, .doc = "Write offset syncs (source offset -> mirrored offset) to "
              "`mm2-offset-syncs.<source alias>.internal` on the target cluster."});
    d.define({.name = "emit.checkpoints.enabled", .type = T::boolean, .default_value = "true",
              .importance = Importance::low, .doc = "Write consumer-group checkpoints (translated offsets) to "
              "`<source alias>.checkpoints.internal` on the target cluster."});
    d.define({.name = "emit.checkpoints.interval.seconds", .type = T::long_, .default_value = "60",
              .importance = Importance::low, .doc = "How often group offsets are translated and checkpointed.",
              .min = 1});
    d.define({.name = "sync.group.offsets.enabled", .type = T::boolean, .default_value = "false",
              .importance = Importance::low, .doc = "Also commit the translated offsets to the same group on the "
              "target cluster, when that group has no active members there and is behind."});
    d.define({.name = "replication.factor", .type = T::int_, .default_value = "-1", .importance = Importance::low,
              .doc = "Replication factor of the topics the mirror creates; -1 is the target broker's default.",
              .min = -1, .max = 32767});
    return d;
  }();
  return def;
}

NameFilter::NameFilter(const std::vector<std::string>& include, const std::vector<std::string>& exclude)
    : include_(compile(include)), exclude_(compile(exclude)) {}

bool NameFilter::matches(const std::string& name) const {
  for (const auto& r : exclude_)
    if (std::regex_match(name, r)) return false;
  for (const auto& r : include_)
    if (std::regex_match(name, r)) return true;
  return false;
}

MirrorSettings MirrorSettings::from(const Config& config) {
  ParsedConfig c(mirror_config_def(), config);
  MirrorSettings s;
  s.source_alias = c.get_string("source.cluster.alias");
  s.source_bootstrap = c.get_string("source.cluster.bootstrap.servers");
  s.target_alias = c.get_string("target.cluster.alias");
  s.target_bootstrap = c.get_string("target.cluster.bootstrap.servers");
  s.separator = c.get_string("replication.policy.separator");
  s.topics = c.get_list("topics");
  s.topics_exclude = c.get_list("topics.exclude");
  s.groups = c.get_list("groups");
  s.groups_exclude = c.get_list("groups.exclude");
  s.sync_topic_configs = c.get_bool("sync.topic.configs.enabled");
  s.refresh_topics = c.get_bool("refresh.topics.enabled");
  s.refresh_topics_interval_s = c.get_long("refresh.topics.interval.seconds");
  s.emit_offset_syncs = c.get_bool("emit.offset-syncs.enabled");
  s.emit_checkpoints = c.get_bool("emit.checkpoints.enabled");
  s.emit_checkpoints_interval_s = c.get_long("emit.checkpoints.interval.seconds");
  s.sync_group_offsets = c.get_bool("sync.group.offsets.enabled");
  s.replication_factor = static_cast<int16_t>(c.get_int("replication.factor"));
  return s;
}

std::string MirrorSettings::remote_topic(const std::string& source_topic) const {
  return source_alias + separator + source_topic;
}

std::string MirrorSettings::offset_syncs_topic() const { return "mm2-offset-syncs." + source_alias + ".internal"; }

std::string MirrorSettings::checkpoints_topic() const { return source_alias + ".checkpoints.internal"; }

NameFilter MirrorSettings::topic_filter() const { return NameFilter(topics, topics_exclude); }

NameFilter MirrorSettings::group_filter() const { return NameFilter(groups, groups_exclude); }

}  // namespace tributary::connect::mirror
