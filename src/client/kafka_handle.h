// An owned librdkafka client handle: the one way connect, sql and the CLI reach a Kafka cluster
// (the embedded broker or any other), so nothing above this folder touches broker internals.
#pragma once

#include <librdkafka/rdkafka.h>

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "common/status.h"

namespace tributary::client {

using Properties = std::map<std::string, std::string>;

// librdkafka's error as a Status naming the operation.
Status kafka_status(rd_kafka_resp_err_t err, const std::string& what);

// What every consumer handle gets unless its caller set the same key: a bound on how long a
// partition whose fetch queue was full waits before it is fetched again (see the .cc).
void add_fetch_wakeup(Properties& props);

class KafkaHandle {
 public:
  // A producer-type handle, which is what librdkafka's admin API and metadata queries use.
  static Result<std::unique_ptr<KafkaHandle>> create(const std::string& bootstrap_servers, const Properties& extra = {});
  // Any handle type; `customize` may set callbacks and the opaque on the configuration first.
  // Consumers get add_fetch_wakeup's setting.
  static Result<std::unique_ptr<KafkaHandle>> create(const std::string& bootstrap_servers, const Properties& extra,
                                                     rd_kafka_type_t type,
                                                     const std::function<void(rd_kafka_conf_t*)>& customize);
  ~KafkaHandle();
  KafkaHandle(const KafkaHandle&) = delete;
  KafkaHandle& operator=(const KafkaHandle&) = delete;

  rd_kafka_t* get() const { return rk_; }

 private:
  explicit KafkaHandle(rd_kafka_t* rk) : rk_(rk) {}
  rd_kafka_t* rk_;
};

// An admin request's reply queue and options, freed together.
class AdminCall {
 public:
  AdminCall(rd_kafka_t* rk, rd_kafka_admin_op_t op, int timeout_ms);
  ~AdminCall();
  AdminCall(const AdminCall&) = delete;
  AdminCall& operator=(const AdminCall&) = delete;

  rd_kafka_AdminOptions_t* options() const { return options_; }
  rd_kafka_queue_t* queue() const { return queue_; }
  // Waits for the reply event; its error (request level) becomes the Status.
  Result<rd_kafka_event_t*> wait(const std::string& what);

 private:
  rd_kafka_queue_t* queue_;
  rd_kafka_AdminOptions_t* options_;
  rd_kafka_event_t* event_ = nullptr;
  int timeout_ms_;
};

}  // namespace tributary::client
