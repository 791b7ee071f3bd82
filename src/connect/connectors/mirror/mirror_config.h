// The mirror's configuration (MirrorMaker 2's key names where they exist), its naming rules
// (DefaultReplicationPolicy: `<source alias><separator><topic>`) and its topic and group filters.
#pragma once

#include <regex>
#include <string>
#include <vector>

#include "connect/api/config_def.h"

namespace tributary::connect::mirror {

const ConfigDef& mirror_config_def();

// Regex allow list minus a regex deny list; names must match a whole pattern.
class NameFilter {
 public:
  NameFilter(const std::vector<std::string>& include, const std::vector<std::string>& exclude);
  bool matches(const std::string& name) const;

 private:
  std::vector<std::regex> include_;
  std::vector<std::regex> exclude_;
};

struct MirrorSettings {
  std::string source_alias;
  std::string source_bootstrap;
  std::string target_alias;
  std::string target_bootstrap;
  std::string separator = ".";
  std::vector<std::string> topics;
  std::vector<std::string> topics_exclude;
  std::vector<std::string> groups;
  std::vector<std::string> groups_exclude;
  bool sync_topic_configs = true;
  bool refresh_topics = true;
  int64_t refresh_topics_interval_s = 600;
  bool emit_offset_syncs = true;
  bool emit_checkpoints = true;
  int64_t emit_checkpoints_interval_s = 60;
  bool sync_group_offsets = false;
  int16_t replication_factor = -1;

  static MirrorSettings from(const Config& config);
  // The mirrored name of a source topic: "companyb.rides".
  std::string remote_topic(const std::string& source_topic) const;
  // Compacted topics on the target cluster: offset syncs and group checkpoints of this source.
  std::string offset_syncs_topic() const;
  std::string checkpoints_topic() const;
  NameFilter topic_filter() const;
  NameFilter group_filter() const;
};

}  // namespace tributary::connect::mirror
