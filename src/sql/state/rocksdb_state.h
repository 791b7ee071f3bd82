// On-disk query state in RocksDB. One database per persistent query (directory <root>/<query_id>);
// each named store of the query is a key prefix in it. Each store caches its entries and keeps its
// writes until the commit (write_back_cache.h), which moves them to the pending batch. Writes collect in an indexed batch (reads
// see them at once) until `commit`, which writes them in one atomic RocksDB write together with the
// source offsets they reflect: after a crash, state and offsets agree, so re-reading the source
// from the stored offsets neither loses nor double-counts a record.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "sql/state/state_store.h"

namespace rocksdb {
class DB;
class WriteBatchWithIndex;
}  // namespace rocksdb

namespace tributary::sql {

class RocksDbStore;
using SourceOffsets = std::map<std::pair<std::string, int32_t>, int64_t>;  // (topic, partition) -> next offset

class RocksDbQueryState {
 public:
  static Result<std::unique_ptr<RocksDbQueryState>> open(const std::string& dir);
  ~RocksDbQueryState();

  // The key of the source offsets entry, which each commit writes last (also to the changelog).
  static constexpr std::string_view kOffsetsKey = "\1offsets";

  std::unique_ptr<StateStore> store(const std::string& name);
  // The two halves of a commit. `prepare` moves every store's pending change and the merged
  // offsets into one batch and shows them to `on_change` (the changelog; the offsets entry last);
  // `write` then writes the batch in one atomic RocksDB write. The server flushes the changelog
  // in between, so the local state is never ahead of the changelog. A batch prepared but not
  // written is prepared again, with later changes, by the next `prepare`.
  void prepare(const SourceOffsets& next_offsets);
  Status write();
  Status commit(const SourceOffsets& next_offsets) {
    prepare(next_offsets);
    return write();
  }
  // Drops what was prepared or cached but not written (the query's operators were torn down).
  void discard_pending();
  // Offsets of the last commit (empty for a new query).
  SourceOffsets offsets() const;
  // The offsets entry of the last commit as stored (and as sent to the changelog); nullopt if none.
  std::optional<std::string> offsets_entry() const;
  // The stored value of a raw key (store name and key, as the changelog carries it).
  std::optional<std::string> raw_get(std::string_view key) const;
  // Replays one changelog entry (a restore on a worker without the local database).
  using RestoredEntry = std::pair<std::string_view, std::optional<std::string_view>>;
  Status restore(std::string_view key, std::optional<std::string_view> value) {
    return restore(std::vector<RestoredEntry>{{key, value}});
  }
  // Replays changelog entries in order, in one atomic write.
  Status restore(const std::vector<RestoredEntry>& entries);
  bool empty() const;
  // RocksDB's estimate of the query's state on disk plus in memtables (thread-safe, for /metrics).
  uint64_t approximate_size_bytes() const;
  void on_change(std::function<void(std::string_view key, std::optional<std::string_view> value)> f) {
    std::lock_guard lock(mu_);
    on_change_ = std::move(f);
  }
  // Deletes every key (the query was dropped).
  Status destroy();

 private:
  friend class RocksDbStore;
  RocksDbQueryState(rocksdb::DB* db);

  rocksdb::DB* db_;
  std::unique_ptr<rocksdb::WriteBatchWithIndex> pending_;
  // Recursive: a store's flush hook (an operator writing back decoded state) runs under the lock
  // and puts into the same store.
  mutable std::recursive_mutex mu_;
  std::vector<const RocksDbStore*> stores_;  // open stores, whose cached writes commit flushes
  std::function<void(std::string_view, std::optional<std::string_view>)> on_change_;
};

// A StateStoreFactory over one RocksDbQueryState per query, under a root directory.
class RocksDbStateStoreFactory : public StateStoreFactory {
 public:
  explicit RocksDbStateStoreFactory(std::string root) : root_(std::move(root)) {}
  std::unique_ptr<StateStore> open(const std::string& query_id, const std::string& store_name) override;
  // The query's database (opened on first use); null with the error logged when it cannot open.
  RocksDbQueryState* query(const std::string& query_id);

 private:
  std::string root_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<RocksDbQueryState>> queries_;
};

}  // namespace tributary::sql
