#include "client/producer.h"

#include <fmt/format.h>

namespace tributary::client {

Result<std::unique_ptr<Producer>> Producer::create(const std::string& bootstrap_servers, const Properties& extra) {
  Properties props = extra;
  props.emplace("enable.idempotence", "true");
  props.emplace("acks", "all");
  props.emplace("linger.ms", "5");
  std::unique_ptr<Producer> producer(new Producer(nullptr));
  auto handle = KafkaHandle::create(bootstrap_servers, props, RD_KAFKA_PRODUCER, [&](rd_kafka_conf_t* conf) {
    rd_kafka_conf_set_opaque(conf, producer.get());
    rd_kafka_conf_set_dr_msg_cb(conf, &Producer::on_delivery);
  });
  if (!handle.ok()) return handle.status();
  producer->handle_ = std::move(*handle);
  return producer;
}

Producer::~Producer() {
  if (!handle_) return;
  rd_kafka_flush(handle_->get(), 10000);
  for (auto& [name, topic] : topics_) rd_kafka_topic_destroy(topic);  // before the handle goes
}

void Producer::on_delivery(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque) {
  if (!msg->err || !opaque) return;
  auto* self = static_cast<Producer*>(opaque);
  std::lock_guard lock(self->mu_);
  if (self->first_error_.ok())
    self->first_error_ = kafka_status(msg->err, fmt::format("produce to {}", rd_kafka_topic_name(msg->rkt)));
}

rd_kafka_resp_err_t produce_record(rd_kafka_t* handle, const OutboundRecord& r, void* opaque) {
  // What librdkafka does for a topic given by name: a handle for this one record.
  rd_kafka_topic_t* topic = rd_kafka_topic_new(handle, r.topic.c_str(), nullptr);
  if (!topic) return rd_kafka_last_error();
  rd_kafka_resp_err_t err = produce_record(handle, topic, r, opaque);
  rd_kafka_topic_destroy(topic);
  return err;
}

rd_kafka_resp_err_t produce_record(rd_kafka_t* handle, rd_kafka_topic_t* topic, const OutboundRecord& r, void* opaque) {
  rd_kafka_headers_t* headers = nullptr;
  if (!r.headers.empty()) {
    headers = rd_kafka_headers_new(r.headers.size());
    for (const auto& [name, value] : r.headers)
      rd_kafka_header_add(headers, name.data(), name.size(), value ? value->data() : nullptr, value ? value->size() : 0);
  }
  // librdkafka's macros cast their arguments without parentheses, so plain variables go in.
  void* key = r.key ? const_cast<char*>(r.key->data()) : nullptr;
  size_t key_size = r.key ? r.key->size() : 0;
  void* value = r.value ? const_cast<char*>(r.value->data()) : nullptr;
  size_t value_size = r.value ? r.value->size() : 0;
  rd_kafka_resp_err_t err = rd_kafka_producev(
      handle, RD_KAFKA_V_RKT(topic), RD_KAFKA_V_PARTITION(r.partition), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
      RD_KAFKA_V_KEY(key, key_size), RD_KAFKA_V_VALUE(value, value_size), RD_KAFKA_V_TIMESTAMP(r.timestamp_ms),
      RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_OPAQUE(opaque), RD_KAFKA_V_END);
  if (err && headers) rd_kafka_headers_destroy(headers);  // librdkafka owns them only on success
  return err;
}

rd_kafka_topic_t* Producer::topic(const std::string& name) {
  std::lock_guard lock(topics_mu_);
  auto it = topics_.find(name);
  if (it != topics_.end()) return it->second;
  rd_kafka_topic_t* handle = rd_kafka_topic_new(handle_->get(), name.c_str(), nullptr);
  if (handle) topics_.emplace(name, handle);
  return handle;  // null: rd_kafka_last_error() says why
}

Status Producer::send(const OutboundRecord& r) {
  rd_kafka_topic_t* rkt = topic(r.topic);
  if (!rkt) return kafka_status(rd_kafka_last_error(), "produce to " + r.topic);
  for (;;) {
    rd_kafka_resp_err_t err = produce_record(handle_->get(), rkt, r, nullptr);
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      rd_kafka_poll(handle_->get(), 50);
      continue;
    }
    if (err) return kafka_status(err, "produce to " + r.topic);
    // Delivery reports only record errors, and flush serves them all: serving them after every
    // send cost about as much as the send itself.
    if (sends_.fetch_add(1, std::memory_order_relaxed) % 64 == 63) rd_kafka_poll(handle_->get(), 0);
    return Status();
  }
}

Status Producer::learn_topic(const std::string& topic, int timeout_ms) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(handle_->get(), topic.c_str(), nullptr);
  if (!rkt) return kafka_status(rd_kafka_last_error(), "topic handle for " + topic);
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(handle_->get(), 0, rkt, &md, timeout_ms);
  if (md) rd_kafka_metadata_destroy(md);
  rd_kafka_topic_destroy(rkt);
  return kafka_status(err, "metadata of " + topic);
}

Status Producer::flush(int timeout_ms) {
  rd_kafka_resp_err_t err = rd_kafka_flush(handle_->get(), timeout_ms);
  std::lock_guard lock(mu_);
  Status result = first_error_;
  first_error_ = Status();
  if (result.ok() && err) return kafka_status(err, "flush");
  return result;
}

}  // namespace tributary::client
