#include "sql/exec/sink_operator.h"

namespace tributary::sql {

int32_t partition_for_key(std::string_view key, int32_t partitions) {
  if (partitions <= 1) return 0;
  // murmur2 with Kafka's seed, as the Java client computes it.
  const uint32_t seed = 0x9747b28c;
  const uint32_t m = 0x5bd1e995;
  const int r = 24;
  uint32_t length = static_cast<uint32_t>(key.size());
  uint32_t h = seed ^ length;
  uint32_t length4 = length / 4;
  auto byte = [&](std::size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(key[i])); };
  for (uint32_t i = 0; i < length4; i++) {
    uint32_t i4 = i * 4;
    uint32_t k = byte(i4) | (byte(i4 + 1) << 8) | (byte(i4 + 2) << 16) | (byte(i4 + 3) << 24);
    k *= m;
    k ^= k >> r;
    k *= m;
    h *= m;
    h ^= k;
  }
  switch (length % 4) {
    case 3: h ^= byte((length & ~3u) + 2) << 16; [[fallthrough]];
    case 2: h ^= byte((length & ~3u) + 1) << 8; [[fallthrough]];
    case 1:
      h ^= byte(length & ~3u);
      h *= m;
  }
  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return static_cast<int32_t>((h & 0x7fffffff) % static_cast<uint32_t>(partitions));
}

Result<std::unique_ptr<SinkOperator>> SinkOperator::make(const DataSource& sink, const Layout& layout,
                                                         int32_t partitions) {
  std::unique_ptr<SinkOperator> op(new SinkOperator());
  op->topic_ = sink.topic;
  op->window_ = sink.window;
  op->partitions_ = partitions;
  std::vector<Column> key_columns, value_columns;
  for (std::size_t i = 0; i < layout.size(); ++i) {
    Column c{layout[i].name, layout[i].type, layout[i].key ? Column::Role::key : Column::Role::value, ""};
    if (layout[i].key) {
      op->key_indexes_.push_back(i);
      key_columns.push_back(c);
    } else {
      op->value_indexes_.push_back(i);
      value_columns.push_back(c);
    }
    if (!sink.timestamp_column.empty() && layout[i].name == sink.timestamp_column) {
      op->timestamp_index_ = i;
      op->timestamp_.emplace(sink.timestamp_column, layout[i].type, sink.timestamp_format);
    }
  }
  auto key_serde = make_serde(sink.key_format, key_columns, sink.key_options);
  if (!key_serde.ok()) return key_serde.status();
  op->key_serde_ = std::move(*key_serde);
  auto value_serde = make_serde(sink.value_format, value_columns, sink.value_options);
  if (!value_serde.ok()) return value_serde.status();
  op->value_serde_ = std::move(*value_serde);
  return op;
}

void SinkOperator::process(const Row& row, QueryContext& ctx) const {
  KafkaRecord record;
  record.topic = topic_;
  record.timestamp = row.timestamp;
  if (!key_indexes_.empty()) {
    std::vector<Value>& keys = key_scratch_;
    keys.clear();
    for (auto i : key_indexes_) keys.push_back(row.cols[i]);
    auto bytes = row.null_key ? Result<std::optional<std::string>>(std::optional<std::string>())
                              : key_serde_->serialize(keys);
    if (!bytes.ok()) {
      ctx.log_error("Error serializing key for topic " + topic_ + ": " + bytes.status().message(), nullptr);
      return;
    }
    record.key = std::move(*bytes);
    if (record.key && window_ && row.window) record.key = append_window(std::move(*record.key), *row.window);
  }
  if (!row.deleted) {
    std::vector<Value>& values = value_scratch_;
    values.clear();
    for (auto i : value_indexes_) values.push_back(row.cols[i]);
    auto bytes = value_serde_->serialize(values);
    if (!bytes.ok()) {
      ctx.log_error("Error serializing value for topic " + topic_ + ": " + bytes.status().message(), nullptr);
      return;
    }
    record.value = std::move(*bytes);
  }
  if (timestamp_index_ && !row.deleted) {
    // Records whose timestamp column is unusable are dropped, as ksqlDB's sink does.
    auto ts = timestamp_->extract(row.cols[*timestamp_index_]);
    if (!ts.ok() || *ts < 0) {
      ctx.log_error("Invalid timestamp for sink " + topic_ + ": " + (ts.ok() ? std::to_string(*ts) : ts.status().message()),
                    nullptr);
      return;
    }
    record.timestamp = *ts;
  }
  record.partition = record.key ? partition_for_key(*record.key, partitions_) : row.partition % std::max(partitions_, 1);
  ctx.produce(std::move(record));
}

}  // namespace tributary::sql
