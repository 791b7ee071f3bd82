#include "broker/handlers/handler_util.h"
#include "broker/handlers/handlers.h"
#include "common/clock.h"
#include "common/logging.h"

namespace tributary::broker {
namespace {

using PartitionResponse =
    std::remove_reference_t<decltype(protocol::ProduceResponse{}.responses[0].partition_responses[0])>;

void fail(PartitionResponse& r, KafkaError error, const std::string& message) {
  r.error_code = code(error);
  r.base_offset = -1;
  r.error_message = message;
}

}  // namespace

void handle_produce(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::ProduceRequest>(body);
  auto pending = std::make_shared<PendingResponse<protocol::ProduceResponse>>(ctx);
  protocol::ProduceResponse& response = pending->response();
  bool acks_valid = request.acks == 0 || request.acks == 1 || request.acks == -1;
  struct Durable {
    std::shared_ptr<Partition> partition;
    int64_t end_offset;
    PartitionResponse* slot;
  };
  std::vector<Durable> to_sync;

  // Reserved up front: to_sync keeps pointers to partition entries, which must not move.
  response.responses.reserve(request.topic_data.size());
  for (auto& topic : request.topic_data) {
    auto& topic_response = response.responses.emplace_back();
    topic_response.name = topic.name;
    topic_response.partition_responses.reserve(topic.partition_data.size());
    for (auto& data : topic.partition_data) {
      auto& r = topic_response.partition_responses.emplace_back();
      r.index = data.index;
      if (!acks_valid) {
        fail(r, KafkaError::invalid_required_acks, "acks must be 0, 1 or -1");
        continue;
      }
      auto partition = ctx.broker.topics().partition(topic.name, data.index);
      if (!partition) {
        fail(r, KafkaError::unknown_topic_or_partition, "This server does not host this topic-partition.");
        continue;
      }
      if (!data.records || data.records->empty()) {
        fail(r, KafkaError::invalid_record, "empty record set");
        continue;
      }
      auto appended = partition->log().append(std::span<uint8_t>(*data.records), now_ms());
      if (!appended.ok()) {
        fail(r, to_kafka_error(appended.status()), appended.status().message());
        component_logger("broker")->debug("produce_rejected topic={} partition={} peer={} error=\"{}\"", topic.name,
                                          data.index, ctx.peer, appended.status().to_string());
        continue;
      }
      if (appended->duplicate) {
        // An idempotent producer's retry: Kafka answers success with the original offsets.
        component_logger("broker")->debug("produce_duplicate topic={} partition={} peer={} base_offset={}", topic.name,
                                          data.index, ctx.peer, appended->base_offset);
      } else {
        partition->notify_appended();
        const TopicTraffic& traffic = partition->traffic();
        traffic.bytes_in->inc(data.records->size());
        traffic.records_in->inc(static_cast<uint64_t>(appended->last_offset - appended->base_offset + 1));
      }
      r.base_offset = appended->base_offset;
      r.log_append_time_ms = appended->log_append_time;
      r.log_start_offset = appended->log_start_offset;
      if (request.acks == -1) to_sync.push_back({partition, appended->last_offset + 1, &r});
    }
  }

  if (request.acks == 0) return ctx.responder.send_nothing();
  if (to_sync.empty()) return ctx.respond(response);
  // acks=all: answer once every written partition is on disk (group commit shares the fsyncs).
  pending->expect_parts(to_sync.size());
  for (auto& d : to_sync) {
    ctx.broker.group_commit().await_durable(d.partition, d.end_offset, [pending, slot = d.slot](Status s) {
      pending->complete_part([&](protocol::ProduceResponse&) {
        if (!s.ok()) fail(*slot, KafkaError::kafka_storage_error, s.message());
      });
    });
  }
}

}  // namespace tributary::broker
