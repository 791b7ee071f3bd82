#include "broker/handlers/handler_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_delete_topics(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::DeleteTopicsRequest>(body);
  // v0-5 name topics in topic_names; v6+ in topics, by name or by id.
  std::vector<std::pair<std::string, TopicId>> wanted;
  for (const auto& name : request.topic_names) wanted.emplace_back(name, TopicId{});
  for (const auto& t : request.topics) wanted.emplace_back(str(t.name), t.topic_id);

  protocol::DeleteTopicsResponse response;
  TopicManager& topics = ctx.broker.topics();
  for (auto& [name, id] : wanted) {
    auto& r = response.responses.emplace_back();
    if (name.empty()) {
      auto found = topics.find_by_id(id);
      if (!found) {
        r.topic_id = id;
        r.error_code = code(KafkaError::unknown_topic_id);
        continue;
      }
      name = found->name;
    }
    r.name = name;
    if (!ctx.broker.config().delete_topic_enable()) {
      r.error_code = code(KafkaError::policy_violation);
      r.error_message = "Topic deletion is disabled (delete.topic.enable=false).";
      continue;
    }
    auto found = topics.find(name);
    if (found) r.topic_id = found->id;
    if (found && found->internal) {
      // The coordinator's state lives there; losing it would silently drop every committed offset.
      r.error_code = code(KafkaError::invalid_topic_exception);
      r.error_message = "Internal topic " + name + " cannot be deleted.";
      continue;
    }
    Status s = topics.remove(name);
    if (!s.ok()) {
      r.error_code = code(s.code() == Errc::not_found ? KafkaError::unknown_topic_or_partition : to_kafka_error(s));
      r.error_message = s.message();
    }
  }
  ctx.respond(response);
}

}  // namespace tributary::broker
