#include "broker/handlers/handlers.h"
#include "broker/handlers/handler_util.h"

namespace tributary::broker {

void handle_api_versions(RequestContext& ctx, ByteReader& body) {
  protocol::ApiVersionsResponse response;
  const ApiHandler* self = find_handler(protocol::ApiVersionsRequest::kApiKey);
  if (ctx.version() > self->max_version) {
    // Kafka's answer to a version it does not know: v0 layout, UNSUPPORTED_VERSION, and the table.
    response.error_code = code(KafkaError::unsupported_version);
  } else {
    ctx.decode<protocol::ApiVersionsRequest>(body);
  }
  for (const ApiHandler& h : api_handlers()) {
    auto& entry = response.api_keys.emplace_back();
    entry.api_key = h.key;
    entry.min_version = h.min_version;
    entry.max_version = h.max_version;
  }
  if (response.error_code != 0) {
    ctx.responder.send([&] {
      protocol::RequestHeader v0 = ctx.header;
      v0.api_version = 0;
      return encode_response(v0, response);
    }());
    return;
  }
  ctx.respond(response);
}

}  // namespace tributary::broker
