// Runs one query of the engine against the log through its own consumer group. Records go through
// the engine as one engine batch per poll (table changes coalesced per key with the record cache
// on); after each batch the sink records are flushed and the offsets committed.
//
// A query without state (filters, projections, push queries) subscribes to its source topics, so
// the group protocol spreads their partitions over every worker, and resumes from the group's
// committed offsets. A query with state has its group subscribe to the query's changelog topic
// instead, and the changelog partitions the group grants a worker say what it runs there:
// - run whole (the state spans source partitions): the changelog has one partition, whose holder
//   consumes every source partition in its place;
// - run as tasks (the state splits by source partition, Engine::QueryInfo::state_per_partition):
//   the changelog has a partition per source partition, and the holder of changelog partition p
//   runs task p: source partition p over its own state (its own RocksDB database and offsets).
// Taking tasks over, a worker first makes its RocksDB copy of each task's state equal to its
// changelog partition (query_changelog.h) and rebuilds the query's operators on them; giving them
// up, it commits what it has processed before the group may hand them on. Each commit flushes
// outputs and the changelog, then writes the state with the source offsets it reflects, so a
// restarted or moved query neither skips nor double-counts records.
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

// Who runs a query with state now: per changelog partition (task; 0 for a query run whole) the
// advertised URL of the member of the query's group holding it. A partition missing is being
// handed over.
Result<std::map<int32_t, std::string>> query_task_owners(client::KafkaHandle& admin, const std::string& group,
                                                         const std::string& changelog_topic);

// A query's state, or one task's: a RocksDB database and the changelog partition it goes to.
struct QueryTask {
  int32_t partition = 0;
  RocksDbQueryState* state = nullptr;
  std::unique_ptr<QueryChangelog> changelog;
};

class QueryRunner {
 public:
  // `tasks` is empty for a query without state, a single task 0 for one run whole, and one task
  // per source partition with `as_tasks`; `from_latest` starts a push query at the end of its sources.
  QueryRunner(QueryRunnerContext ctx, Engine::QueryInfo query, std::vector<QueryTask> tasks, bool as_tasks,
              bool from_latest);
  ~QueryRunner() { stop(); }

  // Starts consuming; with wait_for_assignment, returns once partitions are assigned and their
  // start offsets fixed (a push query's client then sees every later record).
  Status start(bool wait_for_assignment);
  void stop();
  const std::string& id() const { return query_.id; }
  // For /metrics (any thread).
  int64_t processed() const { return processed_.load(); }
  bool stateful() const { return !tasks_.empty(); }
  bool as_tasks() const { return as_tasks_; }
  int32_t task_count() const { return static_cast<int32_t>(tasks_.size()); }
  const std::string& changelog_topic() const;  // stateful queries only
  // This worker runs the query (or some of its tasks) now; always true for a query without state.
  bool active() const { return tasks_.empty() || owner_.load(); }
  // The tasks this worker runs now (any thread).
  std::vector<int32_t> owned_tasks() const;
  // RocksDB's estimate of the state of every task here (thread-safe, for /metrics).
  uint64_t state_size_bytes() const;

 private:
  void run();
  static constexpr std::size_t kMaxBatch = 20'000;  // records per poll, engine batch and commit
  std::map<client::TopicPartition, int64_t> start_offsets(const std::vector<client::TopicPartition>& assigned);
  // The source partitions of the tasks the group granted (each from the offset kept with its
  // state), or none when it granted none or their state could not be made current.
  std::map<client::TopicPartition, int64_t> take_over(const std::vector<client::TopicPartition>& granted);
  // Makes the held tasks' state current and rebuilds the query on it: the source partitions to consume.
  std::optional<std::map<client::TopicPartition, int64_t>> become_owner();
  // Holding changelog partitions without running their tasks (taking over failed): tries again.
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
  std::vector<QueryTask> tasks_;
  bool as_tasks_;
  bool from_latest_;
  std::unique_ptr<client::GroupConsumer> consumer_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> owner_{false};  // runs the held tasks
  std::vector<QueryTask*> held_;     // the tasks the group granted this worker (polling thread)
  mutable std::mutex owned_mu_;
  std::vector<int32_t> owned_;       // held_'s partitions while owner_
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
