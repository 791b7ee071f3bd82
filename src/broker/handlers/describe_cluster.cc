#include "broker/handlers/handler_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_describe_cluster(RequestContext& ctx, ByteReader& body) {
  ctx.decode<protocol::DescribeClusterRequest>(body);
  const BrokerIdentity& me = ctx.broker.identity();
  protocol::DescribeClusterResponse response;
  response.cluster_id = me.cluster_id;
  response.controller_id = me.node_id;
  auto& b = response.brokers.emplace_back();
  b.broker_id = me.node_id;
  b.host = me.host;
  b.port = me.port;
  ctx.respond(response);
}

}  // namespace tributary::broker
