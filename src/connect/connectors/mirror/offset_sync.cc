#include "connect/connectors/mirror/offset_sync.h"

namespace tributary::connect::mirror {
namespace {

std::optional<nlohmann::json> parse_object(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

bool has_int(const nlohmann::json& j, const char* name) { return j.contains(name) && j[name].is_number_integer(); }

}  // namespace

std::string offset_sync_key(const OffsetSync& s) {
  return nlohmann::json{{"topic", s.topic}, {"partition", s.partition}}.dump();
}

std::string offset_sync_value(const OffsetSync& s) {
  return nlohmann::json{{"upstreamOffset", s.upstream_offset}, {"downstreamOffset", s.downstream_offset}}.dump();
}

std::optional<OffsetSync> parse_offset_sync(const std::optional<std::string>& key,
                                            const std::optional<std::string>& value) {
  auto k = parse_object(key);
  auto v = parse_object(value);
  if (!k || !v || !(*k)["topic"].is_string() || !has_int(*k, "partition") || !has_int(*v, "upstreamOffset") ||
      !has_int(*v, "downstreamOffset"))
    return std::nullopt;
  return OffsetSync{(*k)["topic"].get<std::string>(), (*k)["partition"].get<int32_t>(),
                    (*v)["upstreamOffset"].get<int64_t>(), (*v)["downstreamOffset"].get<int64_t>()};
}

std::string checkpoint_key(const Checkpoint& c) {
  return nlohmann::json{{"group", c.group}, {"topic", c.topic}, {"partition", c.partition}}.dump();
}

std::string checkpoint_value(const Checkpoint& c) {
  return nlohmann::json{
      {"upstreamOffset", c.upstream_offset}, {"downstreamOffset", c.downstream_offset}, {"metadata", c.metadata}}
      .dump();
}

std::optional<Checkpoint> parse_checkpoint(const std::optional<std::string>& key,
                                           const std::optional<std::string>& value) {
  auto k = parse_object(key);
  auto v = parse_object(value);
  if (!k || !v || !(*k)["group"].is_string() || !(*k)["topic"].is_string() || !has_int(*k, "partition") ||
      !has_int(*v, "upstreamOffset") || !has_int(*v, "downstreamOffset"))
    return std::nullopt;
  Checkpoint c{(*k)["group"].get<std::string>(), (*k)["topic"].get<std::string>(), (*k)["partition"].get<int32_t>(),
               (*v)["upstreamOffset"].get<int64_t>(), (*v)["downstreamOffset"].get<int64_t>(), ""};
  if ((*v)["metadata"].is_string()) c.metadata = (*v)["metadata"].get<std::string>();
  return c;
}

void MirroredBatch::add(int64_t offset) {
  bool gap = count_ > 0 && offset != last_ + 1;
  if ((count_ == 0 || gap) && points_.size() < kMaxPoints) {
    if (gap && (points_.empty() || points_.back().first != count_ - 1)) points_.emplace_back(count_ - 1, last_);
    points_.emplace_back(count_, offset);
  }
  last_ = offset;
  ++count_;
}

std::vector<std::pair<int64_t, int64_t>> MirroredBatch::sync_points() const {
  auto out = points_;
  if (count_ > 0 && (out.empty() || out.back().first != count_ - 1)) out.emplace_back(count_ - 1, last_);
  return out;
}

void OffsetSyncStore::add(const OffsetSync& sync) {
  syncs_[{sync.topic, sync.partition}][sync.upstream_offset] = sync.downstream_offset;
}

std::size_t OffsetSyncStore::size() const {
  std::size_t n = 0;
  for (const auto& [_, syncs] : syncs_) n += syncs.size();
  return n;
}

std::optional<int64_t> OffsetSyncStore::translate(const std::string& topic, int32_t partition,
                                                  int64_t upstream_offset) const {
  auto it = syncs_.find({topic, partition});
  if (it == syncs_.end() || it->second.empty()) return std::nullopt;
  const auto& syncs = it->second;
  // The last sync at or below the committed offset: that record has been read by the group.
  auto after = syncs.upper_bound(upstream_offset);
  if (after == syncs.begin()) return std::nullopt;
  auto at = std::prev(after);
  auto [u, d] = *at;
  if (u == upstream_offset) return d;  // the group stopped right before the synced record
  if (after != syncs.end()) {
    auto [u2, d2] = *after;
    // Source and target advanced equally between the two syncs: records map one to one in between.
    if (u2 - u == d2 - d) return d + (upstream_offset - u);
  }
  return d + 1;  // the synced record was read; records after it may be read again
}

}  // namespace tributary::connect::mirror
