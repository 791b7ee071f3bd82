#include "broker/broker_metrics.h"

#include <map>
#include <shared_mutex>

#include "broker/group/group_coordinator.h"
#include "broker/handler_table.h"
#include "broker/topic_manager.h"
#include "common/bytes.h"
#include "protocol/record_batch.h"

namespace tributary::broker {
namespace {

metrics::Registry& reg() { return metrics::registry(); }

TopicTraffic make_traffic(const std::string& topic) {
  static auto& bytes_in = reg().counter("tributary_broker_topic_bytes_in_total",
                                        "Record batch bytes appended by Produce requests.", {"topic"});
  static auto& records_in =
      reg().counter("tributary_broker_topic_records_in_total", "Records appended by Produce requests.", {"topic"});
  static auto& bytes_out = reg().counter("tributary_broker_topic_bytes_out_total",
                                         "Record batch bytes returned by Fetch responses.", {"topic"});
  static auto& records_out =
      reg().counter("tributary_broker_topic_records_out_total", "Records returned by Fetch responses.", {"topic"});
  return {bytes_in.child({topic}), records_in.child({topic}), bytes_out.child({topic}), records_out.child({topic})};
}

std::vector<ApiInstruments> make_api_instruments() {
  auto& requests = reg().counter("tributary_kafka_requests_total", "Kafka requests received, by API.", {"api"});
  auto& errors = reg().counter("tributary_kafka_request_errors_total",
                               "Kafka requests the broker could not handle (malformed, unsupported version, "
                               "handler failure); the connection is closed.",
                               {"api"});
  auto& latency = reg().histogram("tributary_kafka_request_duration_seconds",
                                  "Time from reading a Kafka request to its response being ready, by API "
                                  "(includes Fetch long polls and acks=all fsync waits).",
                                  {"api"}, metrics::latency_buckets());
  std::vector<ApiInstruments> out;
  for (const auto& h : api_handlers())
    out.push_back({requests.child({h.name}), errors.child({h.name}), latency.child({h.name})});
  return out;
}

metrics::Gauge& open_connections() {
  static auto g = reg().gauge("tributary_broker_open_connections", "Kafka client connections currently open.").child({});
  return *g;
}

metrics::Counter& connections_total() {
  static auto c =
      reg().counter("tributary_broker_connections_total", "Kafka client connections accepted since start.").child({});
  return *c;
}

void collect_partitions(TopicManager& topics, metrics::CollectorSink& sink) {
  for (const auto& topic : topics.list()) {
    sink.gauge("tributary_broker_topic_partitions", "Partitions of the topic.", {{"topic", topic.name}},
               static_cast<double>(topic.partitions.size()));
    for (const auto& p : topic.partitions) {
      metrics::Labels labels{{"topic", topic.name}, {"partition", std::to_string(p->index())}};
      auto& log = p->log();
      sink.gauge("tributary_broker_partition_start_offset", "Log start offset (first offset still readable).", labels,
                 static_cast<double>(log.log_start_offset()));
      sink.gauge("tributary_broker_partition_end_offset", "Log end offset (offset of the next record appended).",
                 labels, static_cast<double>(log.log_end_offset()));
      sink.gauge("tributary_broker_partition_size_bytes", "Bytes of the partition's segments on disk.", labels,
                 static_cast<double>(log.size_bytes()));
    }
  }
}

void collect_groups(group::GroupCoordinator& groups, metrics::CollectorSink& sink) {
  if (!groups.loaded()) return;  // replaying __consumer_offsets: nothing reliable to show yet
  for (const auto& listing : groups.list_groups()) {
    const std::string& id = listing.group_id;
    auto description = groups.describe_group(id);
    sink.gauge("tributary_broker_group_members", "Members of the consumer group.", {{"group", id}},
               static_cast<double>(description.members.size()));
    sink.gauge("tributary_broker_group_state", "1 for the group's current state (Empty, Stable, ...).",
               {{"group", id}, {"state", group::state_name(listing.state)}}, 1);
    int64_t total = 0;
    for (const auto& lag : groups.lag(id)) {
      metrics::Labels labels{{"group", id}, {"topic", lag.topic}, {"partition", std::to_string(lag.partition)}};
      sink.gauge("tributary_broker_group_committed_offset", "Offset the group committed for the partition.", labels,
                 static_cast<double>(lag.committed_offset));
      if (lag.lag < 0) continue;  // the partition is gone
      total += lag.lag;
      sink.gauge("tributary_broker_group_lag", "Log end offset minus the group's committed offset.", labels,
                 static_cast<double>(lag.lag));
    }
    sink.gauge("tributary_broker_group_lag_sum", "Lag of the consumer group summed over its partitions.",
               {{"group", id}}, static_cast<double>(total));
  }
}

}  // namespace

const TopicTraffic& topic_traffic(const std::string& topic) {
  static std::shared_mutex mutex;
  static auto* by_topic = new std::map<std::string, TopicTraffic, std::less<>>();
  {
    std::shared_lock lock(mutex);
    auto it = by_topic->find(topic);
    if (it != by_topic->end()) return it->second;
  }
  std::unique_lock lock(mutex);
  auto it = by_topic->find(topic);
  if (it == by_topic->end()) it = by_topic->emplace(topic, make_traffic(topic)).first;
  return it->second;  // std::map nodes never move
}

const ApiInstruments& api_instruments(const ApiHandler& handler) {
  static const std::vector<ApiInstruments> instruments = make_api_instruments();
  return instruments[static_cast<size_t>(&handler - api_handlers().data())];
}

void kafka_connection_opened() {
  open_connections().inc();
  connections_total().inc();
}

void kafka_connection_closed() { open_connections().dec(); }

int64_t count_records(std::span<const uint8_t> batches) {
  namespace rb = protocol;
  int64_t records = 0;
  size_t pos = 0;
  while (pos + rb::kBatchHeaderSize <= batches.size()) {
    ByteReader header(batches.data() + pos, rb::kBatchHeaderSize);
    header.skip(8);
    int32_t length = header.i32();
    if (length <= 0) break;
    ByteReader count(batches.data() + pos + rb::batch_offsets::kRecordCount, 4);
    records += count.i32();
    pos += rb::kBatchLengthPrefix + static_cast<size_t>(length);
  }
  return records;
}

metrics::CollectorHandle register_broker_collectors(TopicManager& topics, group::GroupCoordinator& groups) {
  return reg().add_collector([&topics, &groups](metrics::CollectorSink& sink) {
    collect_partitions(topics, sink);
    collect_groups(groups, sink);
  });
}

}  // namespace tributary::broker
