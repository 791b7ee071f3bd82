#include "broker/kafka_errors.h"

namespace tributary::broker {

KafkaError to_kafka_error(const Status& status) {
  switch (status.code()) {
    case Errc::ok: return KafkaError::none;
    case Errc::corrupt: return KafkaError::corrupt_message;
    case Errc::too_large: return KafkaError::message_too_large;
    case Errc::out_of_range: return KafkaError::offset_out_of_range;
    case Errc::not_found: return KafkaError::unknown_topic_or_partition;
    case Errc::unsupported: return KafkaError::unsupported_for_message_format;
    case Errc::invalid_argument: return KafkaError::invalid_request;
    case Errc::already_exists: return KafkaError::topic_already_exists;
    case Errc::timed_out: return KafkaError::request_timed_out;
    case Errc::io_error: return KafkaError::kafka_storage_error;
    case Errc::out_of_order_sequence: return KafkaError::out_of_order_sequence_number;
    case Errc::invalid_producer_epoch: return KafkaError::invalid_producer_epoch;
    case Errc::unknown_producer_id: return KafkaError::unknown_producer_id;
  }
  return KafkaError::unknown_server_error;
}

}  // namespace tributary::broker
