#include "app/groups_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <iostream>
#include <map>
#include <optional>

#include "client/group_admin.h"

namespace tributary::app {
namespace {

using client::GroupAdmin;
using client::PartitionOffset;

struct GroupsOptions {
  std::string bootstrap = "localhost:9092";
  std::string group;
  std::vector<std::string> topics;
  bool to_earliest = false;
  bool to_latest = false;
  std::optional<int64_t> to_offset;
  std::optional<int64_t> to_timestamp;
  bool execute = false;
  int timeout_ms = 10000;
};

int fail(const Status& s) {
  std::cerr << "tributary groups: " << s.message() << "\n";
  return 1;
}

int run_list(GroupAdmin& admin) {
  auto groups = admin.list();
  if (!groups.ok()) return fail(groups.status());
  fmt::print("{:<40} {:<20}\n", "GROUP", "STATE");
  for (const auto& g : *groups) fmt::print("{:<40} {:<20}\n", g.group_id, g.state);
  return 0;
}

int run_describe(GroupAdmin& admin, const GroupsOptions& o) {
  auto description = admin.describe(o.group);
  if (!description.ok()) return fail(description.status());
  auto committed = admin.committed(o.group);
  if (!committed.ok()) return fail(committed.status());
  // Owner of each assigned partition, and every partition that is either committed or assigned.
  std::map<std::pair<std::string, int32_t>, const client::GroupMember*> owner;
  std::map<std::pair<std::string, int32_t>, int64_t> rows;
  for (const auto& m : description->members)
    for (const auto& p : m.assignment) {
      owner[{p.topic, p.partition}] = &m;
      rows.emplace(std::make_pair(p.topic, p.partition), -1);
    }
  for (const auto& c : *committed) rows[{c.topic, c.partition}] = c.offset;

  fmt::print("Group '{}' is {} with {} member(s) (assignor: {})\n\n", o.group, description->state,
             description->members.size(), description->assignor.empty() ? "-" : description->assignor);
  fmt::print("{:<30} {:>9} {:>15} {:>15} {:>10} {:<40} {:<20} {}\n", "TOPIC", "PARTITION", "CURRENT-OFFSET",
             "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID");
  for (const auto& [tp, offset] : rows) {
    auto marks = admin.watermarks(tp.first, tp.second);
    if (!marks.ok()) return fail(marks.status());
    std::string current = offset >= 0 ? std::to_string(offset) : "-";
    std::string lag = offset >= 0 ? std::to_string(marks->second - offset) : "-";
    auto it = owner.find(tp);
    const client::GroupMember* m = it == owner.end() ? nullptr : it->second;
    fmt::print("{:<30} {:>9} {:>15} {:>15} {:>10} {:<40} {:<20} {}\n", tp.first, tp.second, current, marks->second,
               lag, m ? m->member_id : "-", m ? m->host : "-", m ? m->client_id : "-");
  }
  return 0;
}

// The new offset of every partition of the chosen topics.
Result<std::vector<PartitionOffset>> plan_reset(GroupAdmin& admin, const GroupsOptions& o) {
  std::vector<PartitionOffset> plan;
  for (const auto& topic : o.topics) {
    auto partitions = admin.partitions(topic);
    if (!partitions.ok()) return partitions.status();
    if (o.to_timestamp) {
      auto found = admin.offsets_for_time(topic, *partitions, *o.to_timestamp);
      if (!found.ok()) return found.status();
      plan.insert(plan.end(), found->begin(), found->end());
      continue;
    }
    for (int32_t p : *partitions) {
      auto marks = admin.watermarks(topic, p);
      if (!marks.ok()) return marks.status();
      int64_t offset = o.to_earliest ? marks->first : o.to_latest ? marks->second : *o.to_offset;
      // Kafka clamps an explicit offset into the partition's range.
      offset = std::clamp(offset, marks->first, marks->second);
      plan.push_back({topic, p, offset});
    }
  }
  return plan;
}

int run_reset(GroupAdmin& admin, const GroupsOptions& o) {
  int targets = int(o.to_earliest) + int(o.to_latest) + int(o.to_offset.has_value()) + int(o.to_timestamp.has_value());
  if (targets != 1) {
    std::cerr << "tributary groups reset-offsets: give exactly one of --to-earliest, --to-latest, --to-offset, "
                 "--to-timestamp\n";
    return 2;
  }
  auto plan = plan_reset(admin, o);
  if (!plan.ok()) return fail(plan.status());
  fmt::print("{:<30} {:>9} {:>15}\n", "TOPIC", "PARTITION", "NEW-OFFSET");
  for (const auto& p : *plan) fmt::print("{:<30} {:>9} {:>15}\n", p.topic, p.partition, p.offset);
  if (!o.execute) {
    fmt::print("\nDry run: nothing changed. Add --execute to reset the offsets of group '{}'.\n", o.group);
    return 0;
  }
  Status s = admin.alter(o.group, *plan);
  if (!s.ok()) return fail(s);
  fmt::print("\nOffsets of group '{}' reset.\n", o.group);
  return 0;
}

int run_delete(GroupAdmin& admin, const GroupsOptions& o) {
  Status s = admin.remove(o.group);
  if (!s.ok()) return fail(s);
  fmt::print("Deleted group '{}'.\n", o.group);
  return 0;
}

int with_admin(const GroupsOptions& o, const std::function<int(GroupAdmin&)>& fn) {
  auto handle = client::KafkaHandle::create(o.bootstrap);
  if (!handle.ok()) return fail(handle.status());
  GroupAdmin admin(**handle, o.timeout_ms);
  return fn(admin);
}

}  // namespace

void add_groups_command(CLI::App& app, int& exit_code) {
  static GroupsOptions o;
  CLI::App* groups = app.add_subcommand("groups", "List, describe, reset and delete consumer groups");
  groups->require_subcommand(1);
  groups->add_option("--bootstrap-server,--bootstrap-servers", o.bootstrap, "Kafka cluster to talk to")
      ->capture_default_str();
  groups->add_option("--timeout-ms", o.timeout_ms, "Request timeout")->capture_default_str();

  groups->add_subcommand("list", "List every consumer group and its state")
      ->callback([&] { exit_code = with_admin(o, run_list); });

  CLI::App* describe = groups->add_subcommand("describe", "Members, assignments, committed offsets and lag");
  describe->add_option("group", o.group, "Group id")->required();
  describe->callback([&] { exit_code = with_admin(o, [](GroupAdmin& a) { return run_describe(a, o); }); });

  CLI::App* reset = groups->add_subcommand("reset-offsets", "Move a group's committed offsets (dry run unless --execute)");
  reset->add_option("group", o.group, "Group id")->required();
  reset->add_option("--topic", o.topics, "Topic whose partitions to reset (repeatable)")->required();
  reset->add_flag("--to-earliest", o.to_earliest, "The log start of each partition");
  reset->add_flag("--to-latest", o.to_latest, "The log end of each partition");
  reset->add_option("--to-offset", o.to_offset, "This offset, clamped to each partition's range");
  reset->add_option("--to-timestamp", o.to_timestamp, "The first offset at or after this time (ms since epoch)");
  reset->add_flag("--execute", o.execute, "Apply the reset (the group must have no active members)");
  reset->callback([&] { exit_code = with_admin(o, [](GroupAdmin& a) { return run_reset(a, o); }); });

  CLI::App* remove = groups->add_subcommand("delete", "Delete a group and its committed offsets");
  remove->add_option("group", o.group, "Group id")->required();
  remove->callback([&] { exit_code = with_admin(o, [](GroupAdmin& a) { return run_delete(a, o); }); });
}

}  // namespace tributary::app
