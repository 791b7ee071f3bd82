#include "console/tail.h"

#include <chrono>

#include "client/consumer.h"
#include "client/partition_reader.h"
#include "client/partition_offsets.h"
#include "common/logging.h"
#include "console/api_util.h"
#include "console/messages.h"
#include "console/record_json.h"
#include "http/stream_writer.h"

namespace tributary::console {
namespace {

constexpr auto kKeepalive = std::chrono::seconds(10);

void run_tail(const std::string& bootstrap, std::map<client::TopicPartition, int64_t> starts, const std::string& needle,
              const std::shared_ptr<http::StreamWriter>& writer, const std::shared_ptr<std::atomic<bool>>& closed,
              const std::atomic<bool>& stopping) {
  auto reader = client::PartitionReader::create(bootstrap);
  if (!reader.ok() || !(*reader)->assign(starts).ok()) {
    std::string message = reader.ok() ? "cannot read the topic" : reader.status().message();
    writer->write("event: error\ndata: " + nlohmann::json({{"message", message}}).dump() + "\n\n");
    writer->close();
    return;
  }
  writer->write(": tail started\n\n");
  auto last_write = std::chrono::steady_clock::now();
  while (!closed->load() && !stopping.load()) {
    auto records = (*reader)->poll(500, 500);
    if (!records.ok()) {
      writer->write("event: error\ndata: " + nlohmann::json({{"message", records.status().message()}}).dump() + "\n\n");
      break;
    }
    std::string batch;
    for (const auto& r : *records)
      if (record_matches(r, needle)) batch += "data: " + record_to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n";
    auto now = std::chrono::steady_clock::now();
    if (batch.empty() && now - last_write >= kKeepalive) batch = ": keepalive\n\n";
    if (batch.empty()) continue;
    if (!writer->write(batch)) break;
    last_write = now;
  }
  writer->close();
}

http::Response tail(ConsoleContext& ctx, const std::string& topic, const http::Request& request) {
  auto partitions = selected_partitions(ctx, topic, request);
  if (!partitions.ok()) return error_response(partitions.status());
  std::vector<client::TopicPartition> tps;
  for (int32_t p : *partitions) tps.emplace_back(topic, p);
  // Explicit start offsets (not "end" resolved later by the reader): nothing produced from now on is missed.
  auto ends = client::list_offsets(*ctx.admin, tps, client::OffsetSpec::latest);
  if (!ends.ok()) return error_response(ends.status());
  std::map<client::TopicPartition, int64_t> starts;
  for (const auto& tp : tps) starts[tp] = ends->count(tp) ? ends->at(tp) : client::PartitionReader::kEnd;
  auto search = request.query.find("search");
  std::string needle = search == request.query.end() ? "" : ascii_lower(search->second);
  BackgroundThreads* threads = ctx.threads;
  std::string bootstrap = ctx.bootstrap;
  auto response = http::stream_response("text/event-stream", [=](std::shared_ptr<http::StreamWriter> writer) {
    auto closed = std::make_shared<std::atomic<bool>>(false);
    writer->on_close([closed] { *closed = true; });
    bool spawned = threads->spawn([=](const std::atomic<bool>& stopping) {
      run_tail(bootstrap, starts, needle, writer, closed, stopping);
    });
    if (!spawned) writer->close();
  });
  response.headers.emplace_back("Cache-Control", "no-cache");
  return response;
}

}  // namespace

void add_tail_routes(http::Router& router, ConsoleContext& ctx) {
  router.add("GET", "/api/topics/{name}/tail", [&ctx](http::Request& r) { return tail(ctx, r.param("name"), r); });
}

}  // namespace tributary::console
