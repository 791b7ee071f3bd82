#include "broker/handlers/handler_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_list_offsets(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::ListOffsetsRequest>(body);
  protocol::ListOffsetsResponse response;
  for_each_partition(ctx, request.topics, response.topics, [](Partition& partition, const auto& wanted, auto& r) {
    storage::PartitionLog& log = partition.log();
    r.leader_epoch = 0;
    switch (wanted.timestamp) {
      case kLatestTimestamp: r.offset = log.log_end_offset(); break;
      case kEarliestTimestamp: r.offset = log.log_start_offset(); break;
      case kMaxTimestamp: r.offset = log.max_timestamp_offset(); break;
      default: {
        auto found = log.offset_for_timestamp(wanted.timestamp);
        if (!found.ok()) {
          r.error_code = code(to_kafka_error(found.status()));
          break;
        }
        r.offset = found->offset;
        r.timestamp = found->timestamp;
      }
    }
  });
  ctx.respond(response);
}

}  // namespace tributary::broker
