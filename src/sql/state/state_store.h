// State of running queries (aggregates, join buffers, materialized tables, suppression buffers)
// lives behind this key-value interface on bytes, so an on-disk store (RocksDB) can replace the
// in-memory one without touching the operators. Keys sort bytewise, as RocksDB's default
// comparator does; range and prefix scans rely on that order.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tributary::sql {

using StateEntry = std::pair<std::string, std::string>;

class StateStore {
 public:
  virtual ~StateStore() = default;
  virtual std::optional<std::string> get(std::string_view key) const = 0;
  virtual void put(std::string_view key, std::string_view value) = 0;
  virtual void remove(std::string_view key) = 0;
  // Entries whose key starts with `prefix`, in key order.
  virtual std::vector<StateEntry> scan_prefix(std::string_view prefix) const = 0;
  // Entries with from <= key < to, in key order.
  virtual std::vector<StateEntry> scan_range(std::string_view from, std::string_view to) const = 0;
  // Removes every entry (DROP of the owning query).
  virtual void clear() = 0;

  // An operator that keeps entries decoded in memory between records (aggregate states) writes
  // them back through this hook. Stores call it before anything that must see every write: a
  // scan, a clear, a commit (RocksDB), closing the store. Wrappers forward it to the inner store.
  virtual void set_flush_hook(std::function<void()> hook) { flush_hook_ = std::move(hook); }

 protected:
  void run_flush_hook() const {
    if (flush_hook_) flush_hook_();
  }

 private:
  std::function<void()> flush_hook_;
};

// Opens the named stores of one query; a store name is unique within the query ("Aggregate-3").
class StateStoreFactory {
 public:
  virtual ~StateStoreFactory() = default;
  virtual std::unique_ptr<StateStore> open(const std::string& query_id, const std::string& store_name) = 0;
};

}  // namespace tributary::sql
