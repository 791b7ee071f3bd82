#include "client/log_dirs.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <memory>

#include "client/protocol_connection.h"
#include "protocol/messages.h"

namespace tributary::client {
namespace {

constexpr int16_t kDescribeLogDirs = protocol::DescribeLogDirsRequest::kApiKey;

std::unique_ptr<ProtocolConnection> new_connection(const std::atomic<bool>& never_aborted) {
  return std::make_unique<ProtocolConnection>("tributary-console", never_aborted);
}

}  // namespace

Result<std::map<TopicPartition, int64_t>> partition_sizes(const std::string& bootstrap_servers,
                                                          const std::vector<std::string>& topics, int timeout_ms) {
  static const std::atomic<bool> never_aborted{false};
  auto servers = parse_servers(bootstrap_servers);
  if (servers.empty()) return Status::error(Errc::invalid_argument, "no bootstrap servers in '" + bootstrap_servers + "'");

  // Metadata from the first reachable bootstrap server: the brokers to ask and the partitions wanted.
  std::unique_ptr<ProtocolConnection> bootstrap;
  Status last = Status::error(Errc::io_error, "no broker reachable");
  protocol::MetadataResponse metadata;
  for (const auto& [host, port] : servers) {
    auto conn = new_connection(never_aborted);
    last = conn->connect(host, port, timeout_ms);
    if (!last.ok()) continue;
    protocol::MetadataRequest request;
    request.allow_auto_topic_creation = false;
    if (!topics.empty()) {
      request.topics.emplace();
      for (const auto& t : topics) request.topics->push_back({.name = t});
    }
    auto response = conn->call<protocol::MetadataRequest, protocol::MetadataResponse>(request, timeout_ms);
    if (!response.ok()) {
      last = response.status();
      continue;
    }
    metadata = std::move(*response);
    bootstrap = std::move(conn);
    break;
  }
  if (!bootstrap) return last;

  protocol::DescribeLogDirsRequest request;  // topics null: every topic
  if (!topics.empty()) {
    request.topics.emplace();
    for (const auto& t : metadata.topics) {
      if (t.error_code != 0 || !t.name) continue;
      protocol::DescribeLogDirsRequest::Topic wanted;
      wanted.topic = *t.name;
      for (const auto& p : t.partitions) wanted.partitions.push_back(p.partition_index);
      request.topics->push_back(std::move(wanted));
    }
    if (request.topics->empty()) return std::map<TopicPartition, int64_t>{};
  }

  // Sizes are per replica, so every broker is asked; the bootstrap broker answers on its connection.
  std::map<TopicPartition, int64_t> sizes;
  size_t answered = 0;
  bool any_supports = false;
  for (const auto& broker : metadata.brokers) {
    std::unique_ptr<ProtocolConnection> owned;
    ProtocolConnection* conn = bootstrap.get();
    if (fmt::format("{}:{}", broker.host, broker.port) != bootstrap->address()) {
      owned = new_connection(never_aborted);
      last = owned->connect(broker.host, static_cast<uint16_t>(broker.port), timeout_ms);
      if (!last.ok()) continue;
      conn = owned.get();
    }
    if (!conn->supports(kDescribeLogDirs)) continue;
    any_supports = true;
    auto response = conn->call<protocol::DescribeLogDirsRequest, protocol::DescribeLogDirsResponse>(request, timeout_ms);
    if (!response.ok()) {
      last = response.status();
      continue;
    }
    if (response->error_code != 0) {
      last = Status::error(Errc::io_error, fmt::format("DescribeLogDirs on {} failed with error {}",
                                                       conn->address(), response->error_code));
      continue;
    }
    ++answered;
    for (const auto& dir : response->results) {
      if (dir.error_code != 0) continue;  // an offline log dir: its replicas are unknown
      for (const auto& t : dir.topics)
        for (const auto& p : t.partitions) {
          if (p.is_future_key) continue;  // a replica being moved between dirs, not yet the current one
          auto& size = sizes.try_emplace({t.name, p.partition_index}, 0).first->second;
          size = std::max(size, p.partition_size);
        }
    }
  }
  if (!any_supports && !metadata.brokers.empty())
    return Status::error(Errc::unsupported, "the cluster does not support DescribeLogDirs");
  if (answered == 0) return last;
  return sizes;
}

}  // namespace tributary::client
