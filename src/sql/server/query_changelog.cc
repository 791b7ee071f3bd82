#include "sql/server/query_changelog.h"

#include <iterator>
#include <set>

#include "client/partition_reader.h"
#include "common/logging.h"

namespace tributary::sql {
namespace {

bool is_offsets_entry(const client::ConsumedRecord& r) { return r.key && *r.key == RocksDbQueryState::kOffsetsKey; }

}  // namespace

void QueryChangelog::attach(RocksDbQueryState& state) {
  attached_ = &state;
  state.on_change([this](std::string_view key, std::optional<std::string_view> value) {
    Status s = send(key, value);
    if (!s.ok()) component_logger("sql")->warn("changelog_send_failed topic={} error=\"{}\"", topic_, s.message());
  });
}

Status QueryChangelog::send(std::string_view key, std::optional<std::string_view> value) {
  client::OutboundRecord r;
  r.topic = topic_;
  r.partition = partition_;
  r.key = std::string(key);
  if (value) r.value = std::string(*value);
  return topics_.producer().send(r);
}

Status QueryChangelog::make_current(RocksDbQueryState& state) {
  auto tail = client::read_topic_tail(bootstrap_servers_, topic_, 1, 30000, partition_);
  if (!tail.ok()) return tail.status();
  std::optional<std::string> local = state.offsets_entry();
  if (tail->empty() ? !local && state.empty() : is_offsets_entry(tail->back()) && tail->back().value == local) {
    return Status();
  }
  return restore(state);
}

Status QueryChangelog::restore(RocksDbQueryState& state) {
  TRY_STATUS(state.destroy());
  // Entries are applied a commit at a time, when its offsets entry (written last) arrives, so
  // memory holds one commit and one write batch, not the changelog. What follows the last offsets
  // entry is a commit cut short, never applied.
  using Entry = std::pair<std::string, std::optional<std::string>>;
  std::vector<Entry> commit;  // since the last offsets entry
  std::vector<Entry> ready;   // complete commits not yet written
  std::optional<std::string> last_offsets;
  int64_t restored = 0;
  auto write_ready = [&]() -> Status {
    std::vector<RocksDbQueryState::RestoredEntry> views;
    views.reserve(ready.size());
    for (const auto& [key, value] : ready) views.emplace_back(key, value);
    TRY_STATUS(state.restore(views));
    restored += static_cast<int64_t>(ready.size());
    ready.clear();
    return Status();
  };
  TRY_STATUS(client::for_each_record_to_end(bootstrap_servers_, topic_, [&](client::ConsumedRecord&& r) -> Status {
    if (!r.key) return Status();
    bool offsets = is_offsets_entry(r);
    if (offsets) last_offsets = r.value;
    commit.emplace_back(std::move(*r.key), std::move(r.value));
    if (!offsets) return Status();
    std::move(commit.begin(), commit.end(), std::back_inserter(ready));
    commit.clear();
    return ready.size() >= kRestoreBatch ? write_ready() : Status();
  }, 30000, partition_));
  TRY_STATUS(write_ready());
  std::set<std::string> cut_short;
  for (const auto& [key, value] : commit) cut_short.insert(key);
  if (!cut_short.empty()) {
    // Overwritten with the restored values (and the offsets entry again), so no later restore
    // applies them: their source records are processed again instead.
    for (const auto& key : cut_short) {
      std::optional<std::string> value = state.raw_get(key);
      TRY_STATUS(send(key, value ? std::optional<std::string_view>(*value) : std::nullopt));
    }
    if (last_offsets) TRY_STATUS(send(RocksDbQueryState::kOffsetsKey, *last_offsets));
    TRY_STATUS(topics_.flush());
  }
  component_logger("sql")->info("state_restored topic={} partition={} changelog_records={} cut_short_keys={}", topic_,
                                partition_, restored, cut_short.size());
  return Status();
}

}  // namespace tributary::sql
