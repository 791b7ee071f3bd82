// OffsetDelete: drops a group's offsets for partitions it no longer consumes.
#include "broker/handlers/group_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_offset_delete(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::OffsetDeleteRequest>(body);
  std::vector<group::TopicPartition> partitions;
  for (const auto& t : request.topics)
    for (const auto& p : t.partitions) partitions.push_back({t.name, p.partition_index});
  coordinator(ctx).delete_offsets(request.group_id, std::move(partitions), [ctx](group::DeleteOffsetsResult r) {
    protocol::OffsetDeleteResponse response;
    response.error_code = group_error_code(r.error);
    if (r.error == group::GroupError::none || r.error == group::GroupError::storage_error) {
      for (const auto& [tp, error] : r.partitions) {
        if (response.topics.empty() || response.topics.back().name != tp.topic) response.topics.emplace_back().name = tp.topic;
        response.topics.back().partitions.push_back({tp.partition, group_error_code(error)});
      }
    }
    ctx.respond(response);
  });
}

}  // namespace tributary::broker
