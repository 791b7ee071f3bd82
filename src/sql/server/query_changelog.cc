#include "sql/server/query_changelog.h"

#include <set>

#include "client/partition_reader.h"
#include "common/logging.h"

namespace tributary::sql {
namespace {

bool is_offsets_entry(const client::ConsumedRecord& r) { return r.key && *r.key == RocksDbQueryState::kOffsetsKey; }

}  // namespace

Status QueryChangelog::attach(RocksDbQueryState& state) {
  TRY_STATUS(topics_.create_compacted(topic_));
  attached_ = &state;
  state.on_change([this](std::string_view key, std::optional<std::string_view> value) {
    client::OutboundRecord r;
    r.topic = topic_;
    r.partition = 0;
    r.key = std::string(key);
    if (value) r.value = std::string(*value);
    Status s = topics_.producer().send(r);
    if (!s.ok()) component_logger("sql")->warn("changelog_send_failed topic={} error=\"{}\"", topic_, s.message());
  });
  return Status();
}

Status QueryChangelog::make_current(RocksDbQueryState& state) {
  auto tail = client::read_topic_tail(bootstrap_servers_, topic_, 1);
  if (!tail.ok()) return tail.status();
  std::optional<std::string> local = state.offsets_entry();
  if (tail->empty() ? !local && state.empty() : is_offsets_entry(tail->back()) && tail->back().value == local) {
    return Status();
  }
  return restore(state);
}

Status QueryChangelog::restore(RocksDbQueryState& state) {
  auto log = component_logger("sql");
  auto records = client::read_topic_to_end(bootstrap_servers_, topic_);
  if (!records.ok()) return records.status();
  std::size_t end = 0;  // one past the last offsets entry: what complete commits wrote
  for (std::size_t i = 0; i < records->size(); ++i) {
    if (is_offsets_entry((*records)[i])) end = i + 1;
  }
  TRY_STATUS(state.destroy());
  std::vector<RocksDbQueryState::RestoredEntry> entries;
  for (std::size_t i = 0; i < end; ++i) {
    const auto& r = (*records)[i];
    if (r.key) entries.emplace_back(*r.key, r.value ? std::optional<std::string_view>(*r.value) : std::nullopt);
  }
  TRY_STATUS(state.restore(entries));
  std::set<std::string> cut_short;
  for (std::size_t i = end; i < records->size(); ++i) {
    if ((*records)[i].key) cut_short.insert(*(*records)[i].key);
  }
  if (!cut_short.empty()) {
    for (const auto& key : cut_short) {
      client::OutboundRecord r;
      r.topic = topic_;
      r.partition = 0;
      r.key = key;
      r.value = state.raw_get(key);
      TRY_STATUS(topics_.producer().send(r));
    }
    if (end > 0) {
      client::OutboundRecord r;
      r.topic = topic_;
      r.partition = 0;
      r.key = std::string(RocksDbQueryState::kOffsetsKey);
      r.value = (*records)[end - 1].value;
      TRY_STATUS(topics_.producer().send(r));
    }
    TRY_STATUS(topics_.flush());
  }
  log->info("state_restored topic={} changelog_records={} cut_short_keys={}", topic_, end, cut_short.size());
  return Status();
}

}  // namespace tributary::sql
