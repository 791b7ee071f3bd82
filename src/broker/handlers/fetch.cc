#include "broker/asio.h"

#include "broker/handlers/handler_util.h"
#include "broker/handlers/handlers.h"
#include "common/clock.h"

namespace tributary::broker {
namespace {

// One Fetch request while it waits for min_bytes or max_wait_ms (the long poll).
struct FetchState : std::enable_shared_from_this<FetchState> {
  FetchState(RequestContext c, protocol::FetchRequest r)
      : ctx(std::move(c)), request(std::move(r)), timer(ctx.responder.executor()) {}

  RequestContext ctx;
  protocol::FetchRequest request;
  boost::asio::steady_timer timer;
  bool done = false;
  // What the last evaluation read, counted into the topics' metrics once that response is sent.
  struct Out {
    const TopicTraffic* traffic;
    uint64_t bytes;
    int64_t records;
  };
  std::vector<Out> out;

  // Reads every requested partition; returns whether the response is worth sending now.
  bool evaluate(protocol::FetchResponse& response, std::vector<std::shared_ptr<Partition>>& watched);
  void wait(std::vector<std::shared_ptr<Partition>> partitions);
  void finish();
  void respond(const protocol::FetchResponse& response);
};

bool FetchState::evaluate(protocol::FetchResponse& response, std::vector<std::shared_ptr<Partition>>& watched) {
  int64_t total = 0;
  bool any_error = false;
  int32_t max_bytes = request.max_bytes > 0 ? request.max_bytes : INT32_MAX;
  out.clear();
  for (const auto& topic : request.topics) {
    auto& topic_response = response.responses.emplace_back();
    topic_response.topic = topic.topic;
    for (const auto& wanted : topic.partitions) {
      auto& r = topic_response.partitions.emplace_back();
      r.partition_index = wanted.partition;
      r.preferred_read_replica = -1;
      r.records = Bytes{};  // Kafka sends an empty record set, never null; some clients expect that
      auto partition = ctx.broker.topics().partition(topic.topic, wanted.partition);
      if (!partition) {
        r.error_code = code(KafkaError::unknown_topic_or_partition);
        r.high_watermark = r.last_stable_offset = r.log_start_offset = -1;
        any_error = true;
        continue;
      }
      watched.push_back(partition);
      int64_t budget = std::min<int64_t>(wanted.partition_max_bytes, max_bytes - total);
      // KIP-74: the first batch of the response is returned whole even when it exceeds the limits.
      auto read = partition->log().read(wanted.fetch_offset, static_cast<int32_t>(std::max<int64_t>(budget, 0)), total == 0);
      storage::PartitionLog& log = partition->log();
      r.log_start_offset = log.log_start_offset();
      r.high_watermark = r.last_stable_offset = log.log_end_offset();
      if (!read.ok()) {
        r.error_code = code(to_kafka_error(read.status()));
        any_error = true;
        continue;
      }
      r.high_watermark = r.last_stable_offset = read->log_end_offset;
      r.log_start_offset = read->log_start_offset;
      total += static_cast<int64_t>(read->records.size());
      if (!read->records.empty())
        out.push_back({&partition->traffic(), read->records.size(), count_records(read->records)});
      r.records = std::move(read->records);
    }
  }
  return any_error || total >= request.min_bytes || request.max_wait_ms <= 0;
}

void FetchState::finish() {
  if (done) return;
  done = true;
  timer.cancel();
  protocol::FetchResponse response;
  std::vector<std::shared_ptr<Partition>> ignored;
  evaluate(response, ignored);
  respond(response);
}

void FetchState::respond(const protocol::FetchResponse& response) {
  ctx.respond(response);
  for (const auto& o : out) {
    o.traffic->bytes_out->inc(o.bytes);
    o.traffic->records_out->inc(static_cast<uint64_t>(o.records));
  }
}

void FetchState::wait(std::vector<std::shared_ptr<Partition>> partitions) {
  std::weak_ptr<FetchState> weak = weak_from_this();
  auto executor = ctx.responder.executor();
  for (auto& p : partitions) {
    p->on_next_append(weak, [weak, executor] {
      boost::asio::post(executor, [weak] {
        auto self = weak.lock();
        if (!self || self->done) return;
        protocol::FetchResponse response;
        std::vector<std::shared_ptr<Partition>> watched;
        if (self->evaluate(response, watched)) {
          self->done = true;
          self->timer.cancel();
          self->respond(response);
        } else {
          self->wait(std::move(watched));
        }
      });
    });
  }
}

}  // namespace

void handle_fetch(RequestContext& ctx, ByteReader& body) {
  auto state = std::make_shared<FetchState>(ctx, ctx.decode<protocol::FetchRequest>(body));
  protocol::FetchResponse response;
  std::vector<std::shared_ptr<Partition>> watched;
  if (state->evaluate(response, watched)) return state->respond(response);
  // Not enough data yet: wait for an append to any of the partitions, or for max_wait_ms.
  state->timer.expires_after(std::chrono::milliseconds(state->request.max_wait_ms));
  state->timer.async_wait([state](boost::system::error_code ec) {
    if (!ec) state->finish();
  });
  state->wait(std::move(watched));
}

}  // namespace tributary::broker
