#include "broker/handlers/handlers.h"
#include "broker/handlers/handler_util.h"

namespace tributary::broker {
namespace {

template <class Response, class Snapshot>
void add_topic(Response& response, const Snapshot& topic, int32_t node_id) {
  auto& t = response.topics.emplace_back();
  t.name = topic.name;
  t.topic_id = topic.id;
  t.is_internal = topic.internal;
  for (const auto& p : topic.partitions) {
    auto& part = t.partitions.emplace_back();
    part.partition_index = p->index();
    part.leader_id = node_id;
    part.leader_epoch = 0;
    part.replica_nodes = {node_id};
    part.isr_nodes = {node_id};
  }
}

}  // namespace

void handle_metadata(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::MetadataRequest>(body);
  const BrokerIdentity& me = ctx.broker.identity();
  protocol::MetadataResponse response;
  auto& broker = response.brokers.emplace_back();
  broker.node_id = me.node_id;
  broker.host = me.host;
  broker.port = me.port;
  response.cluster_id = me.cluster_id;
  response.controller_id = me.node_id;

  TopicManager& topics = ctx.broker.topics();
  // v0: an empty list means every topic; v1+: a null list does.
  bool all = !request.topics.has_value() || (ctx.version() == 0 && request.topics->empty());
  if (all) {
    for (const auto& topic : topics.list()) add_topic(response, topic, me.node_id);
    ctx.respond(response);
    return;
  }
  // allow_auto_topic_creation exists from v4; older clients always asked for auto-creation.
  bool allow_auto_create = ctx.version() < 4 || request.allow_auto_topic_creation;
  for (const auto& wanted : *request.topics) {
    std::string name = str(wanted.name);
    std::optional<TopicSnapshot> topic;
    Status status;
    if (name.empty() && ctx.version() >= 10) {
      topic = topics.find_by_id(wanted.topic_id);
      if (!topic) status = Status::error(Errc::not_found, "unknown topic id");
    } else if (Status valid = TopicManager::validate_topic_name(name); !valid.ok()) {
      status = valid;
    } else {
      auto found = topics.get_or_auto_create(name, allow_auto_create);
      if (found.ok()) topic = *found; else status = found.status();
    }
    if (topic) {
      add_topic(response, *topic, me.node_id);
      continue;
    }
    auto& t = response.topics.emplace_back();
    t.name = name;
    t.topic_id = wanted.topic_id;
    t.error_code = code(status.code() == Errc::invalid_argument ? KafkaError::invalid_topic_exception
                        : name.empty()                          ? KafkaError::unknown_topic_id
                                                                : KafkaError::unknown_topic_or_partition);
  }
  ctx.respond(response);
}

}  // namespace tributary::broker
