// OffsetCommit: answered once the offsets are durable in __consumer_offsets.
#include "broker/handlers/group_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_offset_commit(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::OffsetCommitRequest>(body);
  group::CommitRequest commit;
  commit.group_id = request.group_id;
  // v0 has no generation or member: a standalone commit.
  commit.generation = ctx.version() >= 1 ? request.generation_id : -1;
  commit.member_id = request.member_id;
  commit.instance_id = request.group_instance_id;
  for (auto& topic : request.topics) {
    for (auto& p : topic.partitions) {
      group::CommittedOffset offset;
      offset.offset = p.committed_offset;
      offset.leader_epoch = p.committed_leader_epoch;
      offset.metadata = p.committed_metadata.value_or("");
      commit.offsets.push_back({{topic.name, p.partition_index}, std::move(offset)});
    }
  }
  coordinator(ctx).commit(std::move(commit), [ctx](group::CommitResult r) {
    protocol::OffsetCommitResponse response;
    for (const auto& [tp, error] : r.partitions) {
      if (response.topics.empty() || response.topics.back().name != tp.topic) response.topics.emplace_back().name = tp.topic;
      response.topics.back().partitions.push_back({tp.partition, group_error_code(error)});
    }
    ctx.respond(response);
  });
}

}  // namespace tributary::broker
