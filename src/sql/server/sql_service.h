// The SQL service of `tributary serve` / `tributary sql-server`: one engine whose queries read and
// write the log through librdkafka, with state in RocksDB under <data dir>, statements kept in the
// command log, and the calls the REST layer (src/sql/rest) makes. Thread-safe: one mutex
// serialises the engine between REST calls and the query runners.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
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

class SqlService {
 public:
  explicit SqlService(SqlServiceOptions options);
  ~SqlService();

  // Connects, replays the command log and starts every persistent query.
  Status start();
  void stop();

  // /ksql: runs ';'-separated statements in order; stops at the first failure, which `error`
  // describes (the results before it are returned too, as ksqlDB does not roll them back).
  std::vector<StatementResult> execute(std::string_view text, const PropertyMap& properties, std::optional<SqlError>& error);
  // A single SELECT: pull (no EMIT) or push (EMIT CHANGES). Parse errors come back as SqlError.
  Result<std::pair<QueryHeader, std::vector<PushRow>>> pull(const Statement& statement, const PropertyMap& properties);
  Result<std::shared_ptr<PushSubscription>> push(const Statement& statement, const PropertyMap& properties,
                                                 std::function<void(const PushRow&)> on_row);
  // Parses one statement with the session's variables.
  Result<Statement> parse(std::string_view text);
  // Partitions of a topic of the cluster (0 when it does not exist), for PRINT.
  int32_t topic_partitions(const std::string& topic) const { return topics_->partitions(topic); }

  const SqlServiceOptions& options() const { return options_; }
  bool running() const { return started_; }

 private:
  void sync_runners();  // starts runners of new persistent queries, stops removed ones
  // Connects a query's RocksDB state to its changelog topic: restores it from there when the
  // local database is empty (a new worker or a lost disk), then records every commit to it.
  Status attach_changelog(const std::string& query_id, RocksDbQueryState& state);
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
  metrics::CollectorHandle collector_;  // dropped first in stop(): it reads runners_
};

}  // namespace tributary::sql
