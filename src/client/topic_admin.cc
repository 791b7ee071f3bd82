#include "client/topic_admin.h"

#include <fmt/format.h>

namespace tributary::client {

Status TopicAdmin::create(const std::string& topic, int32_t partitions, int16_t replication_factor,
                          const std::map<std::string, std::string>& configs) {
  char errstr[256];
  rd_kafka_NewTopic_t* spec = rd_kafka_NewTopic_new(topic.c_str(), partitions, replication_factor, errstr, sizeof errstr);
  if (!spec) return Status::error(Errc::invalid_argument, fmt::format("create topic {}: {}", topic, errstr));
  for (const auto& [key, value] : configs) rd_kafka_NewTopic_set_config(spec, key.c_str(), value.c_str());
  AdminCall call(handle_.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS, timeout_ms_);
  rd_kafka_CreateTopics(handle_.get(), &spec, 1, call.options(), call.queue());
  rd_kafka_NewTopic_destroy(spec);
  auto event = call.wait("create topic " + topic);
  if (!event.ok()) return event.status();
  size_t n = 0;
  const rd_kafka_topic_result_t** results =
      rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(*event), &n);
  for (size_t i = 0; i < n; ++i) {
    rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
    if (err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
      return Status::error(Errc::already_exists, fmt::format("Topic '{}' already exists", topic));
    if (err) {
      const char* msg = rd_kafka_topic_result_error_string(results[i]);
      return Status::error(Errc::io_error, fmt::format("create topic {}: {}", topic, msg ? msg : rd_kafka_err2str(err)));
    }
  }
  return Status();
}

Status TopicAdmin::remove(const std::string& topic) {
  rd_kafka_DeleteTopic_t* spec = rd_kafka_DeleteTopic_new(topic.c_str());
  AdminCall call(handle_.get(), RD_KAFKA_ADMIN_OP_DELETETOPICS, timeout_ms_);
  rd_kafka_DeleteTopics(handle_.get(), &spec, 1, call.options(), call.queue());
  rd_kafka_DeleteTopic_destroy(spec);
  auto event = call.wait("delete topic " + topic);
  if (!event.ok()) return event.status();
  size_t n = 0;
  const rd_kafka_topic_result_t** results =
      rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(*event), &n);
  for (size_t i = 0; i < n; ++i) {
    if (rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i])) return kafka_status(err, "delete topic " + topic);
  }
  return Status();
}

Status TopicAdmin::add_partitions(const std::string& topic, int32_t total) {
  char errstr[256];
  rd_kafka_NewPartitions_t* spec = rd_kafka_NewPartitions_new(topic.c_str(), total, errstr, sizeof errstr);
  if (!spec) return Status::error(Errc::invalid_argument, fmt::format("add partitions to {}: {}", topic, errstr));
  AdminCall call(handle_.get(), RD_KAFKA_ADMIN_OP_CREATEPARTITIONS, timeout_ms_);
  rd_kafka_CreatePartitions(handle_.get(), &spec, 1, call.options(), call.queue());
  rd_kafka_NewPartitions_destroy(spec);
  auto event = call.wait("add partitions to " + topic);
  if (!event.ok()) return event.status();
  size_t n = 0;
  const rd_kafka_topic_result_t** results =
      rd_kafka_CreatePartitions_result_topics(rd_kafka_event_CreatePartitions_result(*event), &n);
  for (size_t i = 0; i < n; ++i) {
    rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
    if (err == RD_KAFKA_RESP_ERR_INVALID_PARTITIONS)  // it has that many (or more) already
      return Status::error(Errc::already_exists, fmt::format("Topic '{}' has {} partitions or more", topic, total));
    if (err) return kafka_status(err, "add partitions to " + topic);
  }
  return Status();
}

Result<std::map<std::string, int32_t>> TopicAdmin::list() {
  const rd_kafka_metadata_t* metadata = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(handle_.get(), 1, nullptr, &metadata, timeout_ms_);
  if (err) return kafka_status(err, "list topics");
  std::map<std::string, int32_t> topics;
  for (int i = 0; i < metadata->topic_cnt; ++i) {
    const auto& t = metadata->topics[i];
    if (t.err || std::string_view(t.topic).starts_with("__")) continue;
    topics[t.topic] = t.partition_cnt;
  }
  rd_kafka_metadata_destroy(metadata);
  return topics;
}

}  // namespace tributary::client
