// Runs one query of the engine against the log through its own consumer group. Records go through
// the engine as one engine batch per poll (table changes coalesced per key with the record cache
// on); after each batch the sink records are flushed and the offsets committed.
//
// A query without state (filters, projections, push queries) subscribes to its source topics, so
// the group protocol spreads their partitions over every worker, and resumes from the group's
// committed offsets. A query with state runs on one worker at a time: its group subscribes to the
// query's changelog topic, whose single partition elects the owner, and the owner consumes every
// source partition in its place. Taking a query over, a worker first makes its RocksDB copy of the
// state equal to the changelog (query_changelog.h) and rebuilds the query's operators on it; giving
// it up, it commits what it has processed before the group may hand the query on. Each commit
// flushes outputs and the changelog, then writes the state with the source offsets it reflects, so
// a restarted or moved query neither skips nor double-counts records.
#pragma once

#include <atomic>
#include <condition_variable>
#include <chrono>
#include <memory>
#include <optional>
#include <mutex>
#include <string>
#include <thread>

#include "client/consumer.h"
#include "sql/engine/engine.h"
#include "sql/server/kafka_topic_store.h"
#include "sql/server/query_changelog.h"
#include "sql/state/rocksdb_state.h"

namespace tributary::sql {

struct QueryRunnerContext {
  std::string bootstrap_servers;
  std::string group_prefix;  // "_confluent-ksql-<service id>query_"
  Engine& engine;
  std::mutex& engine_mu;
  KafkaTopicStore& topics;
  std::string advertised_url;  // this worker's REST API, named in its consumers' client.id
};

// The advertised URL of the worker that runs a query with state now: the member of the query's
// group that holds the changelog's partition; nullopt when no member does (a hand-over).
Result<std::optional<std::string>> query_owner_url(client::KafkaHandle& admin, const std::string& group,
                                                   const std::string& changelog_topic);

class QueryRunner {
 public:
  // `state` and `changelog` are null for queries without state; `from_latest` starts a push query
  // at the end of its sources.
  QueryRunner(QueryRunnerContext ctx, Engine::QueryInfo query, RocksDbQueryState* state,
              std::unique_ptr<QueryChangelog> changelog, bool from_latest);
  ~QueryRunner() { stop(); }

  // Starts consuming; with wait_for_assignment, returns once partitions are assigned and their
  // start offsets fixed (a push query's client then sees every later record).
  Status start(bool wait_for_assignment);
  void stop();
  const std::string& id() const { return query_.id; }
  // For /metrics (any thread).
  int64_t processed() const { return processed_.load(); }
  RocksDbQueryState* state() const { return state_; }
  // This worker runs the (stateful) query now; always true for a query without state.
  bool active() const { return !changelog_ || owner_.load(); }

 private:
  void run();
  static constexpr std::size_t kMaxBatch = 20'000;  // records per poll, engine batch and commit
  std::map<client::TopicPartition, int64_t> start_offsets(const std::vector<client::TopicPartition>& assigned);
  // The owner's source partitions (each from the offset kept with the state), or none when the
  // group did not grant the changelog partition or the state could not be made current.
  std::map<client::TopicPartition, int64_t> take_over(const std::vector<client::TopicPartition>& granted);
  // Makes the state current and rebuilds the query on it: the source partitions to consume.
  std::optional<std::map<client::TopicPartition, int64_t>> become_owner();
  // Holding the changelog partition without owning the query (taking over failed): tries again.
  void retry_owner();
  void give_up();
  // Ends the engine batch in progress, releasing the engine.
  void end_engine_batch();
  // Outputs and changelog flushed, then state with offsets; false when something failed.
  bool commit_batch();
  void commit_group();
  // All three: what was processed is committed (a revoke, the end).
  void finish_batch();
  void mark_assigned();

  QueryRunnerContext ctx_;
  Engine::QueryInfo query_;
  RocksDbQueryState* state_;
  std::unique_ptr<QueryChangelog> changelog_;
  bool from_latest_;
  std::unique_ptr<client::GroupConsumer> consumer_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> owner_{false};
  bool holds_changelog_ = false;  // the group granted this worker the query (polling thread)
  static constexpr std::chrono::seconds kOwnerRetry{5};
  std::chrono::steady_clock::time_point next_owner_attempt_;
  std::atomic<int64_t> processed_{0};
  std::mutex assigned_mu_;
  std::condition_variable assigned_cv_;
  bool assigned_ = false;

  // The batch in progress (the polling thread's; rebalance callbacks run on it too).
  std::unique_lock<std::mutex> engine_lock_;
  std::map<client::TopicPartition, int64_t> batch_next_;  // next offset per partition
  std::size_t batch_seen_ = 0;
  // Offsets committed with the state but not yet to the group (for monitoring and lag), which gets
  // them once a second and when the query has caught up.
  std::map<client::TopicPartition, int64_t> group_pending_;
  std::chrono::steady_clock::time_point last_group_commit_;
};

}  // namespace tributary::sql
