// In-memory StateStore: an ordered map of byte strings. Used by the qtt runner and, until an
// on-disk store exists, by the server.
#pragma once

#include <map>

#include "sql/state/state_store.h"

namespace tributary::sql {

class MemoryStateStore : public StateStore {
 public:
  std::optional<std::string> get(std::string_view key) const override;
  void put(std::string_view key, std::string_view value) override;
  void remove(std::string_view key) override;
  std::vector<StateEntry> scan_prefix(std::string_view prefix) const override;
  std::vector<StateEntry> scan_range(std::string_view from, std::string_view to) const override;
  void clear() override {
    run_flush_hook();
    entries_.clear();
  }
  std::size_t size() const { return entries_.size(); }

 private:
  std::map<std::string, std::string, std::less<>> entries_;
};

class MemoryStateStoreFactory : public StateStoreFactory {
 public:
  std::unique_ptr<StateStore> open(const std::string&, const std::string&) override {
    return std::make_unique<MemoryStateStore>();
  }
};

}  // namespace tributary::sql
