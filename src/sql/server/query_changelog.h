// A stateful query's changelog: a compacted topic that receives every committed change of the
// query's state and, last in each commit, the entry holding the source offsets the state reflects.
// A query run whole writes partition 0; one run as tasks has a partition per task, each task's
// state (its own RocksDB database) going to its own partition through its own QueryChangelog.
// The changelog is the truth: a worker's RocksDB copy is used only while it matches the
// changelog's end, otherwise it is replaced from the changelog. The runner flushes the changelog
// before it writes the same commit to RocksDB, so a local copy is never ahead of the changelog.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "sql/server/kafka_topic_store.h"
#include "sql/state/rocksdb_state.h"

namespace tributary::sql {

class QueryChangelog {
 public:
  QueryChangelog(std::string bootstrap_servers, std::string topic, int32_t partition, KafkaTopicStore& topics)
      : bootstrap_servers_(std::move(bootstrap_servers)), topic_(std::move(topic)), partition_(partition), topics_(topics) {}
  ~QueryChangelog() {
    if (attached_) attached_->on_change(nullptr);
  }
  QueryChangelog(const QueryChangelog&) = delete;
  QueryChangelog& operator=(const QueryChangelog&) = delete;

  const std::string& topic() const { return topic_; }
  int32_t partition() const { return partition_; }
  // Sends `state`'s committed changes to the partition (the topic exists: KafkaTopicStore::create_compacted).
  void attach(RocksDbQueryState& state);
  // Makes `state` equal to the changelog: kept when its offsets entry is the changelog's last
  // record, else wiped and replayed up to the changelog's last offsets entry. Changes after that
  // entry (a commit cut short) are overwritten in the changelog with the replayed values, so no
  // later restore applies them: their source records are processed again instead.
  Status make_current(RocksDbQueryState& state);

 private:
  Status restore(RocksDbQueryState& state);
  // One record to the changelog's partition (value nullopt: a tombstone).
  Status send(std::string_view key, std::optional<std::string_view> value);
  static constexpr std::size_t kRestoreBatch = 50'000;  // changelog entries per RocksDB write

  std::string bootstrap_servers_;
  std::string topic_;
  int32_t partition_;
  KafkaTopicStore& topics_;
  RocksDbQueryState* attached_ = nullptr;
};

}  // namespace tributary::sql
