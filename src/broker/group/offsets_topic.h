// The __consumer_offsets topic as the coordinator's journal: committed offsets and group metadata
// are appended as ordinary record batches (layouts in offsets_records.h) to the partition that
// owns the group, waited on through GroupCommit like acks=all produces, and replayed at start.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "broker/group/group_manager.h"
#include "broker/group_commit.h"
#include "broker/topic_manager.h"

namespace tributary::broker::group {

inline constexpr const char* kOffsetsTopic = "__consumer_offsets";

class OffsetsTopic : public Journal {
 public:
  // `post` moves a completion onto the coordinator's thread.
  using Post = std::function<void(std::function<void()>)>;
  using Apply = std::function<void(const RecordKey&, const std::optional<std::span<const uint8_t>>&)>;

  OffsetsTopic(TopicManager& topics, GroupCommit& group_commit, Post post);

  // Finds or creates the compacted topic. An existing topic keeps its partition count, since
  // groups are placed by it.
  Status open(int32_t partitions);
  int32_t partition_count() const { return static_cast<int32_t>(partitions_.size()); }

  // One batch per call (all or nothing); `done` runs via `post` once it is durable.
  void write(const std::string& group, std::vector<protocol::Record> records,
             std::function<void(Status)> done) override;

  // Feeds every record of every partition to `apply`, oldest first within a partition.
  Status replay(const Apply& apply) const;

 private:
  Status replay_partition(Partition& partition, const Apply& apply) const;

  TopicManager& topics_;
  GroupCommit& group_commit_;
  Post post_;
  std::vector<std::shared_ptr<Partition>> partitions_;
};

}  // namespace tributary::broker::group
