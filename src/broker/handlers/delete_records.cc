#include "broker/handlers/handler_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {

void handle_delete_records(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::DeleteRecordsRequest>(body);
  protocol::DeleteRecordsResponse response;
  for (const auto& topic : request.topics) {
    auto& topic_response = response.topics.emplace_back();
    topic_response.name = topic.name;
    for (const auto& wanted : topic.partitions) {
      auto& r = topic_response.partitions.emplace_back();
      r.partition_index = wanted.partition_index;
      r.low_watermark = -1;
      auto partition = ctx.broker.topics().partition(topic.name, wanted.partition_index);
      if (!partition) {
        r.error_code = code(KafkaError::unknown_topic_or_partition);
        continue;
      }
      storage::PartitionLog& log = partition->log();
      // -1 means "up to the high watermark".
      int64_t offset = wanted.offset == -1 ? log.log_end_offset() : wanted.offset;
      if (offset < 0 || offset > log.log_end_offset()) {
        r.error_code = code(KafkaError::offset_out_of_range);
        continue;
      }
      Status s = log.delete_records_before(offset);
      if (!s.ok()) {
        r.error_code = code(to_kafka_error(s));
        continue;
      }
      r.low_watermark = log.log_start_offset();
    }
  }
  ctx.respond(response);
}

}  // namespace tributary::broker
