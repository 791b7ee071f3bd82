// Consume mode: reads every partition from its first offset with the simple (assign-only) consumer,
// so no group coordinator is involved and the numbers are pure fetch throughput.
#include <fmt/format.h>

#include <vector>

#include "bench_stats.h"
#include "kafka_bench.h"
#include "rdkafka_util.h"

namespace tributary::bench {

int run_consume(const ConsumeOptions& o) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  conf_set(conf, "bootstrap.servers", o.brokers);
  conf_set(conf, "enable.partition.eof", "true");  // stop at the end when fewer records exist
  conf_set(conf, "fetch.wait.max.ms", "100");
  conf_set(conf, "fetch.message.max.bytes", "4194304");  // per partition per fetch
  conf_set(conf, "fetch.max.bytes", "52428800");
  // A deep pre-fetch queue keeps a fetch in flight while the application drains the previous one.
  conf_set(conf, "queued.min.messages", "1000000");
  conf_set(conf, "queued.max.messages.kbytes", "262144");
  rd_kafka_t* rk = new_client(RD_KAFKA_CONSUMER, conf);
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, o.topic.c_str(), nullptr);

  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, rkt, &md, 10000);
  if (err || md->topic_cnt != 1 || md->topics[0].err || md->topics[0].partition_cnt == 0) {
    fmt::print(stderr, "metadata for {}: {}\n", o.topic,
               rd_kafka_err2str(err ? err : md->topic_cnt ? md->topics[0].err : RD_KAFKA_RESP_ERR_UNKNOWN));
    if (md) rd_kafka_metadata_destroy(md);
    rd_kafka_topic_destroy(rkt);
    rd_kafka_destroy(rk);
    return 1;
  }
  int partitions = md->topics[0].partition_cnt;
  rd_kafka_metadata_destroy(md);

  rd_kafka_queue_t* queue = rd_kafka_queue_new(rk);
  int64_t start = now_ns();
  for (int p = 0; p < partitions; ++p) rd_kafka_consume_start_queue(rkt, p, RD_KAFKA_OFFSET_BEGINNING, queue);

  std::vector<rd_kafka_message_t*> batch(10000);
  std::vector<bool> at_end(static_cast<size_t>(partitions), false);
  int ends = 0;
  int64_t records = 0, bytes = 0, last_ns = start, first_ns = 0;
  bool failed = false;
  while ((o.count == 0 || records < o.count) && ends < partitions) {
    ssize_t n = rd_kafka_consume_batch_queue(queue, 1000, batch.data(), batch.size());
    int64_t now = now_ns();
    if (n < 0) {
      fmt::print(stderr, "consume: {}\n", rd_kafka_err2str(rd_kafka_last_error()));
      failed = true;
      break;
    }
    if (n == 0 && now - last_ns > static_cast<int64_t>(o.timeout_s * 1e9)) {
      fmt::print(stderr, "consume: no record for {} s\n", o.timeout_s);
      failed = true;
      break;
    }
    for (ssize_t i = 0; i < n; ++i) {
      rd_kafka_message_t* m = batch[static_cast<size_t>(i)];
      if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        if (!at_end[static_cast<size_t>(m->partition)]) at_end[static_cast<size_t>(m->partition)] = true, ++ends;
      } else if (m->err) {
        fmt::print(stderr, "consume partition {}: {}\n", m->partition, rd_kafka_message_errstr(m));
        failed = true;
      } else if (o.count == 0 || records < o.count) {
        ++records;
        bytes += static_cast<int64_t>(m->len);
        last_ns = now;
        if (!first_ns) first_ns = now;
      }
      rd_kafka_message_destroy(m);
    }
    if (failed) break;
  }
  for (int p = 0; p < partitions; ++p) rd_kafka_consume_stop(rkt, p);
  rd_kafka_queue_destroy(queue);
  rd_kafka_topic_destroy(rkt);
  rd_kafka_destroy(rk);

  // From the first fetch request to the last record: includes the first round trip, as a reader would see.
  double secs = static_cast<double>(last_ns - start) / 1e9;
  double rps = secs > 0 ? static_cast<double>(records) / secs : 0;
  double mbps = secs > 0 ? static_cast<double>(bytes) / secs / 1e6 : 0;
  Result()
      .str("bench", "kafka-consume")
      .str("label", o.label)
      .integer("partitions", partitions)
      .integer("records", records)
      .integer("bytes", bytes)
      .num("seconds", secs)
      .num("first_record_ms", first_ns ? static_cast<double>(first_ns - start) / 1e6 : 0)
      .num("records_per_s", rps)
      .num("mb_per_s", mbps)
      .print_json();
  fmt::print(stderr, "consume: {} records, {:.0f} records/s, {:.1f} MB/s\n", records, rps, mbps);
  if (o.count > 0 && records < o.count) {
    fmt::print(stderr, "consume: only {} of {} records exist\n", records, o.count);
    failed = true;
  }
  return failed ? 1 : 0;
}

}  // namespace tributary::bench
