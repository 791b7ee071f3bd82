// The SQL service of `tributary serve` / `tributary sql-server`: one engine whose queries read and
// write the log through librdkafka, with state in RocksDB under <data dir>, statements kept in the
// command log, and the calls the REST layer (src/sql/rest) makes. Thread-safe: one mutex
// serialises the engine between REST calls and the query runners.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/metrics.h"
#include "sql/engine/engine.h"
#include "sql/server/command_log.h"
#include "sql/server/kafka_topic_store.h"
#include "sql/server/query_runner.h"
#include "sql/state/rocksdb_state.h"

namespace tributary::sql {

using PropertyMap = std::map<std::string, std::string>;

struct SqlServiceOptions {
  std::string bootstrap_servers;
  std::string state_dir;                // RocksDB databases, one per persistent query
  std::string service_id = "default_";  // ksql.service.id
  // How other workers reach this one's REST API ("http://host:port"): a query with state runs on
  // one worker, and the others forward pull queries on its tables there.
  std::string advertised_url;
  PropertyMap properties;
};

// A running push query: rows arrive on `on_row` from a runner thread until `close`.
class PushSubscription {
 public:
  PushSubscription(QueryHeader header, std::function<void()> close) : header_(std::move(header)), close_(std::move(close)) {}
  ~PushSubscription() { close(); }
  const QueryHeader& header() const { return header_; }
  void close() {
    if (close_) std::exchange(close_, nullptr)();
  }

 private:
  QueryHeader header_;
  std::function<void()> close_;
};

// Where a pull query's rows are (SqlService::pull_route).
struct PullRoute {
  bool here = true;  // this worker answers (for local_tasks, when set)
  std::optional<std::vector<int32_t>> local_tasks;
  // Other workers by advertised URL, with the tasks each answers (none: it runs the query whole).
  std::map<std::string, std::vector<int32_t>> remote;
};

class SqlService {
 public:
  explicit SqlService(SqlServiceOptions options);
  ~SqlService();

  // Connects and replays the command log; persistent queries start with run_queries, once the
  // REST listener is up and its advertised URL known.
  Status start();
  void run_queries(const std::string& advertised_url);
  void stop();

  // /ksql: runs ';'-separated statements in order; stops at the first failure, which `error`
  // describes (the results before it are returned too, as ksqlDB does not roll them back).
  std::vector<StatementResult> execute(std::string_view text, const PropertyMap& properties, std::optional<SqlError>& error);
  // A single SELECT: pull (no EMIT) or push (EMIT CHANGES). Parse errors come back as SqlError.
  // With `tasks`, the rows of those tasks only (Errc::io_error when one no longer runs here).
  Result<std::pair<QueryHeader, std::vector<PushRow>>> pull(const Statement& statement, const PropertyMap& properties,
                                                            const std::optional<std::vector<int32_t>>& tasks = {});
  Result<std::shared_ptr<PushSubscription>> push(const Statement& statement, const PropertyMap& properties,
                                                 std::function<void(const PushRow&)> on_row);
  // Where a pull query's rows are: here, at the one worker that runs the table's query whole, or
  // spread over the workers that run its tasks. io_error while some are not run anywhere (being
  // handed over) for 10 s.
  Result<PullRoute> pull_route(const Statement& statement);
  // Parses one statement with the session's variables.
  Result<Statement> parse(std::string_view text);
  // Partitions of a topic of the cluster (0 when it does not exist), for PRINT.
  int32_t topic_partitions(const std::string& topic) const { return topics_->partitions(topic); }

  const SqlServiceOptions& options() const { return options_; }
  bool running() const { return started_; }

 private:
  void sync_runners();  // starts runners of new persistent queries, stops removed ones
  // Repartition topics of queries no longer in the catalogue (dropped while this server was away,
  // or by a server that leaves them to the next start).
  void remove_orphaned_topics();
  // A stateful query's state: one task for a query run whole, or one per source partition
  // (`as_tasks`); creates the changelog topic with as many partitions.
  Result<std::vector<QueryTask>> query_tasks(const Engine::QueryInfo& q, bool& as_tasks);
  // "_confluent-ksql-<service id>query_": a persistent query's consumer group is this plus its id.
  std::string query_group_prefix() const;
  std::string changelog_topic(const std::string& query_id) const;
  std::string advertised_url() const;  // set by run_queries, read by REST threads
  // A command another server of the service appended: run it here too.
  void apply_command(const Command& command);
  // Waits until the follower has applied every command logged so far.
  Status catch_up();
  // Running queries, records processed and state size per query, for /metrics.
  void collect(metrics::CollectorSink& sink) const;

  SqlServiceOptions options_;
  std::unique_ptr<KafkaTopicStore> topics_;
  std::unique_ptr<Engine> engine_;
  RocksDbStateStoreFactory* state_ = nullptr;  // owned by the engine
  std::unique_ptr<CommandLog> commands_;
  mutable std::mutex mu_;     // the engine
  mutable std::mutex runners_mu_;  // runners_
  std::map<std::string, std::unique_ptr<QueryRunner>> runners_;
  std::atomic<bool> started_{false};  // read by /readyz on HTTP threads
  bool queries_running_ = false;      // run_queries was called (under runners_mu_)
  metrics::CollectorHandle collector_;  // dropped first in stop(): it reads runners_
  std::string instance_id_;             // this process, in the commands it appends
  std::thread command_follower_;
  std::atomic<bool> stopping_{false};
  std::mutex followed_mu_;
  std::condition_variable followed_cv_;
  int64_t followed_ = 0;    // the command log's offset the follower has applied up to
  std::mutex catalogue_mu_;  // one catalogue statement at a time: caught up, run, logged
};

}  // namespace tributary::sql
