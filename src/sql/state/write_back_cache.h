// A write-back cache of one store's entries: reads are served from a hash map, writes only mark
// entries dirty, and `flush` hands the dirty ones to the backing store in one go. An operator
// reads and rewrites the same few keys (stream time, the open windows) on every record; with the
// cache that costs a hash lookup instead of a RocksDB read and an indexed-batch write, and a
// commit writes each changed key once instead of once per record.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tributary::sql {

class WriteBackCache {
 public:
  // nullptr when the key is not cached; else the cached value (nullopt: known absent or removed).
  const std::optional<std::string>* find(std::string_view key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second.value;
  }
  // Caches what the backing store holds (not dirty).
  void remember(std::string_view key, std::optional<std::string> value) {
    entries_.try_emplace(std::string(key), Entry{std::move(value), false});
  }
  void put(std::string_view key, std::string_view value) { set(key, std::optional<std::string>(std::in_place, value)); }
  void remove(std::string_view key) { set(key, std::nullopt); }

  bool dirty() const { return !dirty_.empty(); }
  // Hands every dirty entry to `write` (value nullopt = delete) and marks it clean. Clean entries
  // beyond `max_entries` are dropped afterwards, so the cache stays bounded between commits.
  void flush(const std::function<void(std::string_view, const std::optional<std::string>&)>& write,
             std::size_t max_entries = kDefaultMaxEntries) {
    for (auto* node : dirty_) {
      write(node->first, node->second.value);
      node->second.dirty = false;
    }
    dirty_.clear();
    if (entries_.size() > max_entries) entries_.clear();
  }
  // Forgets everything, dirty entries included (the store was destroyed).
  void clear() {
    dirty_.clear();
    entries_.clear();
  }
  std::size_t size() const { return entries_.size(); }

  static constexpr std::size_t kDefaultMaxEntries = 100'000;

 private:
  struct Entry {
    std::optional<std::string> value;
    bool dirty = false;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Map = std::unordered_map<std::string, Entry, Hash, std::equal_to<>>;

  void set(std::string_view key, std::optional<std::string> value) {
    auto it = entries_.find(key);
    if (it == entries_.end()) it = entries_.emplace(std::string(key), Entry{}).first;
    if (value && it->second.value) {
      it->second.value->assign(*value);  // reuses the buffer
    } else {
      it->second.value = std::move(value);
    }
    if (!it->second.dirty) {
      it->second.dirty = true;
      dirty_.push_back(&*it);
    }
  }

  Map entries_;
  std::vector<Map::value_type*> dirty_;  // node addresses stay valid until the map is cleared
};

}  // namespace tributary::sql
