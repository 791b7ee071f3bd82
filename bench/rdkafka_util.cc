#include "rdkafka_util.h"

#include <fmt/format.h>

namespace tributary::bench {

bool ensure_topic(rd_kafka_t* rk, const std::string& name, int partitions) {
  char errstr[512];
  rd_kafka_NewTopic_t* topic = rd_kafka_NewTopic_new(name.c_str(), partitions, 1, errstr, sizeof errstr);
  if (!topic) {
    fmt::print(stderr, "NewTopic: {}\n", errstr);
    return false;
  }
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
  rd_kafka_CreateTopics(rk, &topic, 1, nullptr, q);
  rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 15000);
  bool ok = false;
  if (!ev) {
    fmt::print(stderr, "CreateTopics: no answer in 15 s\n");
  } else if (rd_kafka_event_error(ev)) {
    fmt::print(stderr, "CreateTopics: {}\n", rd_kafka_event_error_string(ev));
  } else {
    size_t n = 0;
    const rd_kafka_topic_result_t** res =
        rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
    rd_kafka_resp_err_t err = n ? rd_kafka_topic_result_error(res[0]) : RD_KAFKA_RESP_ERR_UNKNOWN;
    ok = err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS;
    if (!ok) fmt::print(stderr, "CreateTopics {}: {}\n", name, rd_kafka_err2str(err));
  }
  if (ev) rd_kafka_event_destroy(ev);
  rd_kafka_queue_destroy(q);
  rd_kafka_NewTopic_destroy(topic);
  return ok;
}

std::vector<char> make_payload(int size) {
  std::vector<char> payload(static_cast<size_t>(size));
  uint32_t x = 2463534242u;
  for (char& c : payload) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    c = static_cast<char>('a' + x % 26);
  }
  return payload;
}

int partition_count(rd_kafka_t* rk, const std::string& topic) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, rkt, &md, 10000);
  int n = -1;
  if (err || md->topic_cnt != 1 || md->topics[0].err || md->topics[0].partition_cnt == 0) {
    fmt::print(stderr, "metadata for {}: {}\n", topic,
               rd_kafka_err2str(err ? err : md->topic_cnt ? md->topics[0].err : RD_KAFKA_RESP_ERR_UNKNOWN));
  } else {
    n = md->topics[0].partition_cnt;
  }
  if (md) rd_kafka_metadata_destroy(md);
  rd_kafka_topic_destroy(rkt);
  return n;
}

}  // namespace tributary::bench
