// Test doubles for the in-process engine benchmark: a TopicStore that counts sink records and
// drops them (memory stays flat however many records run), and a StateStore wrapper that counts
// and optionally times every call, for the breakdown of where an engine record's time goes.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "bench_stats.h"
#include "sql/engine/engine.h"
#include "sql/state/state_store.h"

namespace tributary::bench {

class CountingTopicStore : public sql::TopicStore {
 public:
  bool exists(const std::string& topic) const override { return topics_.count(topic) > 0; }
  int32_t partitions(const std::string& topic) const override;
  Status create(const std::string& topic, int32_t partitions) override;
  Status remove(const std::string& topic) override;
  std::vector<std::string> list() const override;
  void produce(sql::KafkaRecord record) override;

  int64_t records(const std::string& topic) const;
  int64_t bytes() const { return bytes_; }
  std::optional<sql::KafkaRecord> last;  // the most recent sink record (moved in: no copy)

 private:
  std::map<std::string, int32_t> topics_;
  std::map<std::string, int64_t> counts_;
  int64_t bytes_ = 0;
};

// Calls and nanoseconds spent in state store calls, summed over every store of the engine.
struct StateCallStats {
  int64_t gets = 0, puts = 0, removes = 0, scans = 0;
  int64_t get_ns = 0, put_ns = 0, other_ns = 0;
  int64_t calls() const { return gets + puts + removes + scans; }
  std::optional<std::string> sample_value;  // a value an aggregate stored, to time its decoding alone
};

// Wraps the stores another factory opens; timing adds two clock reads per call.
class TimedStateStoreFactory : public sql::StateStoreFactory {
 public:
  TimedStateStoreFactory(std::unique_ptr<sql::StateStoreFactory> inner, StateCallStats& stats, bool timing)
      : inner_(std::move(inner)), stats_(stats), timing_(timing) {}
  std::unique_ptr<sql::StateStore> open(const std::string& query_id, const std::string& store_name) override;

 private:
  std::unique_ptr<sql::StateStoreFactory> inner_;
  StateCallStats& stats_;
  bool timing_;
};

}  // namespace tributary::bench
