#include "client/record_sender.h"

#include <chrono>
#include <memory>
#include <mutex>

namespace tributary::client {
namespace {

// One record's delivery report, shared between the sender and librdkafka's callback (which runs in
// rd_kafka_poll on whichever sending thread polls).
struct Delivery {
  std::mutex mu;
  bool done = false;
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
  RecordPosition position;
};

// The message's opaque is a heap-held reference to its Delivery, released here, so a report that
// arrives after the sender gave up waiting still writes to live memory.
void on_delivery(rd_kafka_t*, const rd_kafka_message_t* msg, void*) {
  auto* ref = static_cast<std::shared_ptr<Delivery>*>(msg->_private);
  if (!ref) return;
  {
    std::lock_guard lock((*ref)->mu);
    (*ref)->err = msg->err;
    (*ref)->position = {msg->partition, msg->offset};
    (*ref)->done = true;
  }
  delete ref;
}

}  // namespace

Result<std::unique_ptr<RecordSender>> RecordSender::create(const std::string& bootstrap_servers, const Properties& extra) {
  Properties props = extra;
  props.emplace("acks", "all");
  props.emplace("linger.ms", "0");
  props.emplace("message.timeout.ms", "15000");
  auto handle = KafkaHandle::create(bootstrap_servers, props, RD_KAFKA_PRODUCER,
                                    [](rd_kafka_conf_t* conf) { rd_kafka_conf_set_dr_msg_cb(conf, &on_delivery); });
  if (!handle.ok()) return handle.status();
  return std::unique_ptr<RecordSender>(new RecordSender(std::move(*handle)));
}

Result<RecordPosition> RecordSender::send(const OutboundRecord& r, int timeout_ms) {
  auto delivery = std::make_shared<Delivery>();
  auto* ref = new std::shared_ptr<Delivery>(delivery);
  if (rd_kafka_resp_err_t err = produce_record(handle_->get(), r, ref)) {
    delete ref;
    return kafka_status(err, "produce to " + r.topic);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::unique_lock lock(delivery->mu);
  while (!delivery->done && std::chrono::steady_clock::now() < deadline) {
    lock.unlock();
    rd_kafka_poll(handle_->get(), 50);  // serves delivery reports (any thread's)
    lock.lock();
  }
  if (!delivery->done) return Status::error(Errc::timed_out, "produce to " + r.topic + ": no acknowledgement in time");
  if (delivery->err) return kafka_status(delivery->err, "produce to " + r.topic);
  return delivery->position;
}

}  // namespace tributary::client
