#include "broker/handlers/handler_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_create_topics(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::CreateTopicsRequest>(body);
  protocol::CreateTopicsResponse response;
  int32_t node_id = ctx.broker.identity().node_id;
  for (const auto& topic : request.topics) {
    auto& r = response.topics.emplace_back();
    r.name = topic.name;
    r.num_partitions = -1;
    r.replication_factor = -1;
    auto reject = [&](KafkaError error, const std::string& message) {
      r.error_code = code(error);
      r.error_message = message;
    };
    int32_t partitions = topic.num_partitions;
    if (!topic.assignments.empty()) {
      if (partitions != -1 || topic.replication_factor != -1) {
        reject(KafkaError::invalid_request, "Both numPartitions or replicationFactor and replicasAssignments were set.");
        continue;
      }
      bool valid = true;
      for (const auto& a : topic.assignments)
        for (int32_t b : a.broker_ids) valid = valid && b == node_id && a.broker_ids.size() == 1;
      if (!valid) {
        reject(KafkaError::invalid_replica_assignment, "Replica assignments may only name this broker, once.");
        continue;
      }
      partitions = static_cast<int32_t>(topic.assignments.size());
    }
    if (topic.replication_factor > 1) {
      reject(KafkaError::invalid_replication_factor,
             "Replication factor: " + std::to_string(topic.replication_factor) + " larger than available brokers: 1.");
      continue;
    }
    if (topic.replication_factor == 0 || topic.replication_factor < -1) {
      reject(KafkaError::invalid_replication_factor, "Replication factor must be larger than 0, or -1 for the default.");
      continue;
    }
    std::map<std::string, std::string> configs;
    for (const auto& c : topic.configs)
      if (c.value) configs[c.name] = *c.value;
    auto created = ctx.broker.topics().create(topic.name, partitions, configs, request.validate_only);
    if (!created.ok()) {
      const Status& s = created.status();
      KafkaError error = s.code() == Errc::already_exists  ? KafkaError::topic_already_exists
                         : s.code() == Errc::out_of_range  ? KafkaError::invalid_partitions
                         : s.message().find("configuration") != std::string::npos ? KafkaError::invalid_config
                                                                                  : KafkaError::invalid_topic_exception;
      reject(error, s.message());
      continue;
    }
    r.topic_id = created->id;
    r.num_partitions = partitions == -1 ? ctx.broker.config().num_partitions() : partitions;
    r.replication_factor = 1;
  }
  ctx.respond(response);
}

}  // namespace tributary::broker
