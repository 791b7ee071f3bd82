// tributary-bench-kafka: a librdkafka load generator for any Kafka-compatible broker (Tributary here).
// It drives librdkafka the way an application would, so the numbers include the client's cost.
#pragma once

#include <cstdint>
#include <string>

namespace tributary::bench {

struct ProduceOptions {
  std::string brokers;
  std::string topic = "bench";
  std::string label;
  int record_size = 100;
  int64_t count = 0;        // records to produce; 0: run for `seconds`
  double seconds = 10;
  std::string acks = "all";
  int linger_ms = 5;
  int batch_bytes = 1000000;   // librdkafka batch.size; the broker's message.max.bytes is ~1 MiB
  int batch_messages = 100000; // librdkafka batch.num.messages; batch_bytes is the real cap
  int partitions = 1;          // the topic is created with this many partitions if it is missing
  int in_flight = 5;           // max.in.flight.requests.per.connection
  int64_t queue_messages = 100000;  // queue.buffering.max.messages: bounds client-side queueing delay
  int64_t rate = 0;            // records/s to pace at; 0: as fast as the queue allows
};

struct ConsumeOptions {
  std::string brokers;
  std::string topic = "bench";
  std::string label;
  int64_t count = 0;  // records to read from the beginning; 0: until every partition's end
  double timeout_s = 30;  // give up after this long without a record
};

int run_produce(const ProduceOptions& o);
int run_consume(const ConsumeOptions& o);

}  // namespace tributary::bench
