#include "console/groups.h"

#include <set>

#include "client/group_admin.h"
#include "client/partition_offsets.h"
#include "console/api_util.h"

namespace tributary::console {
namespace {

using client::TopicPartition;

std::string protocol_type(const client::GroupListing& g) { return g.simple ? "" : "consumer"; }

// End offsets of every partition that has a committed offset.
std::map<TopicPartition, int64_t> end_offsets(ConsoleContext& ctx, const std::vector<client::PartitionOffset>& committed) {
  std::vector<TopicPartition> tps;
  for (const auto& o : committed) tps.emplace_back(o.topic, o.partition);
  auto ends = client::list_offsets(*ctx.admin, tps, client::OffsetSpec::latest);
  return ends.ok() ? std::move(*ends) : std::map<TopicPartition, int64_t>{};
}

// A group the coordinator knows nothing about (Dead, no offsets): 404.
bool unknown_group(const client::GroupDescription& d, const std::vector<client::PartitionOffset>& committed) {
  return (d.state == "Dead" || d.state == "Unknown") && d.members.empty() && committed.empty();
}

http::Response list_groups(ConsoleContext& ctx) {
  client::GroupAdmin admin(*ctx.admin);
  auto groups = admin.list();
  if (!groups.ok()) return error_response(groups.status());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& g : *groups) {
    auto desc = admin.describe(g.group_id);
    auto committed = admin.committed(g.group_id);
    nlohmann::json lag = nullptr;
    if (committed.ok()) {
      auto ends = end_offsets(ctx, *committed);
      int64_t total = 0;
      for (const auto& o : *committed) {
        auto e = ends.find({o.topic, o.partition});
        if (o.offset >= 0 && e != ends.end()) total += std::max<int64_t>(0, e->second - o.offset);
      }
      lag = total;
    }
    list.push_back({{"group_id", g.group_id},
                    {"state", desc.ok() ? desc->state : g.state},
                    {"protocol_type", protocol_type(g)},
                    {"members", desc.ok() ? nlohmann::json(desc->members.size()) : nlohmann::json()},
                    {"lag", lag}});
  }
  return http::json_response({{"groups", std::move(list)}});
}

http::Response describe_group(ConsoleContext& ctx, const std::string& group) {
  client::GroupAdmin admin(*ctx.admin);
  auto desc = admin.describe(group);
  if (!desc.ok()) return error_response(desc.status());
  auto committed = admin.committed(group);
  if (!committed.ok()) return error_response(committed.status());
  if (unknown_group(*desc, *committed)) return error_response(404, "consumer group '" + group + "' does not exist");
  std::map<TopicPartition, std::string> owner;
  nlohmann::json members = nlohmann::json::array();
  for (const auto& m : desc->members) {
    nlohmann::json assignments = nlohmann::json::array();
    for (const auto& a : m.assignment) {
      assignments.push_back({{"topic", a.topic}, {"partition", a.partition}});
      owner[{a.topic, a.partition}] = m.member_id;
    }
    members.push_back({{"member_id", m.member_id},
                       {"client_id", m.client_id},
                       {"host", m.host},
                       {"instance_id", m.instance_id.empty() ? nlohmann::json() : nlohmann::json(m.instance_id)},
                       {"assignments", std::move(assignments)}});
  }
  // Every committed partition plus assigned ones without a commit yet.
  std::map<TopicPartition, int64_t> rows;
  for (const auto& o : *committed) rows[{o.topic, o.partition}] = o.offset;
  for (const auto& [tp, _] : owner) rows.emplace(tp, -1);
  std::vector<client::PartitionOffset> all;
  for (const auto& [tp, offset] : rows) all.push_back({tp.first, tp.second, offset});
  auto ends = end_offsets(ctx, all);
  nlohmann::json offsets = nlohmann::json::array();
  for (const auto& [tp, offset] : rows) {
    auto e = ends.find(tp);
    auto o = owner.find(tp);
    nlohmann::json end = e == ends.end() ? nlohmann::json() : nlohmann::json(e->second);
    nlohmann::json lag = offset >= 0 && e != ends.end() ? nlohmann::json(std::max<int64_t>(0, e->second - offset)) : nlohmann::json();
    offsets.push_back({{"topic", tp.first},
                       {"partition", tp.second},
                       {"committed", offset >= 0 ? nlohmann::json(offset) : nlohmann::json()},
                       {"end_offset", end},
                       {"lag", lag},
                       {"member_id", o == owner.end() ? nlohmann::json() : nlohmann::json(o->second)}});
  }
  return http::json_response({{"group_id", desc->group_id.empty() ? group : desc->group_id},
                              {"state", desc->state},
                              {"protocol_type", desc->members.empty() && desc->assignor.empty() ? "" : "consumer"},
                              {"protocol", desc->assignor},
                              {"coordinator", desc->coordinator},
                              {"members", std::move(members)},
                              {"offsets", std::move(offsets)}});
}

http::Response reset_group(ConsoleContext& ctx, const std::string& group, const http::Request& request) {
  auto body = json_object_body(request);
  if (!body.ok()) return error_response(body.status());
  auto topic = optional_string(*body, "topic");
  if (!topic.ok()) return error_response(topic.status());
  auto to = optional_string(*body, "to");
  if (!to.ok()) return error_response(to.status());
  if (!*to || (**to != "earliest" && **to != "latest" && **to != "offset" && **to != "timestamp"))
    return error_response(400, "field 'to' must be earliest, latest, offset or timestamp");
  auto offset = optional_int(*body, "offset", 0, INT64_MAX);
  if (!offset.ok()) return error_response(offset.status());
  auto timestamp = optional_int(*body, "timestamp", 0, INT64_MAX);
  if (!timestamp.ok()) return error_response(timestamp.status());
  if (**to == "offset" && !*offset) return error_response(400, "field 'offset' is required with to=offset");
  if (**to == "timestamp" && !*timestamp) return error_response(400, "field 'timestamp' is required with to=timestamp");

  client::GroupAdmin admin(*ctx.admin);
  auto desc = admin.describe(group);
  if (!desc.ok()) return error_response(desc.status());
  // As kafka-consumer-groups: offsets of a group with live members would be overwritten by their commits.
  if (!desc->members.empty())
    return error_response(409, "consumer group '" + group + "' has " + std::to_string(desc->members.size()) +
                                   " active members; stop them before resetting offsets");
  auto committed = admin.committed(group);
  if (!committed.ok()) return error_response(committed.status());
  std::vector<TopicPartition> targets;
  if (*topic) {
    auto partitions = admin.partitions(**topic);
    if (!partitions.ok() || partitions->empty()) return error_response(404, "topic '" + **topic + "' does not exist");
    for (int32_t p : *partitions) targets.emplace_back(**topic, p);
  } else {
    for (const auto& o : *committed) targets.emplace_back(o.topic, o.partition);
    if (targets.empty())
      return error_response(400, "consumer group '" + group + "' has no committed offsets; name a 'topic' to reset");
  }
  auto low = client::list_offsets(*ctx.admin, targets, client::OffsetSpec::earliest);
  if (!low.ok()) return error_response(low.status());
  auto high = client::list_offsets(*ctx.admin, targets, client::OffsetSpec::latest);
  if (!high.ok()) return error_response(high.status());
  std::map<TopicPartition, int64_t> by_time;
  if (**to == "timestamp") {
    std::map<std::string, std::vector<int32_t>> per_topic;
    for (const auto& [t, p] : targets) per_topic[t].push_back(p);
    for (const auto& [t, ps] : per_topic) {
      auto found = admin.offsets_for_time(t, ps, **timestamp);
      if (!found.ok()) return error_response(found.status());
      for (const auto& o : *found) by_time[{o.topic, o.partition}] = o.offset;
    }
  }
  std::vector<client::PartitionOffset> new_offsets;
  for (const auto& tp : targets) {
    int64_t l = low->count(tp) ? low->at(tp) : 0, h = high->count(tp) ? high->at(tp) : 0;
    int64_t value = **to == "earliest" ? l : **to == "latest" ? h : **to == "offset" ? **offset : by_time[tp];
    new_offsets.push_back({tp.first, tp.second, std::clamp(value, l, h)});
  }
  Status altered = admin.alter(group, new_offsets);
  if (!altered.ok()) return error_response(altered);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& o : new_offsets) out.push_back({{"topic", o.topic}, {"partition", o.partition}, {"offset", o.offset}});
  return http::json_response({{"offsets", std::move(out)}});
}

http::Response delete_group(ConsoleContext& ctx, const std::string& group) {
  client::GroupAdmin admin(*ctx.admin);
  auto desc = admin.describe(group);
  if (!desc.ok()) return error_response(desc.status());
  if (!desc->members.empty())
    return error_response(409, "consumer group '" + group + "' has active members; stop them before deleting it");
  auto committed = admin.committed(group);
  if (committed.ok() && unknown_group(*desc, *committed))
    return error_response(404, "consumer group '" + group + "' does not exist");
  Status removed = admin.remove(group);
  if (!removed.ok()) return error_response(removed);
  http::Response response;
  response.status = 204;
  return response;
}

}  // namespace

void add_group_routes(http::Router& router, ConsoleContext& ctx) {
  router.add("GET", "/api/groups", [&ctx](http::Request&) { return list_groups(ctx); });
  router.add("GET", "/api/groups/{id}", [&ctx](http::Request& r) { return describe_group(ctx, r.param("id")); });
  router.add("POST", "/api/groups/{id}/reset", [&ctx](http::Request& r) { return reset_group(ctx, r.param("id"), r); });
  router.add("DELETE", "/api/groups/{id}", [&ctx](http::Request& r) { return delete_group(ctx, r.param("id")); });
}

}  // namespace tributary::console
