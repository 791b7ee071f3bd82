// InitProducerId for idempotent producers (KIP-98), with the KIP-360 epoch bump (v3+) that
// clients ask for after UNKNOWN_PRODUCER_ID or OUT_OF_ORDER_SEQUENCE_NUMBER.
// Transactions do not exist yet: a non-null transactional_id is answered with
// COORDINATOR_NOT_AVAILABLE, which clients report as "transaction coordinator not available".
#include "broker/handlers/handler_util.h"
#include "broker/handlers/handlers.h"
#include "broker/producer_ids.h"
#include "common/clock.h"
#include "common/logging.h"

namespace tributary::broker {

void handle_init_producer_id(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::InitProducerIdRequest>(body);
  protocol::InitProducerIdResponse response;
  response.producer_id = -1;
  response.producer_epoch = -1;
  if (request.transactional_id) {
    response.error_code = code(KafkaError::coordinator_not_available);
    return ctx.respond(response);
  }
  if ((request.producer_id < 0) != (request.producer_epoch < 0)) {
    response.error_code = code(KafkaError::invalid_request);  // as Kafka: both or neither
    return ctx.respond(response);
  }
  auto& ids = ctx.broker.producer_ids();
  auto result = request.producer_id < 0 ? ids.allocate(now_ms())
                                        : ids.bump(request.producer_id, request.producer_epoch, now_ms());
  if (!result.ok()) {
    const Status& s = result.status();
    if (s.code() == Errc::invalid_producer_epoch) {
      // v4 introduced PRODUCER_FENCED for this case; older clients know INVALID_PRODUCER_EPOCH.
      response.error_code = code(ctx.version() >= 4 ? KafkaError::producer_fenced : KafkaError::invalid_producer_epoch);
    } else {
      // The id block could not be persisted: a retriable condition for the client.
      response.error_code = code(KafkaError::coordinator_not_available);
      component_logger("broker")->error("producer_id_allocation_failed error=\"{}\"", s.to_string());
    }
    return ctx.respond(response);
  }
  response.producer_id = result->producer_id;
  response.producer_epoch = result->epoch;
  ctx.respond(response);
}

}  // namespace tributary::broker
