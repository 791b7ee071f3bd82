// What every API area of the console shares: the cluster it shows, one admin client for metadata and
// admin calls (librdkafka handles are thread-safe, so all I/O threads use it), the Connect and SQL
// services it calls, the throughput sampler and the threads of long-running requests.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "client/kafka_handle.h"
#include "client/record_sender.h"
#include "console/background_threads.h"
#include "console/series.h"
#include "http/upstream.h"

namespace tributary::console {

struct ConsoleContext {
  std::string bootstrap;
  std::unique_ptr<client::KafkaHandle> admin;
  http::Upstream connect{"connect", ""};
  http::Upstream sql{"sql", ""};
  SeriesSampler* series = nullptr;
  BackgroundThreads* threads = nullptr;

  // The producer for test messages, made on first use (most consoles never produce).
  Result<client::RecordSender*> sender();

 private:
  std::mutex sender_mu_;
  std::unique_ptr<client::RecordSender> sender_;
};

// Names the console treats as internal: a leading "_" (__consumer_offsets, ksqlDB's command,
// changelog and processing-log topics) or Connect's "connect-" storage topics.
bool is_internal_topic(const std::string& name);

}  // namespace tributary::console
