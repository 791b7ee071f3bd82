#include "client/browsed_record.h"

namespace tributary::client {

Result<std::vector<BrowsedRecord>> poll_browsed(PartitionReader& reader, int timeout_ms, std::size_t max_records) {
  std::vector<BrowsedRecord> out;
  int wait = timeout_ms;
  while (out.size() < max_records) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(reader.handle(), wait);
    if (!m) break;
    wait = 0;  // after the first record, take only what is already fetched
    if (m->err) {
      rd_kafka_resp_err_t err = m->err;
      std::string text = rd_kafka_message_errstr(m);
      rd_kafka_message_destroy(m);
      if (err == RD_KAFKA_RESP_ERR__FATAL) return Status::error(Errc::io_error, "consumer: " + text);
      continue;
    }
    BrowsedRecord r;
    static_cast<ConsumedRecord&>(r) = to_consumed_record(m);
    rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
    rd_kafka_message_timestamp(m, &type);
    r.timestamp_type = type == RD_KAFKA_TIMESTAMP_CREATE_TIME       ? "create"
                       : type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME ? "log_append"
                                                                    : "none";
    out.push_back(std::move(r));
    rd_kafka_message_destroy(m);
  }
  return out;
}

}  // namespace tributary::client
