#include "client/kafka_handle.h"

#include <fmt/format.h>

namespace tributary::client {

Status kafka_status(rd_kafka_resp_err_t err, const std::string& what) {
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return Status();
  Errc code = err == RD_KAFKA_RESP_ERR__TIMED_OUT ? Errc::timed_out
              : err == RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND || err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART
                  ? Errc::not_found
                  : Errc::io_error;
  return Status::error(code, fmt::format("{}: {}", what, rd_kafka_err2str(err)));
}

void add_fetch_wakeup(Properties& props) {
  // librdkafka stops fetching a partition once queued.min.messages (100,000) wait in its queue and
  // looks again only when its broker thread next wakes. 2.1 bounds that wait with
  // fetch.queue.backoff.ms; 2.0 (Debian 12's) sleeps up to a second unless a request or response
  // wakes it, so a consumer catching up on a backlog (a SQL query, a sink task, a restore) stalled
  // ~0.9 s every ~130,000 records. There a metadata refresh every 100 ms is the wake-up (one small
  // request); buffering the whole backlog instead (queued.min.messages 10M, tried first for SQL)
  // held ~300 MB per consumer.
  if (rd_kafka_version() >= 0x02010000) {
    props.emplace("fetch.queue.backoff.ms", "20");
  } else {
    props.emplace("topic.metadata.refresh.interval.ms", "100");
  }
}

Result<std::unique_ptr<KafkaHandle>> KafkaHandle::create(const std::string& bootstrap_servers, const Properties& extra) {
  return create(bootstrap_servers, extra, RD_KAFKA_PRODUCER, {});
}

Result<std::unique_ptr<KafkaHandle>> KafkaHandle::create(const std::string& bootstrap_servers, const Properties& extra,
                                                         rd_kafka_type_t type,
                                                         const std::function<void(rd_kafka_conf_t*)>& customize) {
  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  Properties props = extra;
  props["bootstrap.servers"] = bootstrap_servers;
  props.emplace("log_level", "3");  // errors only: the CLI prints its own messages
  if (type == RD_KAFKA_CONSUMER) add_fetch_wakeup(props);
  for (const auto& [key, value] : props) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return Status::error(Errc::invalid_argument, fmt::format("client config {}: {}", key, errstr));
    }
  }
  if (customize) customize(conf);
  rd_kafka_t* rk = rd_kafka_new(type, conf, errstr, sizeof errstr);  // takes conf on success
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    return Status::error(Errc::invalid_argument, fmt::format("cannot create Kafka client: {}", errstr));
  }
  return std::unique_ptr<KafkaHandle>(new KafkaHandle(rk));
}

KafkaHandle::~KafkaHandle() { rd_kafka_destroy(rk_); }

AdminCall::AdminCall(rd_kafka_t* rk, rd_kafka_admin_op_t op, int timeout_ms)
    : queue_(rd_kafka_queue_new(rk)), options_(rd_kafka_AdminOptions_new(rk, op)), timeout_ms_(timeout_ms) {
  char errstr[256];
  rd_kafka_AdminOptions_set_request_timeout(options_, timeout_ms, errstr, sizeof errstr);
}

AdminCall::~AdminCall() {
  if (event_) rd_kafka_event_destroy(event_);
  rd_kafka_AdminOptions_destroy(options_);
  rd_kafka_queue_destroy(queue_);
}

Result<rd_kafka_event_t*> AdminCall::wait(const std::string& what) {
  event_ = rd_kafka_queue_poll(queue_, timeout_ms_ + 1000);
  if (!event_) return Status::error(Errc::timed_out, what + ": no reply in time");
  if (rd_kafka_event_error(event_))
    return Status::error(Errc::io_error, fmt::format("{}: {}", what, rd_kafka_event_error_string(event_)));
  return event_;
}

}  // namespace tributary::client
