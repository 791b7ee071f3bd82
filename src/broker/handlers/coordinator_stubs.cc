// FindCoordinator and InitProducerId are served by the group coordinator and producer state of a
// later milestone; until then they answer with Kafka's "not available" codes so clients report a
// clear, retriable condition instead of a broken connection.
#include "broker/handlers/handler_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_find_coordinator(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::FindCoordinatorRequest>(body);
  protocol::FindCoordinatorResponse response;
  const std::string message = "The group coordinator is not available on this broker yet.";
  response.error_code = code(KafkaError::coordinator_not_available);
  response.error_message = message;
  response.node_id = -1;
  response.port = -1;
  for (const auto& key : request.coordinator_keys) {  // v4 batches its keys
    auto& c = response.coordinators.emplace_back();
    c.key = key;
    c.node_id = -1;
    c.port = -1;
    c.error_code = code(KafkaError::coordinator_not_available);
    c.error_message = message;
  }
  ctx.respond(response);
}

void handle_init_producer_id(RequestContext& ctx, ByteReader& body) {
  ctx.decode<protocol::InitProducerIdRequest>(body);
  protocol::InitProducerIdResponse response;
  response.error_code = code(KafkaError::coordinator_not_available);
  response.producer_id = -1;
  response.producer_epoch = -1;
  ctx.respond(response);
}

}  // namespace tributary::broker
