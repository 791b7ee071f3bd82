// The KAFKA format: one primitive column in Kafka's own serializer encodings (big-endian
// INT/BIGINT/DOUBLE, UTF-8 STRING, raw BYTES); no columns means no bytes.
#include <bit>
#include <cstring>

#include "sql/serde/serde_internal.h"

namespace tributary::sql {
namespace {

template <class T>
void append_be(std::string& out, T v) {
  for (int shift = (sizeof(T) - 1) * 8; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

template <class T>
T read_be(std::string_view b) {
  T v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) v = static_cast<T>((v << 8) | static_cast<uint8_t>(b[i]));
  return v;
}

Status wrong_size(const char* deserializer, int size) {
  return Status::error(Errc::invalid_argument, std::string("Size of data received by ") + deserializer +
                                                   " is not " + std::to_string(size));
}

int64_t as_int64(const Value& v) {
  if (v.is<int32_t>()) return v.as<int32_t>();
  if (v.is<int64_t>()) return v.as<int64_t>();
  if (v.is<double>()) return static_cast<int64_t>(v.as<double>());
  if (v.is<Decimal>()) return static_cast<int64_t>(decimal_rescale(v.as<Decimal>(), 0).unscaled);
  return 0;
}

double as_double(const Value& v) {
  if (v.is<double>()) return v.as<double>();
  if (v.is<Decimal>()) return decimal_to_double(v.as<Decimal>());
  return static_cast<double>(as_int64(v));
}

class KafkaSerde final : public Serde {
 public:
  explicit KafkaSerde(std::optional<Column> column) : column_(std::move(column)) {}

  Result<std::optional<std::string>> serialize(const std::vector<Value>& values) const override {
    if (!column_) return std::optional<std::string>();
    if (values.size() != 1) {
      return Status::error(Errc::invalid_argument,
                           "Column count mismatch on serialization. expected: 1, got: " + std::to_string(values.size()));
    }
    const Value& v = values[0];
    if (v.is_null()) return std::optional<std::string>();
    std::string out;
    switch (column_->type.kind) {
      case TypeKind::int_: append_be(out, static_cast<uint32_t>(static_cast<int32_t>(as_int64(v)))); break;
      case TypeKind::bigint: append_be(out, static_cast<uint64_t>(as_int64(v))); break;
      case TypeKind::double_: append_be(out, std::bit_cast<uint64_t>(as_double(v))); break;
      case TypeKind::string:
        if (!v.is<std::string>()) return Status::error(Errc::invalid_argument, "KAFKA STRING column holds a non-string value");
        out = v.as<std::string>();
        break;
      case TypeKind::bytes:
        if (!v.is<Bytes>()) return Status::error(Errc::invalid_argument, "KAFKA BYTES column holds a non-bytes value");
        out = v.as<Bytes>().data;
        break;
      default:
        return Status::error(Errc::unsupported, "The 'KAFKA' format does not support type '" +
                                                    type_to_string(column_->type) + "'");
    }
    return std::optional<std::string>(std::move(out));
  }

  Result<std::vector<Value>> deserialize(std::optional<std::string_view> bytes) const override {
    std::vector<Value> row(column_ ? 1 : 0);
    TRY_STATUS(deserialize_to(bytes, row));
    return row;
  }

  Status deserialize_to(std::optional<std::string_view> bytes, std::span<Value> row) const override {
    if (!column_ || row.empty()) return Status();
    Value& out = row[0];
    if (!bytes) {
      out = Value();
      return Status();
    }
    std::string_view b = *bytes;
    switch (column_->type.kind) {
      case TypeKind::int_:
        if (b.size() != 4) return wrong_size("IntegerDeserializer", 4);
        out = Value(static_cast<int32_t>(read_be<uint32_t>(b)));
        break;
      case TypeKind::bigint:
        if (b.size() != 8) return wrong_size("LongDeserializer", 8);
        out = Value(static_cast<int64_t>(read_be<uint64_t>(b)));
        break;
      case TypeKind::double_:
        if (b.size() != 8) return wrong_size("DoubleDeserializer", 8);
        out = Value(std::bit_cast<double>(read_be<uint64_t>(b)));
        break;
      case TypeKind::string: out = Value(std::string(b)); break;
      case TypeKind::bytes: out = Value(Bytes{std::string(b)}); break;
      default:
        return Status::error(Errc::unsupported, "The 'KAFKA' format does not support type '" +
                                                    type_to_string(column_->type) + "'");
    }
    return Status();
  }

 private:
  std::optional<Column> column_;
};

}  // namespace

std::unique_ptr<Serde> make_kafka_serde(const std::vector<Column>& columns) {
  return std::make_unique<KafkaSerde>(columns.empty() ? std::nullopt : std::optional<Column>(columns[0]));
}

}  // namespace tributary::sql
