// The JSON format: simdjson parses (one reusable DOM parser per thread), the hand-rolled writer
// in json_writer.cc serializes.
#include <charconv>
#include <simdjson.h>
#include <unordered_map>

#include "sql/serde/json_coerce.h"
#include "sql/serde/json_flat_reader.h"
#include "sql/serde/json_text.h"
#include "sql/serde/json_writer.h"
#include "sql/serde/serde_internal.h"

namespace tributary::sql {
namespace {

using json_detail::JKind;

// The value of a simdjson result whose type the caller already checked (T{} on mismatch).
template <class T, class R>
T value_of(R&& result) {
  T v{};
  if (std::forward<R>(result).get(v) != simdjson::SUCCESS) return T{};
  return v;
}

class DomNode {
 public:
  explicit DomNode(simdjson::dom::element e) : e_(e) {}
  JKind kind() const {
    switch (e_.type()) {
      case simdjson::dom::element_type::BOOL: return JKind::boolean;
      case simdjson::dom::element_type::INT64:
      case simdjson::dom::element_type::UINT64: return JKind::integer;
      case simdjson::dom::element_type::DOUBLE: return JKind::floating;
      case simdjson::dom::element_type::STRING: return JKind::string;
      case simdjson::dom::element_type::ARRAY: return JKind::array;
      case simdjson::dom::element_type::OBJECT: return JKind::object;
      default: return JKind::null;
    }
  }
  bool boolean() const { return value_of<bool>(e_.get_bool()); }
  bool big_integer() const { return e_.type() == simdjson::dom::element_type::UINT64; }
  int64_t int64() const {
    if (e_.type() == simdjson::dom::element_type::UINT64) {
      return static_cast<int64_t>(value_of<uint64_t>(e_.get_uint64()));
    }
    return value_of<int64_t>(e_.get_int64());
  }
  double number() const {
    switch (e_.type()) {
      case simdjson::dom::element_type::INT64: return static_cast<double>(int64());
      case simdjson::dom::element_type::UINT64: return static_cast<double>(value_of<uint64_t>(e_.get_uint64()));
      default: return value_of<double>(e_.get_double());
    }
  }
  std::string number_text() const {
    char buf[64];
    std::to_chars_result res;
    switch (e_.type()) {
      case simdjson::dom::element_type::INT64: res = std::to_chars(buf, buf + sizeof(buf), int64()); break;
      case simdjson::dom::element_type::UINT64: {
        res = std::to_chars(buf, buf + sizeof(buf), value_of<uint64_t>(e_.get_uint64()));
        break;
      }
      default: return json_detail::float_text(number());
    }
    return std::string(buf, res.ptr);
  }
  std::string_view string() const { return value_of<std::string_view>(e_.get_string()); }
  template <class F> void for_each_element(F&& f) const {
    simdjson::dom::array arr;
    if (e_.get_array().get(arr)) return;
    for (simdjson::dom::element child : arr) if (!f(DomNode(child))) return;
  }
  template <class F> void for_each_field(F&& f) const {
    simdjson::dom::object obj;
    if (e_.get_object().get(obj)) return;
    for (simdjson::dom::key_value_pair field : obj) {
      if (!f(field.key, DomNode(field.value))) return;
    }
  }
  std::string compact_text() const { return simdjson::to_string(e_); }

 private:
  simdjson::dom::element e_;
};

simdjson::dom::parser& thread_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

bool blank(std::string_view s) {
  for (char c : s) if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  return true;
}

// Column lookup by hash for wide rows (same contract as json_detail::LinearMatcher).
class HashedMatcher {
 public:
  void add(std::string_view name, std::size_t index) { names_.emplace(std::string(name), index); }
  std::size_t match(std::string_view key, bool& exact, std::string& scratch) const {
    if (auto it = names_.find(key); it != names_.end()) { exact = true; return it->second; }
    exact = false;
    json_detail::to_upper(key, scratch);
    if (auto it = names_.find(std::string_view(scratch)); it != names_.end()) return it->second;
    return SIZE_MAX;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> names_;
};

constexpr std::size_t kHashedColumns = 8;

class JsonSerde final : public Serde {
 public:
  JsonSerde(const std::vector<Column>& columns, bool unwrapped)
      : columns_(columns), unwrapped_(unwrapped), flat_(columns) {
    for (std::size_t i = 0; i < columns_.size(); ++i) hashed_.add(columns_[i].name, i);
    std::vector<std::pair<std::string, SqlType>> fields;
    for (const Column& c : columns_) fields.emplace_back(c.name, c.type);
    row_type_ = make_struct(std::move(fields));
  }

  Result<std::optional<std::string>> serialize(const std::vector<Value>& values) const override {
    if (columns_.empty()) return std::optional<std::string>();
    if (values.size() != columns_.size()) {
      return Status::error(Errc::invalid_argument,
                           "Column count mismatch on serialization. expected: " + std::to_string(columns_.size()) +
                               ", got: " + std::to_string(values.size()));
    }
    std::string out;
    if (unwrapped_) {
      if (values[0].is_null()) return std::optional<std::string>();
      append_json_value(out, values[0], columns_[0].type);
      return std::optional<std::string>(std::move(out));
    }
    out.reserve(16 * columns_.size());
    out += '{';
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, columns_[i].name);
      out += ':';
      append_json_value(out, values[i], columns_[i].type);
    }
    out += '}';
    return std::optional<std::string>(std::move(out));
  }

  Result<std::vector<Value>> deserialize(std::optional<std::string_view> bytes) const override {
    std::vector<Value> row(columns_.size());
    TRY_STATUS(deserialize_to(bytes, row));
    return row;
  }

  Status deserialize_to(std::optional<std::string_view> bytes, std::span<Value> row) const override {
    std::fill(row.begin(), row.end(), Value());
    if (!bytes || columns_.empty() || blank(*bytes)) return Status();
    if (!unwrapped_ && flat_.read(*bytes, row.data())) return Status();
    std::fill(row.begin(), row.end(), Value());  // the fast path may have filled some columns
    simdjson::dom::element root;
    auto error = thread_parser().parse(bytes->data(), bytes->size()).get(root);
    if (error) {
      return Status::error(Errc::invalid_argument,
                           std::string("Invalid JSON: ") + simdjson::error_message(error));
    }
    DomNode node(root);
    if (node.kind() == JKind::null) return Status();
    json_detail::CoerceError err;
    bool ok;
    if (unwrapped_) {
      ok = json_detail::coerce(node, columns_[0].type, row[0], err);
    } else if (node.kind() != JKind::object) {
      ok = json_detail::invalid_conversion(node, row_type_, err);
    } else {
      auto name_at = [&](std::size_t i) -> std::string_view { return columns_[i].name; };
      auto type_at = [&](std::size_t i) -> const SqlType& { return columns_[i].type; };
      if (columns_.size() > kHashedColumns) {
        ok = json_detail::coerce_fields(node, columns_.size(), hashed_, name_at, type_at, row.data(), err);
      } else {
        json_detail::LinearMatcher<decltype(name_at)> matcher{columns_.size(), name_at};
        ok = json_detail::coerce_fields(node, columns_.size(), matcher, name_at, type_at, row.data(), err);
      }
    }
    if (!ok) return Status::error(Errc::invalid_argument, err.message + ", path: $" + err.path);
    return Status();
  }

 private:
  std::vector<Column> columns_;
  bool unwrapped_;
  SqlType row_type_;
  HashedMatcher hashed_;
  json_detail::FlatObjectReader flat_;
};

}  // namespace

std::unique_ptr<Serde> make_json_serde(const std::vector<Column>& columns, const SerdeOptions& options) {
  // ksqlDB never wraps a single key column, whatever WRAP_SINGLE_VALUE says.
  bool unwrapped = columns.size() == 1 && (!options.wrap_single || columns[0].role == Column::Role::key);
  return std::make_unique<JsonSerde>(columns, unwrapped);
}

}  // namespace tributary::sql
