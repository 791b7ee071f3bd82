#include "kafka_group.h"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>

#include "bench_stats.h"
#include "rdkafka_util.h"

namespace tributary::bench {
namespace {

std::vector<int32_t> partitions_of(const rd_kafka_topic_partition_list_t* list) {
  std::vector<int32_t> out;
  for (int i = 0; i < list->cnt; ++i) out.push_back(list->elems[i].partition);
  return out;
}

void destroy(rd_kafka_error_t* error) {  // NULL on success
  if (!error) return;
  fmt::print(stderr, "rebalance: {}\n", rd_kafka_error_string(error));
  rd_kafka_error_destroy(error);
}

// Eager protocols (librdkafka's default range,roundrobin) hand over the whole assignment each time;
// the cooperative one only the difference. Both are handled so a changed default cannot break this.
void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts, void* opaque) {
  auto* member = static_cast<GroupMember*>(opaque);
  bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    Assignment a{now_ns(), partitions_of(parts)};
    if (member->on_assign) member->on_assign(a.partitions);
    member->assignments.push_back(std::move(a));
    if (cooperative)
      destroy(rd_kafka_incremental_assign(rk, parts));
    else
      rd_kafka_assign(rk, parts);
  } else {
    if (member->on_revoke) member->on_revoke();
    if (cooperative)
      destroy(rd_kafka_incremental_unassign(rk, parts));
    else
      rd_kafka_assign(rk, nullptr);
  }
}

}  // namespace

rd_kafka_t* new_group_consumer(const std::string& brokers, const std::string& group, const std::string& topic,
                               GroupMember* member, const std::vector<std::pair<std::string, std::string>>& extra) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  conf_set(conf, "bootstrap.servers", brokers);
  conf_set(conf, "group.id", group);
  conf_set(conf, "enable.auto.commit", "true");
  conf_set(conf, "auto.offset.reset", "earliest");
  for (const auto& [key, value] : extra) conf_set(conf, key.c_str(), value);
  rd_kafka_conf_set_rebalance_cb(conf, on_rebalance);
  rd_kafka_conf_set_opaque(conf, member);
  rd_kafka_t* rk = new_client(RD_KAFKA_CONSUMER, conf);
  // Fetched messages go to the consumer queue, which rd_kafka_consumer_poll and the batch API read.
  rd_kafka_poll_set_consumer(rk);
  rd_kafka_topic_partition_list_t* topics = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(topics, topic.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_resp_err_t err = rd_kafka_subscribe(rk, topics);
  rd_kafka_topic_partition_list_destroy(topics);
  if (err) {
    fmt::print(stderr, "subscribe {}: {}\n", topic, rd_kafka_err2str(err));
    std::exit(2);
  }
  return rk;
}

}  // namespace tributary::bench
