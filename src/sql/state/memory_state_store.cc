#include "sql/state/memory_state_store.h"

namespace tributary::sql {

std::optional<std::string> MemoryStateStore::get(std::string_view key) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void MemoryStateStore::put(std::string_view key, std::string_view value) {
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    entries_.emplace(std::string(key), std::string(value));
  } else {
    it->second.assign(value);
  }
}

void MemoryStateStore::remove(std::string_view key) {
  auto it = entries_.find(key);
  if (it != entries_.end()) entries_.erase(it);
}

std::vector<StateEntry> MemoryStateStore::scan_prefix(std::string_view prefix) const {
  run_flush_hook();
  std::vector<StateEntry> out;
  for (auto it = entries_.lower_bound(prefix); it != entries_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    out.emplace_back(it->first, it->second);
  }
  return out;
}

std::vector<StateEntry> MemoryStateStore::scan_range(std::string_view from, std::string_view to) const {
  run_flush_hook();
  std::vector<StateEntry> out;
  for (auto it = entries_.lower_bound(from); it != entries_.end() && std::string_view(it->first) < to; ++it) {
    out.emplace_back(it->first, it->second);
  }
  return out;
}

}  // namespace tributary::sql
