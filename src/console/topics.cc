#include "console/topics.h"

#include "client/cluster_metadata.h"
#include "client/log_dirs.h"
#include "client/partition_offsets.h"
#include "client/topic_admin.h"
#include "client/topic_config_entries.h"
#include "console/api_util.h"

namespace tributary::console {
namespace {

using client::TopicPartition;

struct Offsets {
  std::map<TopicPartition, int64_t> start, end;
};

Result<Offsets> offsets_of(ConsoleContext& ctx, const std::vector<client::TopicInfo>& topics) {
  std::vector<TopicPartition> partitions;
  for (const auto& t : topics)
    for (const auto& p : t.partitions) partitions.emplace_back(t.name, p.id);
  Offsets out;
  auto start = client::list_offsets(*ctx.admin, partitions, client::OffsetSpec::earliest);
  if (!start.ok()) return start.status();
  auto end = client::list_offsets(*ctx.admin, partitions, client::OffsetSpec::latest);
  if (!end.ok()) return end.status();
  out.start = std::move(*start);
  out.end = std::move(*end);
  return out;
}

// Bytes on disk per partition (DescribeLogDirs); empty when the cluster cannot say (an old cluster
// without the API, a broker away), and every size is then -1.
std::map<TopicPartition, int64_t> sizes_of(ConsoleContext& ctx, const std::vector<std::string>& topics) {
  auto sizes = client::partition_sizes(ctx.bootstrap, topics);
  return sizes.ok() ? std::move(*sizes) : std::map<TopicPartition, int64_t>{};
}

int64_t size_of(const std::map<TopicPartition, int64_t>& sizes, const TopicPartition& tp) {
  auto it = sizes.find(tp);
  return it == sizes.end() ? -1 : it->second;
}

// A topic's size: the sum over its partitions, -1 when any of them is unknown.
int64_t topic_size(const std::map<TopicPartition, int64_t>& sizes, const client::TopicInfo& t) {
  int64_t total = 0;
  for (const auto& p : t.partitions) {
    int64_t size = size_of(sizes, {t.name, p.id});
    if (size < 0) return -1;
    total += size;
  }
  return total;
}

// -1 when either end is unknown.
int64_t count_of(const Offsets& offsets, const TopicPartition& tp) {
  auto s = offsets.start.find(tp), e = offsets.end.find(tp);
  if (s == offsets.start.end() || e == offsets.end.end()) return -1;
  return std::max<int64_t>(0, e->second - s->second);
}

http::Response list_topics(ConsoleContext& ctx) {
  auto cluster = client::describe_cluster(*ctx.admin);
  if (!cluster.ok()) return error_response(cluster.status());
  auto offsets = offsets_of(ctx, cluster->topics);
  if (!offsets.ok()) return error_response(offsets.status());
  auto sizes = sizes_of(ctx, {});
  auto rates = ctx.series->latest_rates();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& t : cluster->topics) {
    int64_t messages = 0;
    for (const auto& p : t.partitions) messages += std::max<int64_t>(0, count_of(*offsets, {t.name, p.id}));
    auto rate = rates.find(t.name);
    list.push_back({{"name", t.name},
                    {"partitions", t.partitions.size()},
                    {"replication_factor", t.partitions.empty() ? 0 : t.partitions[0].replicas},
                    {"internal", is_internal_topic(t.name)},
                    {"messages", messages},
                    {"size_bytes", topic_size(sizes, t)},
                    {"records_in_per_sec", rate == rates.end() ? 0.0 : rate->second}});
  }
  return http::json_response({{"topics", std::move(list)}});
}

http::Response describe_topic(ConsoleContext& ctx, const std::string& name) {
  auto topic = client::describe_topic(*ctx.admin, name);
  if (!topic.ok()) return error_response(topic.status());
  auto offsets = offsets_of(ctx, {*topic});
  if (!offsets.ok()) return error_response(offsets.status());
  auto sizes = sizes_of(ctx, {name});
  nlohmann::json partitions = nlohmann::json::array();
  int64_t messages = 0;
  for (const auto& p : topic->partitions) {
    TopicPartition tp{name, p.id};
    auto s = offsets->start.find(tp), e = offsets->end.find(tp);
    messages += std::max<int64_t>(0, count_of(*offsets, tp));
    partitions.push_back({{"partition", p.id},
                          {"leader", p.leader},
                          {"replicas", p.replicas},
                          {"start_offset", s == offsets->start.end() ? -1 : s->second},
                          {"end_offset", e == offsets->end.end() ? -1 : e->second},
                          {"size_bytes", size_of(sizes, tp)}});
  }
  auto entries = client::topic_config_entries(*ctx.admin, name);
  if (!entries.ok()) return error_response(entries.status());
  nlohmann::json configs = nlohmann::json::array();
  for (const auto& e : *entries) {
    configs.push_back({{"name", e.name},
                       {"value", e.value ? nlohmann::json(*e.value) : nlohmann::json()},
                       {"default", e.is_default},
                       {"read_only", e.read_only},
                       {"sensitive", e.sensitive},
                       {"source", e.source}});
  }
  auto rates = ctx.series->latest_rates();
  auto rate = rates.find(name);
  return http::json_response({{"name", name},
                              {"internal", is_internal_topic(name)},
                              {"replication_factor", topic->partitions.empty() ? 0 : topic->partitions[0].replicas},
                              {"messages", messages},
                              {"size_bytes", topic_size(sizes, *topic)},
                              {"records_in_per_sec", rate == rates.end() ? 0.0 : rate->second},
                              {"partitions", std::move(partitions)},
                              {"configs", std::move(configs)}});
}

http::Response create_topic(ConsoleContext& ctx, const http::Request& request) {
  auto body = json_object_body(request);
  if (!body.ok()) return error_response(body.status());
  auto name = optional_string(*body, "name");
  if (!name.ok()) return error_response(name.status());
  if (!*name) return error_response(400, "field 'name' is required");
  if (!valid_topic_name(**name))
    return error_response(400, "field 'name': a topic name is 1 to 249 characters of a-z, A-Z, 0-9, '.', '_' and '-'");
  auto partitions = optional_int(*body, "partitions", 1, 100000);
  if (!partitions.ok()) return error_response(partitions.status());
  auto replication = optional_int(*body, "replication_factor", 1, 32767);
  if (!replication.ok()) return error_response(replication.status());
  std::map<std::string, std::string> configs;
  if (auto it = body->find("configs"); it != body->end() && !it->is_null()) {
    if (!it->is_object()) return error_response(400, "field 'configs' must be an object of config names to values");
    for (const auto& [key, value] : it->items()) {
      if (value.is_string()) configs[key] = value.get<std::string>();
      else if (value.is_number() || value.is_boolean()) configs[key] = value.dump();
      else return error_response(400, "field 'configs." + key + "' must be a string, number or boolean");
    }
  }
  client::TopicAdmin admin(*ctx.admin);
  // Absent counts: the cluster's defaults (num.partitions, default.replication.factor).
  Status created = admin.create(**name, partitions->value_or(-1), static_cast<int16_t>(replication->value_or(-1)), configs);
  if (created.code() == Errc::already_exists) return error_response(409, created.message());
  if (created.code() == Errc::timed_out) return error_response(504, created.message());
  // Everything else is the cluster refusing the request (bad config value, too many partitions).
  if (!created.ok()) return error_response(400, created.message());
  return http::json_response({{"name", **name}}, 201);
}

http::Response delete_topic(ConsoleContext& ctx, const std::string& name) {
  if (name.starts_with("__"))
    return error_response(400, "'" + name + "' is an internal topic of the cluster and cannot be deleted here");
  auto topic = client::describe_topic(*ctx.admin, name);
  if (!topic.ok()) return error_response(topic.status());
  client::TopicAdmin admin(*ctx.admin);
  Status removed = admin.remove(name);
  if (!removed.ok()) return error_response(removed);
  http::Response response;
  response.status = 204;
  return response;
}

}  // namespace

void add_topic_routes(http::Router& router, ConsoleContext& ctx) {
  router.add("GET", "/api/topics", [&ctx](http::Request&) { return list_topics(ctx); });
  router.add("POST", "/api/topics", [&ctx](http::Request& r) { return create_topic(ctx, r); });
  router.add("GET", "/api/topics/{name}", [&ctx](http::Request& r) { return describe_topic(ctx, r.param("name")); });
  router.add("DELETE", "/api/topics/{name}", [&ctx](http::Request& r) { return delete_topic(ctx, r.param("name")); });
}

}  // namespace tributary::console
