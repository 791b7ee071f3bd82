// Runs one query of the engine against the log: its own consumer group reads the query's source
// topics (so the group protocol can spread partitions over several workers), records go through
// the engine one by one as one engine batch (table changes coalesced per key with the record cache
// on), and after each batch the sink records are flushed and the query's state is committed to
// RocksDB together with the next source offsets; the group's offsets follow once a second and when
// caught up. A restarted query starts from the offsets kept with its state, so it neither skips
// nor double-counts records.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "client/consumer.h"
#include "sql/engine/engine.h"
#include "sql/server/kafka_topic_store.h"
#include "sql/state/rocksdb_state.h"

namespace tributary::sql {

struct QueryRunnerContext {
  std::string bootstrap_servers;
  std::string group_prefix;  // "_confluent-ksql-<service id>query_"
  Engine& engine;
  std::mutex& engine_mu;
  KafkaTopicStore& topics;
};

class QueryRunner {
 public:
  // `state` is null for push queries (their state is not kept); `from_latest` starts a push
  // query at the end of its sources.
  QueryRunner(QueryRunnerContext ctx, Engine::QueryInfo query, RocksDbQueryState* state, bool from_latest);
  ~QueryRunner() { stop(); }

  // Starts consuming; with wait_for_assignment, returns once partitions are assigned and their
  // start offsets fixed (a push query's client then sees every later record).
  Status start(bool wait_for_assignment);
  void stop();
  const std::string& id() const { return query_.id; }
  // For /metrics (any thread).
  int64_t processed() const { return processed_.load(); }
  RocksDbQueryState* state() const { return state_; }

 private:
  void run();
  static constexpr std::size_t kMaxBatch = 20'000;  // records per poll, engine batch and commit
  std::map<client::TopicPartition, int64_t> start_offsets(const std::vector<client::TopicPartition>& assigned);

  QueryRunnerContext ctx_;
  Engine::QueryInfo query_;
  RocksDbQueryState* state_;
  bool from_latest_;
  std::unique_ptr<client::GroupConsumer> consumer_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<int64_t> processed_{0};
  std::mutex assigned_mu_;
  std::condition_variable assigned_cv_;
  bool assigned_ = false;
};

}  // namespace tributary::sql
