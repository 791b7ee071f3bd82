// Small helpers over the librdkafka C API shared by every mode of tributary-bench-kafka.
#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace tributary::bench {

// A bad property name is a bug in the benchmark, not a result: fail loudly instead of measuring defaults.
inline void conf_set(rd_kafka_conf_t* conf, const char* key, const std::string& value) {
  char errstr[512];
  if (rd_kafka_conf_set(conf, key, value.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
    std::fprintf(stderr, "config %s=%s: %s\n", key, value.c_str(), errstr);
    std::exit(2);
  }
}

inline rd_kafka_t* new_client(rd_kafka_type_t type, rd_kafka_conf_t* conf) {
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(type, conf, errstr, sizeof errstr);
  if (!rk) {
    std::fprintf(stderr, "rd_kafka_new: %s\n", errstr);
    std::exit(2);
  }
  return rk;
}

// CreateTopics with `partitions` partitions; an existing topic is kept as it is.
bool ensure_topic(rd_kafka_t* rk, const std::string& topic, int partitions);

// Payload bytes that do not compress trivially, in case a codec is ever switched on by mistake.
std::vector<char> make_payload(int size);

// Partitions of `topic` from a metadata request; -1 (and a message on stderr) when unknown.
int partition_count(rd_kafka_t* rk, const std::string& topic);

}  // namespace tributary::bench
