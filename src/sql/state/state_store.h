// State of running queries (aggregates, join buffers, materialized tables, suppression buffers)
// lives behind this key-value interface on bytes, so an on-disk store (RocksDB) can replace the
// in-memory one without touching the operators. Keys sort bytewise, as RocksDB's default
// comparator does; range and prefix scans rely on that order.
#pragma once

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
};

// Opens the named stores of one query; a store name is unique within the query ("Aggregate-3").
class StateStoreFactory {
 public:
  virtual ~StateStoreFactory() = default;
  virtual std::unique_ptr<StateStore> open(const std::string& query_id, const std::string& store_name) = 0;
};

}  // namespace tributary::sql
