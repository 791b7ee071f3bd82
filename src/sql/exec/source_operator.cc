#include "sql/exec/source_operator.h"

#include "sql/state/value_codec.h"

namespace tributary::sql {

Result<std::unique_ptr<SourceOperator>> SourceOperator::make(const PlanNode& node, const Operator* next,
                                                             std::unique_ptr<StateStore> store) {
  std::unique_ptr<SourceOperator> op(new SourceOperator());
  op->source_ = node.source.source;
  op->next_ = next;
  op->store_ = std::move(store);
  for (const auto& c : op->source_.schema.columns) {
    if (c.role == Column::Role::key) {
      op->key_columns_.push_back(c);
    } else {
      if (c.role == Column::Role::value) op->value_columns_.push_back(c);
      op->other_columns_.push_back(c);
    }
  }
  auto key_serde = make_serde(op->source_.key_format, op->key_columns_, op->source_.key_options);
  if (!key_serde.ok()) return key_serde.status();
  op->key_serde_ = std::move(*key_serde);
  op->values_.resize(op->value_columns_.size());
  auto value_serde = make_serde(op->source_.value_format, op->value_columns_, op->source_.value_options);
  if (!value_serde.ok()) return value_serde.status();
  op->value_serde_ = std::move(*value_serde);

  if (!op->source_.timestamp_column.empty()) {
    for (std::size_t i = 0; i < op->other_columns_.size(); ++i) {
      if (op->other_columns_[i].name == op->source_.timestamp_column) op->timestamp_index_ = i;
    }
    for (std::size_t i = 0; i < op->key_columns_.size(); ++i) {
      if (op->key_columns_[i].name == op->source_.timestamp_column) op->timestamp_key_index_ = i;
    }
    if (!op->timestamp_index_ && !op->timestamp_key_index_) {
      return Status::error(Errc::invalid_argument,
                           "The TIMESTAMP column set in the WITH clause does not exist in the schema: '" +
                               op->source_.timestamp_column + "'");
    }
    SqlType type = op->timestamp_index_ ? op->other_columns_[*op->timestamp_index_].type
                                        : op->key_columns_[*op->timestamp_key_index_].type;
    op->timestamp_.emplace(op->source_.timestamp_column, type, op->source_.timestamp_format);
  }
  return op;
}

namespace {

Value headers_value(const std::vector<Header>& headers) {
  Array items;
  for (const auto& h : headers) {
    StructFields f{Value(h.key), h.value ? Value(Bytes{*h.value}) : Value()};
    items.push_back(Value::struct_(std::move(f)));
  }
  return Value::array(std::move(items));
}

Value header_value(const std::vector<Header>& headers, const std::string& key) {
  for (auto it = headers.rbegin(); it != headers.rend(); ++it) {
    if (it->key == key) return it->value ? Value(Bytes{*it->value}) : Value();
  }
  return Value();
}

}  // namespace

void SourceOperator::process_record(const KafkaRecord& record, QueryContext& ctx) const {
  // The row is reused from record to record (a query's operators run on one thread at a time), so
  // its buffers are allocated once; every field is set below.
  Row& row = row_;
  row.partition = record.partition;
  row.offset = record.offset;
  row.headers = record.headers;
  row.window.reset();
  row.old.reset();

  std::optional<std::string_view> key_bytes;
  std::string inner_key;
  if (record.key) key_bytes = *record.key;
  if (source_.window && record.key) {
    auto split = split_window(*record.key, source_.window->type, source_.window->size_ms);
    if (!split.ok()) {
      ctx.log_error("Failed to deserialize key from topic: " + source_.topic + ". " + split.status().message(), &record);
      return;
    }
    inner_key = std::move(split->first);
    key_bytes = inner_key;
    row.window = split->second;
  }
  if (key_columns_.empty()) key_bytes.reset();
  // Key columns, then the non-key columns in schema order (values and headers), decoded straight
  // into the row when its non-key columns are all value columns (no headers between them).
  std::vector<Value>& cols = row.cols;
  const std::size_t nkeys = key_columns_.size();
  cols.clear();
  cols.resize(nkeys + other_columns_.size());
  if (Status s = key_serde_->deserialize_to(key_bytes, std::span<Value>(cols.data(), nkeys)); !s.ok()) {
    ctx.log_error("Failed to deserialize key from topic: " + source_.topic + ". " + s.message(), &record);
    return;
  }
  if (source_.is_table && !key_columns_.empty() && !record.key) return;  // tables ignore null keys

  std::optional<std::string_view> value_bytes;
  if (record.value) value_bytes = *record.value;
  bool null_value = !record.value.has_value();  // a tombstone: its value columns are all NULL
  const bool values_only = value_columns_.size() == other_columns_.size();
  std::span<Value> values = values_only ? std::span<Value>(cols.data() + nkeys, other_columns_.size())
                                        : std::span<Value>(values_.data(), values_.size());
  if (!null_value) {
    if (Status s = value_serde_->deserialize_to(value_bytes, values); !s.ok()) {
      ctx.log_error("Failed to deserialize value from topic: " + source_.topic + ". " + s.message(), &record);
      return;
    }
  } else if (!values_only) {
    std::fill(values.begin(), values.end(), Value());
  }
  if (!values_only) {
    std::size_t vi = 0;
    for (std::size_t i = 0; i < other_columns_.size(); ++i) {
      const Column& c = other_columns_[i];
      Value& col = cols[nkeys + i];
      if (c.role == Column::Role::value) {
        col = std::move(values[vi++]);
      } else if (c.role == Column::Role::headers) {
        col = headers_value(record.headers);
      } else {
        col = header_value(record.headers, c.header_key);
      }
    }
  }
  const std::size_t others_at = nkeys;

  if (null_value) {
    row.timestamp = record.timestamp;
  } else {
    Result<int64_t> ts = record.timestamp;
    if (timestamp_) ts = timestamp_->extract(timestamp_index_ ? cols[others_at + *timestamp_index_] : cols[*timestamp_key_index_]);
    if (!ts.ok() || *ts < 0) {
      bool throw_on_invalid = false;
      auto it = ctx.properties().find("ksql.timestamp.throw.on.invalid");
      if (it != ctx.properties().end() && (it->second == "true" || it->second == "TRUE")) throw_on_invalid = true;
      std::string why = ts.ok() ? "negative timestamp" : ts.status().message();
      ctx.log_error((throw_on_invalid ? "Fatal user code error in TimestampExtractor callback for record: " : "Invalid timestamp: ") + why, &record);
      return;
    }
    row.timestamp = *ts;
  }

  cols.push_back(Value(row.timestamp));
  cols.push_back(Value(row.partition));
  cols.push_back(Value(row.offset));
  if (source_.window) {
    cols.push_back(Value(row.window ? row.window->start : int64_t{0}));
    cols.push_back(Value(row.window ? row.window->end : int64_t{0}));
  }
  row.deleted = null_value;
  row.null_key = !record.key.has_value();

  if (source_.is_table && store_) {
    std::string store_key = encode_values(std::span<const Value>(row.cols.data(), key_columns_.size()), {});
    if (row.window) {
      append_ordered_i64(store_key, row.window->start);
      append_ordered_i64(store_key, row.window->end);
    }
    if (auto previous = store_->get(store_key)) {
      auto decoded = decode_values(*previous);
      if (decoded.ok()) row.old = std::move(*decoded);
    }
    if (row.deleted) {
      store_->remove(store_key);
    } else {
      store_->put(store_key, encode_values(row.cols));
    }
  }
  if (next_) next_->process(row, ctx);
}

std::optional<std::vector<Value>> SourceOperator::lookup(const std::vector<Value>& key) const {
  if (!store_) return std::nullopt;
  auto found = store_->get(encode_values(key));
  if (!found) return std::nullopt;
  auto decoded = decode_values(*found);
  if (!decoded.ok()) return std::nullopt;
  return std::move(*decoded);
}

}  // namespace tributary::sql
