#include "broker/handlers/handler_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_delete_records(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::DeleteRecordsRequest>(body);
  protocol::DeleteRecordsResponse response;
  for_each_partition(ctx, request.topics, response.topics, [](Partition& partition, const auto& wanted, auto& r) {
    storage::PartitionLog& log = partition.log();
    // -1 means "up to the high watermark".
    int64_t offset = wanted.offset == -1 ? log.log_end_offset() : wanted.offset;
    if (offset < 0 || offset > log.log_end_offset()) {
      r.error_code = code(KafkaError::offset_out_of_range);
      return;
    }
    Status s = log.delete_records_before(offset);
    if (!s.ok()) {
      r.error_code = code(to_kafka_error(s));
      return;
    }
    r.low_watermark = log.log_start_offset();
  });
  ctx.respond(response);
}

}  // namespace tributary::broker
