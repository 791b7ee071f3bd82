#include "sql/serde/json_flat_reader.h"

#include <simdjson.h>

#include "sql/serde/json_scalar.h"

namespace tributary::sql::json_detail {
namespace {

namespace od = simdjson::ondemand;

bool read_here(TypeKind kind) {
  switch (kind) {
    case TypeKind::boolean:
    case TypeKind::int_:
    case TypeKind::bigint:
    case TypeKind::double_:
    case TypeKind::string:
    case TypeKind::timestamp:
    case TypeKind::date:
    case TypeKind::time:
      return true;
    default:
      return false;
  }
}

// On-Demand needs SIMDJSON_PADDING readable bytes after the text: records are copied into this
// buffer, which only grows (one per thread, as the parser).
simdjson::padded_string_view padded(std::string_view json) {
  thread_local std::string buffer;
  if (buffer.capacity() < json.size() + simdjson::SIMDJSON_PADDING) buffer.reserve(json.size() + simdjson::SIMDJSON_PADDING);
  buffer.assign(json);
  return simdjson::padded_string_view(buffer.data(), buffer.size(), buffer.capacity());
}

// An integer-kinded column from a JSON number that is a signed 64-bit integer (as the DOM path's
// int64()); a float or an integer beyond int64 goes to the DOM path's conversions. The number is
// parsed once (get_number), whatever its kind.
bool read_integer(od::value& v, TypeKind kind, Value& out) {
  od::number number;
  if (v.get_number().get(number) || !number.is_int64()) return false;
  int64_t n = number.get_int64();
  switch (kind) {
    case TypeKind::int_: out = Value(wrap_int32(n)); return true;
    case TypeKind::bigint: out = Value(n); return true;
    case TypeKind::timestamp: out = Value(Timestamp{n}); return true;
    case TypeKind::date: out = Value(Date{wrap_int32(n)}); return true;
    default: out = Value(Time{n}); return true;
  }
}

bool read_double(od::value& v, Value& out) {
  od::number number;
  if (v.get_number().get(number)) return false;
  if (number.is_int64()) {
    out = Value(static_cast<double>(number.get_int64()));
  } else if (number.is_double()) {
    out = Value(number.get_double());
  } else {
    return false;  // beyond int64: the DOM path converts it
  }
  return true;
}

bool read_value(od::value& v, TypeKind kind, Value& out) {
  od::json_type type;
  if (v.type().get(type)) return false;
  if (type == od::json_type::null) {
    bool null = false;
    if (v.is_null().get(null) || !null) return false;
    out = Value();
    return true;
  }
  switch (kind) {
    case TypeKind::boolean: {
      bool b;
      if (type != od::json_type::boolean || v.get_bool().get(b)) return false;
      out = Value(b);
      return true;
    }
    case TypeKind::double_:
      return type == od::json_type::number && read_double(v, out);
    case TypeKind::string: {
      std::string_view s;
      if (type != od::json_type::string || v.get_string().get(s)) return false;
      out = Value(std::string(s));
      return true;
    }
    default:
      return type == od::json_type::number && read_integer(v, kind, out);
  }
}

// The column a field's key names, compared on the key's raw bytes (no unescaping, no copy): a key
// written with escapes matches no column and the record goes to the DOM path, which unescapes.
// Fields mostly come in column order: the one after the last match is tried first.
std::size_t column_of(const std::vector<std::string>& names, od::raw_json_string key, std::size_t hint) {
  if (hint < names.size() && key.unsafe_is_equal(names[hint])) return hint;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i != hint && key.unsafe_is_equal(names[i])) return i;
  }
  return names.size();
}

}  // namespace

FlatObjectReader::FlatObjectReader(const std::vector<Column>& columns) {
  for (const Column& c : columns) {
    names_.push_back(c.name);
    kinds_.push_back(c.type.kind);
    if (!read_here(c.type.kind)) usable_ = false;
    // Raw key comparison needs names that JSON writes without escapes.
    if (c.name.find_first_of("\"\\") != std::string::npos) usable_ = false;
  }
}

bool FlatObjectReader::read(std::string_view json, Value* out) const {
  if (!usable_) return false;
  thread_local od::parser parser;
  od::document doc;
  if (parser.iterate(padded(json)).get(doc)) return false;
  od::object object;
  if (doc.get_object().get(object)) return false;
  std::size_t next = 0;
  for (auto member : object) {
    od::field field;
    if (std::move(member).get(field)) return false;
    std::size_t column = column_of(names_, field.key(), next);
    if (column == names_.size()) return false;  // unknown, or only a case-insensitive match
    od::value value = field.value();
    if (!read_value(value, kinds_[column], out[column])) return false;
    next = column + 1;
  }
  // Text after the object is invalid JSON: the DOM path reports it.
  const char* trailing = nullptr;
  return doc.current_location().get(trailing) != simdjson::SUCCESS;
}

}  // namespace tributary::sql::json_detail
