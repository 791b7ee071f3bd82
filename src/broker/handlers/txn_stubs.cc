// Transactions are not implemented yet. A client cannot reach these APIs through a real
// transaction (InitProducerId refuses transactional ids), but a direct request gets a
// well-formed answer: COORDINATOR_NOT_AVAILABLE everywhere, the code Kafka uses when no
// transaction coordinator can serve the request. Clients treat it as retriable and time out
// with a clear "coordinator not available" message.
#include "broker/handlers/handler_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {
namespace {
const int16_t kNoCoordinator = code(KafkaError::coordinator_not_available);
}  // namespace

void handle_add_partitions_to_txn(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::AddPartitionsToTxnRequest>(body);
  protocol::AddPartitionsToTxnResponse response;
  for (const auto& topic : request.topics) {
    auto& t = response.results.emplace_back();
    t.name = topic.name;
    for (int32_t partition : topic.partitions) t.results.push_back({partition, kNoCoordinator});
  }
  ctx.respond(response);
}

void handle_add_offsets_to_txn(RequestContext& ctx, ByteReader& body) {
  ctx.decode<protocol::AddOffsetsToTxnRequest>(body);
  protocol::AddOffsetsToTxnResponse response;
  response.error_code = kNoCoordinator;
  ctx.respond(response);
}

void handle_end_txn(RequestContext& ctx, ByteReader& body) {
  ctx.decode<protocol::EndTxnRequest>(body);
  protocol::EndTxnResponse response;
  response.error_code = kNoCoordinator;
  ctx.respond(response);
}

void handle_txn_offset_commit(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::TxnOffsetCommitRequest>(body);
  protocol::TxnOffsetCommitResponse response;
  for (const auto& topic : request.topics) {
    auto& t = response.topics.emplace_back();
    t.name = topic.name;
    for (const auto& p : topic.partitions) t.partitions.push_back({p.partition_index, kNoCoordinator});
  }
  ctx.respond(response);
}

}  // namespace tributary::broker
