// Small helpers over the librdkafka C API shared by the produce and consume benchmarks.
#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdio>
#include <cstdlib>
#include <string>

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

}  // namespace tributary::bench
