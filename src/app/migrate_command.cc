#include "app/migrate_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "client/group_admin.h"
#include "client/partition_reader.h"
#include "connect/connectors/mirror/group_translation.h"
#include "connect/connectors/mirror/kinesis_offsets.h"

namespace tributary::app {
namespace {

using client::GroupAdmin;
using client::PartitionOffset;

struct MigrateOptions {
  std::string bootstrap = "localhost:9092";
  std::string group;
  bool execute = false;
  int timeout_ms = 30000;
  // kinesis
  std::string topic;
  std::string checkpoint_file;
  // mirror
  std::string source_bootstrap;
  std::string source_alias;
  std::string separator = ".";
  std::vector<std::string> topics = {".*"};
};

int fail(const std::string& message) {
  std::cerr << "tributary migrate: " << message << "\n";
  return 1;
}

// Dry run prints; --execute commits `plan` for the group on this cluster.
int finish(GroupAdmin& admin, const MigrateOptions& o, const std::vector<PartitionOffset>& plan) {
  if (plan.empty()) return fail("nothing to commit for group '" + o.group + "'");
  if (!o.execute) {
    fmt::print("\nDry run: nothing changed. Add --execute to commit these offsets for group '{}'.\n", o.group);
    return 0;
  }
  Status s = admin.alter(o.group, plan);
  if (!s.ok()) return fail(s.message());
  fmt::print("\nOffsets of group '{}' committed.\n", o.group);
  return 0;
}

int run_kinesis(const MigrateOptions& o) {
  std::ifstream in(o.checkpoint_file);
  if (!in) return fail("cannot read " + o.checkpoint_file);
  std::stringstream text;
  text << in.rdbuf();
  auto checkpoint = connect::mirror::parse_kinesis_checkpoint(text.str());
  if (!checkpoint.ok()) return fail(o.checkpoint_file + ": " + checkpoint.status().message());

  auto handle = client::KafkaHandle::create(o.bootstrap);
  if (!handle.ok()) return fail(handle.status().message());
  GroupAdmin admin(**handle, o.timeout_ms);
  auto partitions = admin.partitions(o.topic);
  if (!partitions.ok()) return fail(partitions.status().message());
  std::map<int32_t, int64_t> ends;
  for (int32_t p : *partitions) {
    auto marks = admin.watermarks(o.topic, p);
    if (!marks.ok()) return fail(marks.status().message());
    ends[p] = marks->second;
  }
  auto records = client::read_topic_to_end(o.bootstrap, o.topic, o.timeout_ms);
  if (!records.ok() && records.status().code() != Errc::not_found) return fail(records.status().message());
  std::vector<client::ConsumedRecord> none;
  // The source may still be writing: a partition ends after the last record read, or covered records
  // read past the earlier watermark would be read again by the group.
  if (records.ok())
    for (const auto& r : *records)
      if (ends.count(r.partition)) ends[r.partition] = std::max(ends[r.partition], r.offset + 1);
  auto plans = connect::mirror::plan_kinesis_offsets(records.ok() ? *records : none, ends, *checkpoint);

  fmt::print("{:<30} {:>9} {:>15} {:>15} {:>10} {:>10}\n", "TOPIC", "PARTITION", "NEW-OFFSET", "LOG-END-OFFSET",
             "COVERED", "REREAD");
  std::vector<PartitionOffset> plan;
  for (const auto& p : plans) {
    fmt::print("{:<30} {:>9} {:>15} {:>15} {:>10} {:>10}\n", o.topic, p.partition, p.offset, ends[p.partition],
               p.covered, p.reread);
    plan.push_back({o.topic, p.partition, p.offset});
  }
  return finish(admin, o, plan);
}

int run_mirror(const MigrateOptions& o) {
  connect::mirror::MirrorSettings settings;
  settings.source_alias = o.source_alias;
  settings.source_bootstrap = o.source_bootstrap;
  settings.target_bootstrap = o.bootstrap;
  settings.separator = o.separator;
  settings.topics = o.topics;
  settings.topics_exclude = {};

  auto syncs = connect::mirror::load_offset_syncs(o.bootstrap, settings.offset_syncs_topic());
  if (!syncs.ok()) return fail(syncs.status().message());
  if (syncs->size() == 0)
    return fail("no offset syncs in " + settings.offset_syncs_topic() + ": is a mirror of '" + o.source_alias +
                "' running here?");
  auto source = client::KafkaHandle::create(o.source_bootstrap);
  if (!source.ok()) return fail(source.status().message());
  GroupAdmin source_admin(**source, o.timeout_ms);
  auto checkpoints = connect::mirror::translate_group(source_admin, o.group, settings, *syncs);
  if (!checkpoints.ok()) return fail(checkpoints.status().message());

  auto target = client::KafkaHandle::create(o.bootstrap);
  if (!target.ok()) return fail(target.status().message());
  GroupAdmin target_admin(**target, o.timeout_ms);
  fmt::print("{:<30} {:>9} {:>15} {:>15}\n", "TOPIC", "PARTITION", "SOURCE-OFFSET", "NEW-OFFSET");
  std::vector<PartitionOffset> plan;
  for (const auto& c : *checkpoints) {
    fmt::print("{:<30} {:>9} {:>15} {:>15}\n", c.topic, c.partition, c.upstream_offset, c.downstream_offset);
    plan.push_back({c.topic, c.partition, c.downstream_offset});
  }
  return finish(target_admin, o, plan);
}

}  // namespace

void add_migrate_command(CLI::App& app, int& exit_code) {
  static MigrateOptions o;
  CLI::App* migrate =
      app.add_subcommand("migrate", "Move a consumer's position onto this cluster (dry run unless --execute)");
  migrate->require_subcommand(1);
  migrate->add_option("--bootstrap-server,--bootstrap-servers", o.bootstrap, "This cluster (host:port)")
      ->capture_default_str();
  migrate->add_option("--timeout-ms", o.timeout_ms, "How long to wait for the cluster");

  CLI::App* kinesis = migrate->add_subcommand(
      "kinesis", "Kinesis checkpoint (sequence number per shard) -> group offsets in the Kinesis source's topic");
  kinesis->add_option("--topic", o.topic, "The topic the Kinesis source connector writes")->required();
  kinesis->add_option("--group", o.group, "The consumer group to commit for")->required();
  kinesis->add_option("--checkpoint", o.checkpoint_file,
                      "JSON file: {\"stream\":..,\"shards\":{shardId: sequenceNumber}} or a list of "
                      "{shardId, sequenceNumber, subSequenceNumber?} entries (KCL's leaseKey/checkpoint/"
                      "checkpointSubSequenceNumber accepted)")
      ->required();
  kinesis->add_flag("--execute", o.execute, "Commit the offsets (the group must have no active members)");
  kinesis->fallthrough();  // --bootstrap-server also after the subcommand
  kinesis->callback([&] { exit_code = run_kinesis(o); });

  CLI::App* mirror = migrate->add_subcommand(
      "mirror", "A group's committed offsets on the mirrored cluster -> its offsets in the mirrored topics here");
  mirror->add_option("--source-bootstrap-server", o.source_bootstrap, "The cluster that is mirrored")->required();
  mirror->add_option("--source-cluster-alias", o.source_alias, "The mirror's source.cluster.alias")->required();
  mirror->add_option("--group", o.group, "The consumer group (same id on both clusters)")->required();
  mirror->add_option("--topics", o.topics, "Regular expressions of source topics to translate (default all)");
  mirror->add_option("--replication-policy-separator", o.separator, "The mirror's replication.policy.separator");
  mirror->add_flag("--execute", o.execute, "Commit the offsets (the group must have no active members)");
  mirror->fallthrough();
  mirror->callback([&] { exit_code = run_mirror(o); });
}

}  // namespace tributary::app
