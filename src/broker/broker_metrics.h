// The broker's Prometheus instruments (common/metrics.h) and its scrape-time collectors.
// Hot paths hold cached pointers: a Partition keeps its topic's traffic counters, the handler table's
// position indexes the per-API instruments, so a request pays atomic adds only.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "common/metrics.h"

namespace tributary::broker {

struct ApiHandler;
class TopicManager;
namespace group {
class GroupCoordinator;
}

// Produce/fetch traffic of one topic. Kept when the topic is deleted (counters only ever grow).
struct TopicTraffic {
  std::shared_ptr<metrics::Counter> bytes_in, records_in, bytes_out, records_out;
};
// Stable for the process' life; one map lookup, so call it once per partition or per request.
const TopicTraffic& topic_traffic(const std::string& topic);

struct ApiInstruments {
  std::shared_ptr<metrics::Counter> requests;
  std::shared_ptr<metrics::Counter> errors;
  std::shared_ptr<metrics::Histogram> latency;
};
// By the handler's entry in the handler table (no lookup).
const ApiInstruments& api_instruments(const ApiHandler& handler);

void kafka_connection_opened();
void kafka_connection_closed();

// Records in the v2 batches of a fetch response or produce payload (walks batch headers only).
int64_t count_records(std::span<const uint8_t> batches);

// Partition offsets and sizes (from the topic manager) and consumer group state and lag (from the
// coordinator's blocking views: scrapes run on HTTP threads, never on the coordinator thread).
// Drop the handle before stopping either.
[[nodiscard]] metrics::CollectorHandle register_broker_collectors(TopicManager& topics,
                                                                  group::GroupCoordinator& groups);

}  // namespace tributary::broker
