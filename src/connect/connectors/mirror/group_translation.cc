#include "connect/connectors/mirror/group_translation.h"

#include <map>

#include "client/partition_reader.h"

namespace tributary::connect::mirror {

Result<OffsetSyncStore> load_offset_syncs(const std::string& target_bootstrap, const std::string& topic) {
  OffsetSyncStore store;
  auto records = client::read_topic_to_end(target_bootstrap, topic);
  if (!records.ok()) {
    if (records.status().code() == Errc::not_found) return store;
    return records.status();
  }
  for (const auto& r : *records)
    if (auto sync = parse_offset_sync(r.key, r.value)) store.add(*sync);
  return store;
}

Result<std::vector<Checkpoint>> translate_group(client::GroupAdmin& source, const std::string& group,
                                                const MirrorSettings& settings, const OffsetSyncStore& syncs) {
  auto committed = source.committed(group);
  if (!committed.ok()) return committed.status();
  NameFilter topics = settings.topic_filter();
  std::vector<Checkpoint> out;
  for (const auto& c : *committed) {
    if (c.offset < 0 || !topics.matches(c.topic)) continue;
    auto downstream = syncs.translate(c.topic, c.partition, c.offset);
    if (!downstream) continue;
    out.push_back({group, settings.remote_topic(c.topic), c.partition, c.offset, *downstream, ""});
  }
  return out;
}

Result<std::vector<client::PartitionOffset>> forward_offsets(client::GroupAdmin& target, const std::string& group,
                                                             const std::vector<Checkpoint>& checkpoints) {
  std::map<std::pair<std::string, int32_t>, int64_t> current;
  auto committed = target.committed(group);
  if (committed.ok()) {
    for (const auto& c : *committed) current[{c.topic, c.partition}] = c.offset;
  } else if (committed.status().code() != Errc::not_found) {
    return committed.status();
  }
  std::vector<client::PartitionOffset> out;
  for (const auto& c : checkpoints) {
    auto it = current.find({c.topic, c.partition});
    if (it != current.end() && it->second >= c.downstream_offset) continue;
    out.push_back({c.topic, c.partition, c.downstream_offset});
  }
  return out;
}

}  // namespace tributary::connect::mirror
