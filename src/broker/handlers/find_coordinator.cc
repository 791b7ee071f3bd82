// FindCoordinator: this single broker coordinates every group (key_type 0) and is also named for
// transactional ids (key_type 1), so transactional clients learn where to go; the transaction
// APIs answer for their own support. While offsets are still being replayed the group APIs answer
// COORDINATOR_LOAD_IN_PROGRESS, which clients retry against the coordinator found here.
#include "broker/handlers/group_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_find_coordinator(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::FindCoordinatorRequest>(body);
  const BrokerIdentity& me = ctx.broker.identity();
  bool valid_type = request.key_type == 0 || request.key_type == 1;
  int16_t error = code(valid_type ? KafkaError::none : KafkaError::invalid_request);
  protocol::FindCoordinatorResponse response;
  if (ctx.version() < 4) {
    response.error_code = error;
    if (!valid_type) response.error_message = "unknown coordinator key type";
    response.node_id = valid_type ? me.node_id : -1;
    response.host = valid_type ? me.host : "";
    response.port = valid_type ? me.port : -1;
  }
  for (const auto& key : request.coordinator_keys) {  // v4 batches its keys
    auto& c = response.coordinators.emplace_back();
    c.key = key;
    c.error_code = error;
    c.node_id = valid_type ? me.node_id : -1;
    c.host = valid_type ? me.host : "";
    c.port = valid_type ? me.port : -1;
  }
  ctx.respond(response);
}

}  // namespace tributary::broker
