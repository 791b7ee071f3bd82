// Produce mode: fixed-size keyless records through rd_kafka_produce, timing each record from the
// produce() call to its delivery report. Throughput counts only records the broker acknowledged.
#include <fmt/format.h>

#include <thread>
#include <vector>

#include "bench_stats.h"
#include "kafka_bench.h"
#include "rdkafka_util.h"

namespace tributary::bench {
namespace {

struct Delivery {
  std::vector<uint32_t> latency_us;
  int64_t ok = 0;
  int64_t failed = 0;
  int64_t last_ns = 0;
  rd_kafka_resp_err_t first_error = RD_KAFKA_RESP_ERR_NO_ERROR;
};

// Runs on the thread calling rd_kafka_poll/flush (ours), so Delivery needs no lock.
void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
  auto* d = static_cast<Delivery*>(opaque);
  int64_t now = now_ns();
  d->last_ns = now;
  if (m->err) {
    if (d->failed++ == 0) d->first_error = m->err;
    return;
  }
  ++d->ok;
  auto sent = static_cast<int64_t>(reinterpret_cast<uintptr_t>(m->_private));
  d->latency_us.push_back(static_cast<uint32_t>((now - sent) / 1000));
}

}  // namespace

int run_produce(const ProduceOptions& o) {
  Delivery delivery;
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  conf_set(conf, "bootstrap.servers", o.brokers);
  conf_set(conf, "acks", o.acks);
  conf_set(conf, "linger.ms", std::to_string(o.linger_ms));
  conf_set(conf, "batch.size", std::to_string(o.batch_bytes));
  conf_set(conf, "batch.num.messages", std::to_string(o.batch_messages));
  conf_set(conf, "compression.type", "none");
  conf_set(conf, "max.in.flight.requests.per.connection", std::to_string(o.in_flight));
  conf_set(conf, "queue.buffering.max.messages", std::to_string(o.queue_messages));
  conf_set(conf, "queue.buffering.max.kbytes", "2097151");  // let the message count be the only bound
  rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
  rd_kafka_conf_set_opaque(conf, &delivery);
  rd_kafka_t* rk = new_client(RD_KAFKA_PRODUCER, conf);
  if (!ensure_topic(rk, o.topic, o.partitions)) {
    rd_kafka_destroy(rk);
    return 1;
  }
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, o.topic.c_str(), nullptr);

  std::vector<char> payload = make_payload(o.record_size);
  if (o.count > 0) delivery.latency_us.reserve(static_cast<size_t>(o.count));
  int64_t start = now_ns();
  int64_t deadline = start + static_cast<int64_t>(o.seconds * 1e9);
  int64_t sent = 0;
  for (;;) {
    int64_t now = now_ns();
    if (o.count > 0 ? sent >= o.count : now >= deadline) break;
    if (o.rate > 0) {
      int64_t due = start + static_cast<int64_t>(static_cast<double>(sent) * 1e9 / static_cast<double>(o.rate));
      if (now < due) {
        rd_kafka_poll(rk, 0);
        if (due - now > 200000) std::this_thread::sleep_for(std::chrono::nanoseconds(due - now - 100000));
        continue;
      }
    }
    // Flags 0: librdkafka neither copies nor frees the payload, which outlives the producer.
    if (rd_kafka_produce(rkt, RD_KAFKA_PARTITION_UA, 0, payload.data(), payload.size(), nullptr, 0,
                         reinterpret_cast<void*>(static_cast<uintptr_t>(now))) != 0) {
      rd_kafka_resp_err_t err = rd_kafka_last_error();
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        fmt::print(stderr, "produce: {}\n", rd_kafka_err2str(err));
        break;
      }
      rd_kafka_poll(rk, 1);  // the queue is full: wait for delivery reports to free room
      continue;
    }
    if ((++sent & 1023) == 0) rd_kafka_poll(rk, 0);
  }
  rd_kafka_flush(rk, 120000);
  int64_t unacked = rd_kafka_outq_len(rk);
  rd_kafka_topic_destroy(rkt);
  rd_kafka_destroy(rk);

  double secs = static_cast<double>((delivery.last_ns ? delivery.last_ns : now_ns()) - start) / 1e9;
  double rps = static_cast<double>(delivery.ok) / secs;
  double mbps = rps * o.record_size / 1e6;
  double p50 = percentile(delivery.latency_us, 50) / 1000, p99 = percentile(delivery.latency_us, 99) / 1000;
  double pmax = percentile(delivery.latency_us, 100) / 1000;
  Result()
      .str("bench", "kafka-produce")
      .str("label", o.label)
      .integer("record_size", o.record_size)
      .str("acks", o.acks)
      .integer("linger_ms", o.linger_ms)
      .integer("partitions", o.partitions)
      .integer("rate_target", o.rate)
      .integer("records", delivery.ok)
      .integer("failed", delivery.failed + unacked)
      .num("seconds", secs)
      .num("records_per_s", rps)
      .num("mb_per_s", mbps)
      .num("p50_ms", p50)
      .num("p99_ms", p99)
      .num("max_ms", pmax)
      .print_json();
  fmt::print(stderr, "produce {} B acks={}: {:.0f} records/s, {:.1f} MB/s, latency p50 {:.2f} ms p99 {:.2f} ms\n",
             o.record_size, o.acks, rps, mbps, p50, p99);
  if (delivery.failed || unacked) {
    fmt::print(stderr, "produce: {} records failed ({}), {} unacknowledged\n", delivery.failed,
               rd_kafka_err2str(delivery.first_error), unacked);
    return 1;
  }
  return 0;
}

}  // namespace tributary::bench
