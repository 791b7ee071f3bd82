// End-to-end mode: the payments are produced to a topic of a running `tributary serve` (not timed),
// then the stream and the query are created over the ksqlDB REST API and the query is timed from
// its CREATE statement until its consumer group has committed the end of the source. The query
// runner commits a batch only after its sink records are acknowledged and its RocksDB state is
// written, so "committed the end" means every record went topic -> engine -> state -> sink topic.
// CPU is the server's (all threads, /proc/<pid>/stat) over the same interval.
#include <curl/curl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <thread>

#include "bench_stats.h"
#include "cpu_time.h"
#include "rdkafka_util.h"
#include "sql_bench.h"

namespace tributary::bench {
namespace {

size_t append_body(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

// POST of a JSON body; the HTTP status (0 when the request failed) and the response body.
std::pair<long, std::string> post_json(const std::string& url, const std::string& body) {
  std::string response;
  long status = 0;
  CURL* curl = curl_easy_init();
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/vnd.ksql.v1+json");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return {status, response};
}

// Runs one statement through POST /ksql; the query id of a CREATE ... AS SELECT ("" otherwise).
bool ksql(const std::string& base_url, const std::string& statement, std::string& query_id) {
  nlohmann::json request = {{"ksql", statement}, {"streamsProperties", nlohmann::json::object()}};
  auto [status, body] = post_json(base_url + "/ksql", request.dump());
  if (status != 200) {
    fmt::print(stderr, "POST /ksql {}: HTTP {} {}\n", statement, status, body);
    return false;
  }
  auto response = nlohmann::json::parse(body, nullptr, false);
  if (response.is_array() && !response.empty()) {
    const auto& id = response[0]["commandStatus"]["queryId"];
    if (id.is_string()) query_id = id.get<std::string>();
  }
  return true;
}

// Produces the records with acks=1 as fast as librdkafka goes; returns records acknowledged.
int64_t produce_payments(const SqlE2eOptions& o, const Payments& payments, double& seconds) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  conf_set(conf, "bootstrap.servers", o.brokers);
  conf_set(conf, "acks", "1");
  conf_set(conf, "linger.ms", "5");
  conf_set(conf, "batch.size", "1000000");
  conf_set(conf, "batch.num.messages", "100000");
  conf_set(conf, "compression.type", "none");
  conf_set(conf, "queue.buffering.max.messages", "500000");
  conf_set(conf, "queue.buffering.max.kbytes", "2097151");
  rd_kafka_t* rk = new_client(RD_KAFKA_PRODUCER, conf);
  if (!ensure_topic(rk, o.topic, o.partitions)) {
    rd_kafka_destroy(rk);
    return -1;
  }
  int64_t t0 = now_ns();
  for (int64_t i = 0; i < o.records;) {
    const std::string& v = payments.value(i);
    // Flags 0: no copy; the pool outlives the producer. Keyless, so librdkafka spreads partitions.
    rd_kafka_resp_err_t err = rd_kafka_producev(
        rk, RD_KAFKA_V_TOPIC(o.topic.c_str()), RD_KAFKA_V_VALUE(const_cast<char*>(v.data()), v.size()),
        RD_KAFKA_V_TIMESTAMP(payments.timestamp(i)), RD_KAFKA_V_MSGFLAGS(0), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      rd_kafka_poll(rk, 1);
      continue;
    }
    if (err) {
      fmt::print(stderr, "produce: {}\n", rd_kafka_err2str(err));
      break;
    }
    if ((++i & 1023) == 0) rd_kafka_poll(rk, 0);
  }
  rd_kafka_flush(rk, 120000);
  seconds = static_cast<double>(now_ns() - t0) / 1e9;
  int64_t unacked = rd_kafka_outq_len(rk);
  rd_kafka_destroy(rk);
  return unacked ? -1 : o.records;
}

// Sum over partitions of the high watermark (records in the topic, which starts empty).
int64_t end_offsets(rd_kafka_t* rk, const std::string& topic, int partitions) {
  int64_t total = 0;
  for (int p = 0; p < partitions; ++p) {
    int64_t low = 0, high = 0;
    if (rd_kafka_query_watermark_offsets(rk, topic.c_str(), p, &low, &high, 5000)) return -1;
    total += high;
  }
  return total;
}

// Sum over partitions of the group's committed offsets (unset partitions count 0).
int64_t committed(rd_kafka_t* rk, const std::string& topic, int partitions) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions);
  for (int p = 0; p < partitions; ++p) rd_kafka_topic_partition_list_add(list, topic.c_str(), p);
  int64_t total = -1;
  if (rd_kafka_committed(rk, list, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    total = 0;
    for (int i = 0; i < list->cnt; ++i) total += std::max<int64_t>(0, list->elems[i].offset);
  }
  rd_kafka_topic_partition_list_destroy(list);
  return total;
}

}  // namespace

int run_sql_e2e(const SqlE2eOptions& o) {
  Payments payments = make_payments(o.pool, o.per_ms);
  double produce_s = 0;
  if (produce_payments(o, payments, produce_s) != o.records) {
    fmt::print(stderr, "e2e: producing the payments failed\n");
    return 1;
  }
  fmt::print(stderr, "e2e: produced {} payments in {:.2f} s\n", o.records, produce_s);
  std::string ignored, query_id;
  if (!ksql(o.sql_url, payments_stream_sql(), ignored)) return 1;
  for (const std::string& statement : setup_sql(o.query, o.partitions)) {
    if (!ksql(o.sql_url, statement, ignored)) return 1;
  }

  double cpu0 = proc_cpu_seconds(o.server_pid);
  auto threads0 = proc_thread_cpu_seconds(o.server_pid);
  int64_t t0 = now_ns();
  if (!ksql(o.sql_url, query_sql(o.query), query_id) || query_id.empty()) {
    fmt::print(stderr, "e2e: the query did not start (no query id)\n");
    return 1;
  }
  std::string group = o.group_prefix + query_id;

  // A consumer handle only to read the group's committed offsets; it never joins the group.
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  conf_set(conf, "bootstrap.servers", o.brokers);
  conf_set(conf, "group.id", group);
  conf_set(conf, "enable.auto.commit", "false");
  rd_kafka_t* rk = new_client(RD_KAFKA_CONSUMER, conf);

  int64_t first_ns = 0, first_done = 0, done = 0;
  double first_cpu = 0;
  int64_t deadline = t0 + static_cast<int64_t>(o.timeout_s * 1e9);
  while (now_ns() < deadline) {
    int64_t c = committed(rk, o.topic, o.partitions);
    if (c > 0 && !first_ns) {
      first_ns = now_ns();
      first_done = c;
      first_cpu = proc_cpu_seconds(o.server_pid);
    }
    if (c >= o.records) {
      done = c;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  int64_t t1 = now_ns();
  double cpu1 = proc_cpu_seconds(o.server_pid);
  auto threads1 = proc_thread_cpu_seconds(o.server_pid);
  std::string sink = query_sink(o.query);
  int64_t out = end_offsets(rk, sink, o.partitions);
  rd_kafka_destroy(rk);
  if (!done) {
    fmt::print(stderr, "e2e: the query did not reach the end of {} within {} s\n", o.topic, o.timeout_s);
    return 1;
  }

  double wall = static_cast<double>(t1 - t0) / 1e9;
  double cpu = cpu1 - cpu0;
  double n = static_cast<double>(o.records);
  double steady_s = static_cast<double>(t1 - first_ns) / 1e9;
  Result result;
  result.str("bench", "sql-e2e")
      .str("label", o.label)
      .str("query", query_name(o.query))
      .str("query_id", query_id)
      .integer("records", o.records)
      .integer("partitions", o.partitions)
      .integer("output_records", out)
      .num("produce_seconds", produce_s)
      .num("seconds", wall)
      .num("first_commit_seconds", static_cast<double>(first_ns - t0) / 1e9)
      .num("server_cpu_seconds", cpu)
      .num("records_per_s", n / wall)
      .num("records_per_cpu_s", n / cpu)
      .num("steady_records_per_s", static_cast<double>(done - first_done) / steady_s)
      .num("steady_records_per_cpu_s", static_cast<double>(done - first_done) / (cpu1 - first_cpu));
  // The busiest threads by name (librdkafka's "rdk:..." and the server's own).
  std::vector<std::pair<double, std::string>> busy;
  for (const auto& [name, s] : threads1) {
    auto before = threads0.find(name);
    double used = s - (before == threads0.end() ? 0 : before->second);
    if (used >= 0.05) busy.emplace_back(used, name);
  }
  std::sort(busy.rbegin(), busy.rend());
  std::string summary;
  for (const auto& [s, name] : busy) summary += fmt::format("{}{}={:.2f}", summary.empty() ? "" : " ", name, s);
  result.str("thread_cpu_seconds", summary).print_json();
  fmt::print(stderr, "e2e {}: {:.0f} records/s wall, {:.0f} records per server CPU-second ({:.2f} s, {:.2f} CPU-s); {}\n",
             query_name(o.query), n / wall, n / cpu, wall, cpu, summary);
  return 0;
}

}  // namespace tributary::bench
