// Command line of tributary-bench-kafka: `produce` and `consume` subcommands (see kafka_bench.h).
#include <CLI/CLI.hpp>

#include "kafka_bench.h"

using namespace tributary::bench;

int main(int argc, char** argv) {
  CLI::App app{"librdkafka load generator: one JSON line per run on stdout, a human summary on stderr"};
  app.require_subcommand(1);
  int rc = 0;

  ProduceOptions p;
  CLI::App* produce = app.add_subcommand("produce", "Produce fixed-size records and time their delivery reports");
  produce->add_option("--brokers,-b", p.brokers, "bootstrap.servers")->required();
  produce->add_option("--topic,-t", p.topic, "Topic (created if missing)");
  produce->add_option("--label", p.label, "Copied into the JSON result");
  produce->add_option("--record-size,-s", p.record_size, "Value bytes per record (no key)")->check(CLI::Range(1, 1 << 20));
  produce->add_option("--count,-n", p.count, "Records to produce; 0: run for --seconds");
  produce->add_option("--seconds", p.seconds, "Duration when --count is 0");
  produce->add_option("--acks", p.acks, "acks: 0, 1 or all")->check(CLI::IsMember({"0", "1", "all", "-1"}));
  produce->add_option("--linger-ms", p.linger_ms, "linger.ms");
  produce->add_option("--batch-bytes", p.batch_bytes, "batch.size");
  produce->add_option("--batch-messages", p.batch_messages, "batch.num.messages");
  produce->add_option("--partitions,-p", p.partitions, "Partitions of the topic if it must be created");
  produce->add_option("--in-flight", p.in_flight, "max.in.flight.requests.per.connection");
  produce->add_option("--queue-messages", p.queue_messages, "queue.buffering.max.messages");
  produce->add_option("--rate", p.rate, "Pace at this many records/s (latency runs); 0: unthrottled");
  produce->callback([&] { rc = run_produce(p); });

  ConsumeOptions c;
  CLI::App* consume = app.add_subcommand("consume", "Read records from the beginning of every partition");
  consume->add_option("--brokers,-b", c.brokers, "bootstrap.servers")->required();
  consume->add_option("--topic,-t", c.topic, "Topic");
  consume->add_option("--label", c.label, "Copied into the JSON result");
  consume->add_option("--count,-n", c.count, "Records to read; 0: up to the end of every partition");
  consume->add_option("--timeout", c.timeout_s, "Seconds without a record before giving up");
  consume->callback([&] { rc = run_consume(c); });

  CLI11_PARSE(app, argc, argv);
  return rc;
}
