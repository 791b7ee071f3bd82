// The DELIMITED format: one CSV record (RFC 4180 quoting with "", minimal quoting on write),
// primitives only; an empty field reads as NULL.
#include <charconv>

#include "sql/serde/json_scalar.h"
#include "common/text_encoding.h"
#include "sql/serde/json_text.h"
#include "sql/serde/serde_internal.h"

namespace tributary::sql {
namespace {

Status delimited_error(const std::string& what) {
  return Status::error(Errc::invalid_argument, "Error deserializing delimited: " + what);
}

// Splits the first record into fields; nullopt fields never occur (empty stays empty).
Result<std::vector<std::string>> split_record(std::string_view text, char delimiter) {
  std::vector<std::string> fields;
  std::size_t i = 0;
  while (true) {
    std::string field;
    if (i < text.size() && text[i] == '"') {
      ++i;
      while (true) {
        if (i >= text.size()) return delimited_error("EOF reached before encapsulated token finished");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') { field += '"'; i += 2; continue; }
          ++i;
          break;
        }
        field += text[i++];
      }
      if (i < text.size() && text[i] != delimiter && text[i] != '\r' && text[i] != '\n') {
        return delimited_error("invalid char between encapsulated token and delimiter");
      }
    } else {
      std::size_t start = i;
      while (i < text.size() && text[i] != delimiter && text[i] != '\r' && text[i] != '\n') ++i;
      field.assign(text.substr(start, i - start));
    }
    fields.push_back(std::move(field));
    if (i < text.size() && text[i] == delimiter) { ++i; continue; }
    break;  // end of text or of the first record
  }
  return fields;
}

bool needs_quotes(std::string_view s, char delimiter, bool first) {
  if (s.empty()) return first;  // an empty first field alone would read as no record
  unsigned char c = static_cast<unsigned char>(s[0]);
  // Commons CSV's minimal quoting, as ksqlDB's output shows it ("-10" alone is written quoted):
  // the record's first field unless it starts alphanumeric, any field starting at or below '#'.
  bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  if (first && !alnum) return true;
  if (c <= '#') return true;
  for (char ch : s) {
    if (ch == '\n' || ch == '\r' || ch == '"' || ch == delimiter) return true;
  }
  return static_cast<unsigned char>(s.back()) <= ' ';
}

void append_field(std::string& out, std::string_view s, char delimiter, bool first) {
  if (!needs_quotes(s, delimiter, first)) { out += s; return; }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string field_text(const Value& v, const SqlType& type) {
  char buf[32];
  auto int_text = [&](int64_t i) { auto r = std::to_chars(buf, buf + sizeof(buf), i); return std::string(buf, r.ptr); };
  if (v.is<bool>()) return v.as<bool>() ? "true" : "false";
  if (v.is<int32_t>()) return int_text(v.as<int32_t>());
  if (v.is<int64_t>()) return int_text(v.as<int64_t>());
  if (v.is<double>()) return java_double_string(v.as<double>());
  if (v.is<Decimal>()) {
    const Decimal& d = v.as<Decimal>();
    return decimal_to_string(type.kind == TypeKind::decimal && d.scale != type.scale ? decimal_rescale(d, type.scale) : d);
  }
  if (v.is<std::string>()) return v.as<std::string>();
  if (v.is<Bytes>()) return base64_encode(v.as<Bytes>().data);
  if (v.is<Timestamp>()) return int_text(v.as<Timestamp>().millis);
  if (v.is<Date>()) return int_text(v.as<Date>().days);
  if (v.is<Time>()) return int_text(v.as<Time>().millis);
  return {};
}

class DelimitedSerde final : public Serde {
 public:
  DelimitedSerde(const std::vector<Column>& columns, char delimiter) : columns_(columns), delimiter_(delimiter) {}

  Result<std::optional<std::string>> serialize(const std::vector<Value>& values) const override {
    if (columns_.empty()) return std::optional<std::string>();
    if (values.size() != columns_.size()) {
      return Status::error(Errc::invalid_argument,
                           "Column count mismatch on serialization. expected: " + std::to_string(columns_.size()) +
                               ", got: " + std::to_string(values.size()));
    }
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) out += delimiter_;
      if (values[i].is_null()) continue;  // NULL prints as nothing
      append_field(out, field_text(values[i], columns_[i].type), delimiter_, i == 0);
    }
    return std::optional<std::string>(std::move(out));
  }

  Result<std::vector<Value>> deserialize(std::optional<std::string_view> bytes) const override {
    std::vector<Value> row(columns_.size());
    if (!bytes || columns_.empty()) return row;
    auto fields = split_record(*bytes, delimiter_);
    if (!fields.ok()) return fields.status();
    if (fields->size() != columns_.size()) {
      return Status::error(Errc::invalid_argument,
                           "Column count mismatch on deserialization. expected: " + std::to_string(columns_.size()) +
                               ", got: " + std::to_string(fields->size()));
    }
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      const std::string& text = (*fields)[i];
      if (text.empty()) continue;
      const SqlType& type = columns_[i].type;
      if (type.kind == TypeKind::boolean) {
        // Java's Boolean.parseBoolean: anything but "true" (any case) is false.
        row[i] = Value(text.size() == 4 && (text[0] | 0x20) == 't' && (text[1] | 0x20) == 'r' &&
                       (text[2] | 0x20) == 'u' && (text[3] | 0x20) == 'e');
        continue;
      }
      json_detail::CoerceError err;
      if (!json_detail::coerce_text(text, type, row[i], err)) {
        if (err.message.empty()) err.message = "unsupported type " + type_to_string(type);
        return delimited_error("Can't parse '" + text + "' as " + type_to_string(type) + " (" + err.message +
                               "), column: `" + columns_[i].name + "`");
      }
    }
    return row;
  }

 private:
  std::vector<Column> columns_;
  char delimiter_;
};

}  // namespace

std::unique_ptr<Serde> make_delimited_serde(const std::vector<Column>& columns, const SerdeOptions& options) {
  return std::make_unique<DelimitedSerde>(columns, options.delimiter);
}

}  // namespace tributary::sql
