#include "sql/serde/json_writer.h"

#include <charconv>
#include <cmath>

#include "common/text_encoding.h"
#include "sql/serde/json_text.h"

namespace tributary::sql {
namespace {

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, res.ptr);
}

// Numbers of whatever alternative the value holds, so a value computed as a wider or narrower
// number than its column type still prints as a number.
void append_number(std::string& out, const Value& v) {
  if (v.is<int32_t>()) append_int(out, v.as<int32_t>());
  else if (v.is<int64_t>()) append_int(out, v.as<int64_t>());
  else if (v.is<Decimal>()) out += decimal_to_string(v.as<Decimal>());
  else if (v.is<double>()) {
    double d = v.as<double>();
    if (std::isfinite(d)) append_java_double(out, d);
    else { out += '"'; append_java_double(out, d); out += '"'; }  // Jackson quotes NaN/Infinity
  }
}

void append_key_text(std::string& out, const Value& key, const SqlType& key_type) {
  if (key.is<std::string>()) { append_json_string(out, key.as<std::string>()); return; }
  std::string text;
  append_json_value(text, key, key_type);
  if (!text.empty() && text.front() == '"') out += text;
  else append_json_string(out, text);
}

}  // namespace

void append_json_value(std::string& out, const Value& v, const SqlType& type) {
  if (v.is_null()) { out += "null"; return; }
  switch (v.v.index()) {
    case 1: out += v.as<bool>() ? "true" : "false"; return;
    case 2: case 3: case 4: append_number(out, v); return;
    case 5: {  // DECIMAL: carry the column's scale when the type says so
      const Decimal& d = v.as<Decimal>();
      out += decimal_to_string(type.kind == TypeKind::decimal && d.scale != type.scale
                                   ? decimal_rescale(d, type.scale) : d);
      return;
    }
    case 6: append_json_string(out, v.as<std::string>()); return;
    case 7: append_json_string(out, base64_encode(v.as<Bytes>().data)); return;
    case 8: append_int(out, v.as<Timestamp>().millis); return;
    case 9: append_int(out, v.as<Date>().days); return;
    case 10: append_int(out, v.as<Time>().millis); return;
    default: break;
  }
  static const SqlType kString = SqlType{};
  if (v.is_array()) {
    const SqlType& element = type.kind == TypeKind::array && !type.params.empty() ? type.params[0] : kString;
    out += '[';
    bool first = true;
    for (const Value& e : v.as_array()) {
      if (!first) out += ',';
      first = false;
      append_json_value(out, e, element);
    }
    out += ']';
  } else if (v.is_map()) {
    bool typed = type.kind == TypeKind::map && type.params.size() == 2;
    out += '{';
    bool first = true;
    for (const auto& [key, value] : v.as_map()) {
      if (key.is_null()) continue;  // JSON objects cannot hold a null key
      if (!first) out += ',';
      first = false;
      append_key_text(out, key, typed ? type.params[0] : kString);
      out += ':';
      append_json_value(out, value, typed ? type.params[1] : kString);
    }
    out += '}';
  } else if (v.is_struct()) {
    const StructFields& fields = v.as_struct();
    out += '{';
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, i < type.fields.size() ? type.fields[i] : "F" + std::to_string(i));
      out += ':';
      append_json_value(out, fields[i], i < type.params.size() ? type.params[i] : kString);
    }
    out += '}';
  }
}

}  // namespace tributary::sql
