#include "broker/handlers/handler_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_create_partitions(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::CreatePartitionsRequest>(body);
  protocol::CreatePartitionsResponse response;
  for (const auto& topic : request.topics) {
    auto& r = response.results.emplace_back();
    r.name = topic.name;
    Status s = ctx.broker.topics().add_partitions(topic.name, topic.count, request.validate_only);
    if (!s.ok()) {
      r.error_code = code(s.code() == Errc::not_found ? KafkaError::unknown_topic_or_partition : KafkaError::invalid_partitions);
      r.error_message = s.message();
    }
  }
  ctx.respond(response);
}

}  // namespace tributary::broker
