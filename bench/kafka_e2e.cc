// E2e mode: end-to-end latency from produce() to a group consumer's poll returning the record, at a
// fixed produce rate. Producer and consumer run in this one process (separate librdkafka clients and
// threads), so the produce time carried in the first 8 bytes of each value is read against the same
// steady clock and the difference needs no clock sync.
#include <fmt/format.h>

#include <atomic>
#include <cstring>
#include <thread>
#include <vector>

#include "bench_stats.h"
#include "kafka_bench.h"
#include "kafka_group.h"
#include "rdkafka_util.h"

namespace tributary::bench {
namespace {

// Delivery reports of the producer; only the producing (main) thread polls it, so no lock.
struct Acks {
  std::vector<uint32_t> latency_us;  // produce() to delivery report, for comparison with e2e
  int64_t ok = 0;
  int64_t failed = 0;
  rd_kafka_resp_err_t first_error = RD_KAFKA_RESP_ERR_NO_ERROR;
};

void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
  auto* a = static_cast<Acks*>(opaque);
  if (m->err) {
    if (a->failed++ == 0) a->first_error = m->err;
    return;
  }
  ++a->ok;
  auto sent = static_cast<int64_t>(reinterpret_cast<uintptr_t>(m->_private));
  a->latency_us.push_back(static_cast<uint32_t>((now_ns() - sent) / 1000));
}

// What the consumer thread shares with the producer: the producer publishes how many records were
// acknowledged once it has flushed, and the consumer stops when it has seen all of them.
struct Progress {
  std::atomic<bool> assigned{false};
  std::atomic<int64_t> measure_from_ns{INT64_MAX};  // records produced before this are warm-up
  std::atomic<bool> producer_done{false};
  std::atomic<int64_t> acked{0};
  std::atomic<int64_t> producer_done_ns{0};
};

struct ConsumerResult {
  std::vector<uint32_t> latency_us;
  int64_t received = 0;    // distinct records (by partition and offset)
  int64_t duplicates = 0;  // redelivered records, e.g. after a rebalance; none expected here
  int64_t errors = 0;
  int64_t assigned_ns = 0;
};

void consume(rd_kafka_t* rk, const E2eOptions& o, Progress& progress, GroupMember& member, ConsumerResult& out) {
  std::vector<int64_t> next(static_cast<size_t>(o.partitions), 0);  // per partition: last offset seen + 1
  for (;;) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 100);
    int64_t now = now_ns();
    if (!member.assignments.empty() && !out.assigned_ns) {
      out.assigned_ns = member.assignments.front().ns;
      progress.assigned = true;
    }
    if (!m) {
      if (progress.producer_done && out.received >= progress.acked) break;
      if (progress.producer_done && now - progress.producer_done_ns > static_cast<int64_t>(o.timeout_s * 1e9)) {
        fmt::print(stderr, "e2e: consumer saw {} of {} records {} s after the producer finished\n", out.received,
                   progress.acked.load(), o.timeout_s);
        break;
      }
      continue;
    }
    if (m->err) {
      if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF && out.errors++ == 0)
        fmt::print(stderr, "e2e consume: {}\n", rd_kafka_message_errstr(m));
    } else if (m->partition < 0 || m->partition >= o.partitions ||
               m->offset < next[static_cast<size_t>(m->partition)]) {
      ++out.duplicates;
    } else {
      next[static_cast<size_t>(m->partition)] = m->offset + 1;
      ++out.received;
      int64_t sent = 0;
      if (m->len >= sizeof sent) std::memcpy(&sent, m->payload, sizeof sent);
      if (sent >= progress.measure_from_ns) out.latency_us.push_back(static_cast<uint32_t>((now - sent) / 1000));
    }
    rd_kafka_message_destroy(m);
  }
}

rd_kafka_t* new_producer(const E2eOptions& o, Acks* acks) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  conf_set(conf, "bootstrap.servers", o.brokers);
  conf_set(conf, "acks", o.acks);
  conf_set(conf, "enable.idempotence", o.idempotence ? "true" : "false");
  conf_set(conf, "linger.ms", std::to_string(o.linger_ms));
  conf_set(conf, "compression.type", "none");
  rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
  rd_kafka_conf_set_opaque(conf, acks);
  return new_client(RD_KAFKA_PRODUCER, conf);
}

double ms(std::vector<uint32_t>& us, double p) { return percentile(us, p) / 1000; }

}  // namespace

int run_e2e(const E2eOptions& o) {
  Acks acks;
  rd_kafka_t* producer = new_producer(o, &acks);
  if (!ensure_topic(producer, o.topic, o.partitions)) {
    rd_kafka_destroy(producer);
    return 1;
  }

  Progress progress;
  GroupMember member;
  ConsumerResult consumed;
  int64_t subscribe_ns = now_ns();
  rd_kafka_t* consumer = new_group_consumer(o.brokers, o.group, o.topic, &member);
  std::thread consumer_thread([&] { consume(consumer, o, progress, member, consumed); });

  // Produce only once the consumer owns the partitions, so the measurement starts with a formed group.
  while (!progress.assigned && now_ns() - subscribe_ns < static_cast<int64_t>(o.timeout_s * 1e9))
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  bool failed = !progress.assigned;
  if (failed) fmt::print(stderr, "e2e: no partition assignment within {} s\n", o.timeout_s);

  rd_kafka_topic_t* rkt = rd_kafka_topic_new(producer, o.topic.c_str(), nullptr);
  std::vector<char> payload = make_payload(o.record_size);
  int64_t start = now_ns();
  int64_t deadline = start + static_cast<int64_t>(o.seconds * 1e9);
  progress.measure_from_ns = start + static_cast<int64_t>(o.warmup_s * 1e9);
  int64_t sent = 0;
  while (!failed) {
    int64_t now = now_ns();
    if (now >= deadline) break;
    int64_t due = start + static_cast<int64_t>(static_cast<double>(sent) * 1e9 / static_cast<double>(o.rate));
    if (now < due) {
      rd_kafka_poll(producer, 0);
      if (due - now > 200000) std::this_thread::sleep_for(std::chrono::nanoseconds(due - now - 100000));
      continue;
    }
    std::memcpy(payload.data(), &now, sizeof now);
    if (rd_kafka_produce(rkt, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, payload.data(), payload.size(), nullptr, 0,
                         reinterpret_cast<void*>(static_cast<uintptr_t>(now))) != 0) {
      rd_kafka_resp_err_t err = rd_kafka_last_error();
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        fmt::print(stderr, "e2e produce: {}\n", rd_kafka_err2str(err));
        failed = true;
        break;
      }
      rd_kafka_poll(producer, 1);
      continue;
    }
    ++sent;
    rd_kafka_poll(producer, 0);
  }
  int64_t produce_end = now_ns();
  rd_kafka_flush(producer, 60000);
  int64_t unacked = rd_kafka_outq_len(producer);
  progress.acked = acks.ok;
  progress.producer_done_ns = now_ns();
  progress.producer_done = true;
  consumer_thread.join();
  rd_kafka_consumer_close(consumer);
  rd_kafka_destroy(consumer);
  rd_kafka_topic_destroy(rkt);
  rd_kafka_destroy(producer);

  double produce_s = static_cast<double>(produce_end - start) / 1e9;
  double rps = produce_s > 0 ? static_cast<double>(sent) / produce_s : 0;
  int64_t lost = acks.ok - consumed.received;
  double p50 = ms(consumed.latency_us, 50), p99 = ms(consumed.latency_us, 99);
  double p999 = ms(consumed.latency_us, 99.9), pmax = ms(consumed.latency_us, 100);
  double ack50 = ms(acks.latency_us, 50), ack99 = ms(acks.latency_us, 99);
  Result()
      .str("bench", "kafka-e2e")
      .str("label", o.label)
      .integer("record_size", o.record_size)
      .str("acks", o.acks)
      .integer("idempotence", o.idempotence)
      .integer("linger_ms", o.linger_ms)
      .integer("partitions", o.partitions)
      .integer("rate_target", o.rate)
      .integer("records", acks.ok)
      .integer("measured", static_cast<int64_t>(consumed.latency_us.size()))
      .integer("lost", lost)
      .integer("duplicates", consumed.duplicates)
      .integer("failed", acks.failed + unacked)
      .num("seconds", produce_s)
      .num("records_per_s", rps)
      .num("mb_per_s", rps * o.record_size / 1e6)
      .num("join_ms", static_cast<double>(consumed.assigned_ns - subscribe_ns) / 1e6)
      .num("p50_ms", p50)
      .num("p99_ms", p99)
      .num("p999_ms", p999)
      .num("max_ms", pmax)
      .num("ack_p50_ms", ack50)
      .num("ack_p99_ms", ack99)
      .print_json();
  fmt::print(stderr,
             "e2e {} B acks={} at {:.0f} records/s: produce->consume p50 {:.2f} ms p99 {:.2f} ms p99.9 {:.2f} ms "
             "max {:.2f} ms (produce->ack p50 {:.2f} ms p99 {:.2f} ms)\n",
             o.record_size, o.acks, rps, p50, p99, p999, pmax, ack50, ack99);
  if (acks.failed || unacked || lost || consumed.errors) {
    fmt::print(stderr, "e2e: {} records failed ({}), {} unacknowledged, {} not consumed, {} consume errors\n",
               acks.failed, rd_kafka_err2str(acks.first_error), unacked, lost, consumed.errors);
    failed = true;
  }
  return failed ? 1 : 0;
}

}  // namespace tributary::bench
