#include "console/series.h"

#include <chrono>

#include "client/cluster_metadata.h"
#include "client/partition_offsets.h"
#include "common/logging.h"
#include "common/thread_name.h"
#include "console/api_util.h"

namespace tributary::console {
namespace {

int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

void SeriesSampler::start() {
  thread_ = std::thread([this] {
    name_this_thread("console-series");
    run();
  });
}

void SeriesSampler::stop() {
  {
    std::lock_guard lock(stop_mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SeriesSampler::run() {
  auto log = component_logger("console");
  std::unique_ptr<client::KafkaHandle> handle;
  bool warned = false;
  std::unique_lock lock(stop_mu_);
  while (!stopping_) {
    lock.unlock();
    auto next = std::chrono::steady_clock::now() + std::chrono::milliseconds(kIntervalMs);
    if (!handle) {
      auto created = client::KafkaHandle::create(bootstrap_);
      if (created.ok()) {
        handle = std::move(*created);
      } else if (!warned) {
        log->warn("series_sampler_error error=\"{}\"", created.status().to_string());
        warned = true;
      }
    }
    if (handle) sample_once(*handle);
    lock.lock();
    stop_cv_.wait_until(lock, next, [this] { return stopping_; });
  }
}

void SeriesSampler::sample_once(client::KafkaHandle& handle) {
  auto cluster = client::describe_cluster(handle, 5000);
  if (!cluster.ok()) return;  // the cluster is unreachable: no point this second
  std::vector<client::TopicPartition> partitions;
  for (const auto& t : cluster->topics)
    for (const auto& p : t.partitions) partitions.emplace_back(t.name, p.id);
  auto ends = client::list_offsets(handle, partitions, client::OffsetSpec::latest, 5000);
  if (!ends.ok()) return;
  std::map<std::string, int64_t> sums;
  for (const auto& [tp, offset] : *ends) sums[tp.first] += offset;
  int64_t now = steady_ms(), wall = wall_ms();
  std::lock_guard lock(mu_);
  for (auto it = topics_.begin(); it != topics_.end();) {
    bool exists = false;
    for (const auto& t : cluster->topics) exists = exists || t.name == it->first;
    it = exists ? std::next(it) : topics_.erase(it);  // deleted topics lose their history
  }
  for (const auto& [topic, sum] : sums) {
    TopicState& state = topics_[topic];
    if (state.last_sum >= 0 && now > state.last_time) {
      // A smaller sum means the topic was recreated: no records-in to report for that step.
      double rate = sum >= state.last_sum ? double(sum - state.last_sum) * 1000.0 / double(now - state.last_time) : 0.0;
      state.points.emplace_back(wall, rate);
      while (!state.points.empty() && state.points.front().first < wall - kKeepMs) state.points.pop_front();
    }
    state.last_sum = sum;
    state.last_time = now;
  }
}

std::map<std::string, std::vector<SeriesSampler::Point>> SeriesSampler::points(int64_t since_ms,
                                                                                const std::string& topic) const {
  std::map<std::string, std::vector<Point>> out;
  std::lock_guard lock(mu_);
  for (const auto& [name, state] : topics_) {
    if (!topic.empty() && name != topic) continue;
    auto& list = out[name];
    for (const auto& p : state.points)
      if (p.first >= since_ms) list.push_back(p);
  }
  return out;
}

std::map<std::string, double> SeriesSampler::latest_rates() const {
  std::map<std::string, double> out;
  std::lock_guard lock(mu_);
  for (const auto& [name, state] : topics_) out[name] = state.points.empty() ? 0.0 : state.points.back().second;
  return out;
}

double SeriesSampler::total_rate() const {
  double total = 0;
  for (const auto& [_, rate] : latest_rates()) total += rate;
  return total;
}

void add_series_routes(http::Router& router, const SeriesSampler& series) {
  router.add("GET", "/api/series", [&series](http::Request& request) -> http::Response {
    auto minutes = int_param(request, "minutes", 5, 1, 15);
    if (!minutes.ok()) return error_response(minutes.status());
    auto topic_it = request.query.find("topic");
    std::string topic = topic_it == request.query.end() ? "" : topic_it->second;
    nlohmann::json topics = nlohmann::json::object();
    for (const auto& [name, list] : series.points(wall_ms() - *minutes * 60'000, topic)) {
      nlohmann::json points = nlohmann::json::array();
      for (const auto& [ts, rate] : list) points.push_back({ts, rate});
      topics[name] = std::move(points);
    }
    return http::json_response({{"interval_ms", SeriesSampler::kIntervalMs}, {"topics", std::move(topics)}});
  });
}

}  // namespace tributary::console
