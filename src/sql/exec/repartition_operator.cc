#include "sql/exec/repartition_operator.h"

#include <chrono>

#include "sql/exec/sink_operator.h"
#include "sql/state/value_codec.h"

namespace tributary::sql {
namespace {

// Record value: source partition, source offset and row time (8 bytes each), then the row.
constexpr std::size_t kHeaderBytes = 24;

// Per repartition partition and source partition: the rows of one source partition arrive in
// order within one repartition partition, not across them (a query run whole reads them all).
std::string applied_key(int32_t partition, int32_t source_partition) {
  std::string key;
  append_ordered_i64(key, partition);
  append_ordered_i64(key, source_partition);
  return key;
}

}  // namespace

Result<std::unique_ptr<RepartitionOperator>> RepartitionOperator::make(const PlanNode& node) {
  std::unique_ptr<RepartitionOperator> op(new RepartitionOperator(node));
  const RepartitionStep& step = node.repartition;
  if (step.key_format) {
    std::vector<Column> key_columns;
    for (std::size_t i = 0; i < step.key_exprs.size(); ++i) {
      key_columns.push_back({"K" + std::to_string(i), step.key_exprs[i]->type(), Column::Role::key, ""});
    }
    auto serde = make_serde(*step.key_format, key_columns, step.key_options);
    if (!serde.ok()) return serde.status();
    op->key_serde_ = std::move(*serde);
  }
  return op;
}

void RepartitionOperator::process(const Row& row, QueryContext& ctx) const {
  if (row.deleted) return;  // stream rows only
  EvalErrors errors;
  std::vector<Value> key_values;
  key_values.reserve(step_.key_exprs.size());
  for (const auto& e : step_.key_exprs) {
    key_values.push_back(e->eval(row.cols, errors));
    if (key_values.back().is_null()) {
      report_eval_errors(errors, ctx, key_serde_ ? "JOIN" : "GROUP BY");
      return;  // the aggregation or join would skip it (ksqlDB skips records whose key is NULL)
    }
  }
  std::string key;
  if (key_serde_) {
    auto bytes = key_serde_->serialize(key_values);
    if (!bytes.ok() || !*bytes) {
      ctx.log_error("Error serializing key for topic " + step_.topic + ": " +
                        (bytes.ok() ? std::string("NULL") : bytes.status().message()),
                    nullptr);
      return;
    }
    key = std::move(**bytes);
  } else {
    key = encode_values(key_values);
  }
  std::string value;
  append_i64(value, row.partition);
  append_i64(value, row.offset);
  append_i64(value, row.timestamp);
  append_encoded_values(value, row.cols);
  KafkaRecord out;
  out.topic = step_.topic;
  out.partition = partition_for_key(key, step_.partitions);
  // Wall-clock time: retention must not delete rows of old events before they are read back (the
  // event time travels in the value).
  out.timestamp = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count();
  out.key = std::move(key);
  out.value = std::move(value);
  ctx.produce(std::move(out));
}

void RepartitionSource::process_record(const KafkaRecord& record, QueryContext& ctx) const {
  if (!record.value || record.value->size() < kHeaderBytes) {
    ctx.log_error("Malformed repartition record", &record);
    return;
  }
  std::string_view value = *record.value;
  auto source_partition = static_cast<int32_t>(read_i64(value));
  int64_t source_offset = read_i64(value.substr(8));
  std::string key = applied_key(record.partition, source_partition);
  if (auto expected = store_->get(key); expected && expected->size() == 8 && source_offset < read_i64(*expected)) {
    return;  // written again after a crash: applied already
  }
  auto cols = decode_values(value.substr(kHeaderBytes));
  if (!cols.ok()) {
    ctx.log_error("Malformed repartition record: " + cols.status().message(), &record);
    return;
  }
  std::string next;
  append_i64(next, source_offset + 1);
  store_->put(key, next);
  row_.cols = std::move(*cols);
  row_.timestamp = read_i64(value.substr(16));
  row_.partition = source_partition;
  row_.offset = source_offset;
  row_.window.reset();
  row_.headers.clear();
  row_.deleted = false;
  row_.null_key = false;
  row_.old.reset();
  next_->process(row_, ctx);
}

}  // namespace tributary::sql
