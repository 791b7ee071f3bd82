// Offset translation between a source cluster and its mirror, as MirrorMaker 2 does it: the mirror
// records "source offset u was written at target offset d" (an offset sync) per partition, and a
// consumer group's committed source offset is translated through the nearest sync at or below it.
// The mirror copies records one to one, so between two syncs whose source and target distances are
// equal (no gaps from compaction or transaction markers) the translation is exact; otherwise it
// falls back to just after the sync, which may re-deliver records but never skips one.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tributary::connect::mirror {

struct OffsetSync {
  std::string topic;  // the source topic
  int32_t partition = 0;
  int64_t upstream_offset = 0;    // a record's offset in the source cluster
  int64_t downstream_offset = 0;  // the same record's offset in the mirrored topic
};

// A group's translated position in one mirrored partition (what the checkpoints topic holds).
struct Checkpoint {
  std::string group;
  std::string topic;  // the mirrored (target) topic
  int32_t partition = 0;
  int64_t upstream_offset = 0;    // the group's committed offset in the source cluster
  int64_t downstream_offset = 0;  // where the group resumes in the mirrored topic
  std::string metadata;
};

// Record encodings (JSON key and value) of the offset-syncs and checkpoints topics. The key names
// the partition (offset syncs) or group and partition (checkpoints), so compaction keeps the latest.
std::string offset_sync_key(const OffsetSync& sync);
std::string offset_sync_value(const OffsetSync& sync);
std::optional<OffsetSync> parse_offset_sync(const std::optional<std::string>& key, const std::optional<std::string>& value);
std::string checkpoint_key(const Checkpoint& checkpoint);
std::string checkpoint_value(const Checkpoint& checkpoint);
std::optional<Checkpoint> parse_checkpoint(const std::optional<std::string>& key, const std::optional<std::string>& value);

// The source offsets of one partition mirrored since the last offset syncs: how many, and which
// records the next syncs pin as (index in the batch, source offset): the first, both sides of every
// gap in the source offsets, and the last. Their target offsets count back from the target's log end.
class MirroredBatch {
 public:
  static constexpr std::size_t kMaxPoints = 256;  // beyond: translation falls back to "just after"
  void add(int64_t source_offset);
  int64_t count() const { return count_; }
  std::vector<std::pair<int64_t, int64_t>> sync_points() const;

 private:
  int64_t count_ = 0;
  int64_t last_ = -1;
  std::vector<std::pair<int64_t, int64_t>> points_;
};

class OffsetSyncStore {
 public:
  // Syncs may arrive in any order; an older one for the same source offset is replaced.
  void add(const OffsetSync& sync);
  // The target offset a group resumes from when it committed `upstream_offset` (the next source offset
  // to read) on the source; nothing when no sync is at or below it.
  std::optional<int64_t> translate(const std::string& topic, int32_t partition, int64_t upstream_offset) const;
  std::size_t size() const;

 private:
  // (topic, partition) -> upstream offset -> downstream offset
  std::map<std::pair<std::string, int32_t>, std::map<int64_t, int64_t>> syncs_;
};

}  // namespace tributary::connect::mirror
