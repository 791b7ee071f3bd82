// OffsetFetch: committed offsets of one group (v0-7) or several (v8); a null topic list asks for
// every partition the group has committed, and a partition without a commit reads -1.
#include <memory>
#include <mutex>

#include "broker/handlers/group_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {
namespace {

using Wanted = std::optional<std::vector<group::TopicPartition>>;

template <class Topics>
Wanted wanted_partitions(const std::optional<Topics>& topics) {
  if (!topics) return std::nullopt;
  std::vector<group::TopicPartition> out;
  for (const auto& t : *topics)
    for (int32_t p : t.partition_indexes) out.push_back({t.name, p});
  return out;
}

// Fills a response topic list (the v0-7 and v8 shapes have the same fields).
template <class Topics>
void fill_topics(Topics& topics, const group::FetchOffsetsResult& r) {
  for (const auto& [tp, offset] : r.offsets) {
    if (topics.empty() || topics.back().name != tp.topic) topics.emplace_back().name = tp.topic;
    auto& p = topics.back().partitions.emplace_back();
    p.partition_index = tp.partition;
    p.committed_offset = offset ? offset->offset : -1;
    p.committed_leader_epoch = offset ? offset->leader_epoch : -1;
    p.metadata = offset ? offset->metadata : "";
    // Before v2 there is no top-level error: each partition carries it.
    p.error_code = group_error_code(r.error);
  }
}

}  // namespace

void handle_offset_fetch(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::OffsetFetchRequest>(body);
  if (ctx.version() < 8) {
    coordinator(ctx).fetch(request.group_id, wanted_partitions(request.topics), [ctx](group::FetchOffsetsResult r) {
      protocol::OffsetFetchResponse response;
      fill_topics(response.topics, r);
      response.error_code = group_error_code(r.error);
      ctx.respond(response);
    });
    return;
  }
  // v8 asks for several groups: the answer goes out when the last one is read.
  if (request.groups.empty()) return ctx.respond(protocol::OffsetFetchResponse{});
  auto pending = std::make_shared<PendingResponse<protocol::OffsetFetchResponse>>(ctx);
  pending->expect_parts(request.groups.size());
  pending->response().groups.resize(request.groups.size());
  for (size_t i = 0; i < request.groups.size(); ++i) {
    const auto& g = request.groups[i];
    pending->response().groups[i].group_id = g.group_id;
    coordinator(ctx).fetch(g.group_id, wanted_partitions(g.topics), [pending, i](group::FetchOffsetsResult r) {
      pending->complete_part([&](protocol::OffsetFetchResponse& response) {
        auto& out = response.groups[i];
        fill_topics(out.topics, r);
        out.error_code = group_error_code(r.error);
      });
    });
  }
}

}  // namespace tributary::broker
