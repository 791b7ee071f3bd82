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

// End-to-end latency: a producer paced at `rate` and a one-member consumer group on the same topic.
struct E2eOptions {
  std::string brokers;
  std::string topic = "e2e";
  std::string group = "bench-e2e";
  std::string label;
  int record_size = 100;  // at least 8: the first 8 bytes carry the produce time
  int64_t rate = 10000;   // records/s
  double seconds = 10;    // producing time, warm-up included
  double warmup_s = 1;    // records produced in the first warmup_s are not in the percentiles
  std::string acks = "all";
  bool idempotence = false;
  int linger_ms = 5;
  int partitions = 6;     // the topic is created with this many partitions if it is missing
  double timeout_s = 30;  // for the group to form, and for the last records after producing stops
};

// Group consume throughput: `members` consumers in one group read everything the topic holds.
struct GroupConsumeOptions {
  std::string brokers;
  std::string topic = "bench";
  std::string group = "bench-group";
  std::string label;
  int members = 1;
  double timeout_s = 30;  // give up after this long without a record
};

int run_produce(const ProduceOptions& o);
int run_consume(const ConsumeOptions& o);
int run_e2e(const E2eOptions& o);
int run_group_consume(const GroupConsumeOptions& o);

}  // namespace tributary::bench
