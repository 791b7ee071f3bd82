// Command line of tributary-bench-kafka: `produce`, `consume`, `e2e` and `group-consume` subcommands
// (see kafka_bench.h).
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

  E2eOptions e;
  CLI::App* e2e = app.add_subcommand("e2e", "Produce at a fixed rate to a consumer group; time produce() to consume");
  e2e->add_option("--brokers,-b", e.brokers, "bootstrap.servers")->required();
  e2e->add_option("--topic,-t", e.topic, "Topic (created if missing)");
  e2e->add_option("--group,-g", e.group, "group.id of the consumer");
  e2e->add_option("--label", e.label, "Copied into the JSON result");
  e2e->add_option("--record-size,-s", e.record_size, "Value bytes per record (no key)")->check(CLI::Range(8, 1 << 20));
  e2e->add_option("--rate", e.rate, "Records/s to produce")->check(CLI::Range(int64_t{1}, int64_t{10000000}));
  e2e->add_option("--seconds", e.seconds, "Producing time, warm-up included");
  e2e->add_option("--warmup", e.warmup_s, "Seconds at the start left out of the percentiles");
  e2e->add_option("--acks", e.acks, "acks: 0, 1 or all")->check(CLI::IsMember({"0", "1", "all", "-1"}));
  e2e->add_flag("--idempotence", e.idempotence, "enable.idempotence=true (off by default)");
  e2e->add_option("--linger-ms", e.linger_ms, "linger.ms");
  e2e->add_option("--partitions,-p", e.partitions, "Partitions of the topic if it must be created");
  e2e->add_option("--timeout", e.timeout_s, "Seconds to wait for the group to form and for the last records");
  e2e->callback([&] { rc = run_e2e(e); });

  GroupConsumeOptions g;
  CLI::App* group = app.add_subcommand("group-consume", "Members of one consumer group read a whole topic");
  group->add_option("--brokers,-b", g.brokers, "bootstrap.servers")->required();
  group->add_option("--topic,-t", g.topic, "Topic (must exist and hold the records)");
  group->add_option("--group,-g", g.group, "group.id");
  group->add_option("--label", g.label, "Copied into the JSON result");
  group->add_option("--members,-m", g.members, "Consumers in the group (threads)")->check(CLI::Range(1, 64));
  group->add_option("--timeout", g.timeout_s, "Seconds without a record before giving up");
  group->callback([&] { rc = run_group_consume(g); });

  CLI11_PARSE(app, argc, argv);
  return rc;
}
