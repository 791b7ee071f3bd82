#include "client/consumer.h"

#include <fmt/format.h>

namespace tributary::client {
namespace {

std::vector<TopicPartition> to_vector(const rd_kafka_topic_partition_list_t* parts) {
  std::vector<TopicPartition> out;
  for (int i = 0; i < parts->cnt; ++i) out.emplace_back(parts->elems[i].topic, parts->elems[i].partition);
  return out;
}

}  // namespace

int64_t RecordView::timestamp_ms(TimestampType* type) const {
  rd_kafka_timestamp_type_t t;
  int64_t ts = rd_kafka_message_timestamp(m_, &t);
  if (type) {
    *type = t == RD_KAFKA_TIMESTAMP_CREATE_TIME       ? TimestampType::create_time
            : t == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME ? TimestampType::log_append_time
                                                      : TimestampType::none;
  }
  return ts;
}

ConsumedRecord to_consumed_record(const RecordView& view) {
  ConsumedRecord r;
  r.topic = view.topic();
  r.partition = view.partition();
  r.offset = view.offset();
  r.timestamp_ms = view.timestamp_ms(&r.timestamp_type);
  if (auto key = view.key()) r.key.emplace(*key);
  if (auto value = view.value()) r.value.emplace(*value);
  view.for_each_header([&](std::string_view name, std::optional<std::string_view> value) {
    r.headers.emplace_back(std::string(name), value ? std::optional<std::string>(std::string(*value)) : std::nullopt);
  });
  return r;
}

ConsumedRecord to_consumed_record(const rd_kafka_message_t* m) { return to_consumed_record(RecordView(m)); }

Result<std::unique_ptr<GroupConsumer>> GroupConsumer::create(const std::string& bootstrap_servers,
                                                             const std::string& group_id, const Properties& extra) {
  Properties props = extra;
  props["group.id"] = group_id;
  props.emplace("enable.auto.commit", "false");
  props.emplace("auto.offset.reset", "earliest");
  props.emplace("enable.partition.eof", "false");
  std::unique_ptr<GroupConsumer> consumer(new GroupConsumer(nullptr));
  auto handle = KafkaHandle::create(bootstrap_servers, props, RD_KAFKA_CONSUMER, [&](rd_kafka_conf_t* conf) {
    rd_kafka_conf_set_opaque(conf, consumer.get());
    rd_kafka_conf_set_rebalance_cb(conf, &GroupConsumer::on_rebalance);
  });
  if (!handle.ok()) return handle.status();
  consumer->handle_ = std::move(*handle);
  rd_kafka_poll_set_consumer(consumer->handle_->get());
  return consumer;
}

GroupConsumer::~GroupConsumer() { close(); }

void GroupConsumer::close() {
  if (closed_ || !handle_) return;
  closed_ = true;
  rd_kafka_consumer_close(handle_->get());
}

void GroupConsumer::on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts,
                                 void* opaque) {
  auto* self = static_cast<GroupConsumer*>(opaque);
  bool cooperative = std::string_view(rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE";
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS && self->on_assign_instead_ && !cooperative) {
    (void)assign_partitions(rk, self->on_assign_instead_(to_vector(parts)));
  } else if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    if (self->on_assign_) {
      auto starts = self->on_assign_(to_vector(parts));
      for (int i = 0; i < parts->cnt; ++i) {
        auto it = starts.find({parts->elems[i].topic, parts->elems[i].partition});
        if (it != starts.end()) parts->elems[i].offset = it->second;
      }
    }
    if (cooperative) {
      rd_kafka_error_t* e = rd_kafka_incremental_assign(rk, parts);
      if (e) rd_kafka_error_destroy(e);
    } else {
      rd_kafka_assign(rk, parts);
    }
  } else {
    if (self->on_revoke_) self->on_revoke_(to_vector(parts));
    if (cooperative) {
      rd_kafka_error_t* e = rd_kafka_incremental_unassign(rk, parts);
      if (e) rd_kafka_error_destroy(e);
    } else {
      rd_kafka_assign(rk, nullptr);
    }
  }
}

Status assign_partitions(rd_kafka_t* consumer, const std::map<TopicPartition, int64_t>& start_offsets) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(start_offsets.size()));
  for (const auto& [tp, offset] : start_offsets)
    rd_kafka_topic_partition_list_add(list, tp.first.c_str(), tp.second)->offset = offset;
  rd_kafka_resp_err_t err = rd_kafka_assign(consumer, list);
  rd_kafka_topic_partition_list_destroy(list);
  return kafka_status(err, "assign");
}

Status GroupConsumer::assign(const std::map<TopicPartition, int64_t>& partitions) {
  return assign_partitions(handle_->get(), partitions);
}

Status GroupConsumer::subscribe(const std::vector<std::string>& topics) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(topics.size()));
  for (const auto& t : topics) rd_kafka_topic_partition_list_add(list, t.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_resp_err_t err = rd_kafka_subscribe(handle_->get(), list);
  rd_kafka_topic_partition_list_destroy(list);
  return kafka_status(err, "subscribe");
}

Result<std::size_t> poll_each(rd_kafka_t* consumer, int timeout_ms, std::size_t max_records,
                              const std::function<void(const RecordView&)>& f) {
  std::size_t seen = 0;
  int wait = timeout_ms;
  while (seen < max_records) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer, wait);
    if (!m) break;
    wait = 0;  // after the first record, take only what is already fetched
    if (m->err) {
      rd_kafka_resp_err_t err = m->err;
      std::string text = rd_kafka_message_errstr(m);
      rd_kafka_message_destroy(m);
      if (err == RD_KAFKA_RESP_ERR__FATAL) return Status::error(Errc::io_error, "consumer: " + text);
      continue;
    }
    ++seen;
    f(RecordView(m));
    rd_kafka_message_destroy(m);
  }
  return seen;
}

Result<std::vector<ConsumedRecord>> poll_records(rd_kafka_t* consumer, int timeout_ms, std::size_t max_records) {
  std::vector<ConsumedRecord> out;
  auto seen = poll_each(consumer, timeout_ms, max_records,
                        [&](const RecordView& r) { out.push_back(to_consumed_record(r)); });
  if (!seen.ok()) return seen.status();
  return out;
}

Result<std::vector<ConsumedRecord>> GroupConsumer::poll(int timeout_ms, std::size_t max_records) {
  return poll_records(handle_->get(), timeout_ms, max_records);
}

Result<std::size_t> GroupConsumer::poll_each(int timeout_ms, std::size_t max_records,
                                             const std::function<void(const RecordView&)>& f) {
  return client::poll_each(handle_->get(), timeout_ms, max_records, f);
}

Status GroupConsumer::commit(const std::map<TopicPartition, int64_t>& next_offsets) {
  if (next_offsets.empty()) return Status();
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(next_offsets.size()));
  for (const auto& [tp, offset] : next_offsets)
    rd_kafka_topic_partition_list_add(list, tp.first.c_str(), tp.second)->offset = offset;
  rd_kafka_resp_err_t err = rd_kafka_commit(handle_->get(), list, 0);
  rd_kafka_topic_partition_list_destroy(list);
  return kafka_status(err, "commit offsets");
}

}  // namespace tributary::client
