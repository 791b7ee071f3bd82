// cast_value / can_cast: ksqlDB's CAST rules between all types.
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "sql/expression/internal.h"
#include "sql/expression/numeric.h"

namespace tributary::sql {
namespace {

using namespace expr;

constexpr int64_t kMillisPerDay = 86'400'000;

bool is_temporal(TypeKind k) { return k == TypeKind::timestamp || k == TypeKind::date || k == TypeKind::time; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

Value invalid(const std::string& text, const SqlType& to, EvalErrors& errors) {
  std::string type = to.kind == TypeKind::decimal ? "DECIMAL" : type_to_string(to);
  errors.add("invalid input syntax for type " + type + ": \"" + text + "\".");
  return Value();
}

// Java's (int)/(long) conversion of a double: truncation, saturation, NaN -> 0.
template <class T>
T saturating(double d) {
  if (std::isnan(d)) return 0;
  if (d >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
  if (d <= static_cast<double>(std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
  return static_cast<T>(d);
}

Value to_integral(const Value& v, const SqlType& to, EvalErrors& errors) {
  bool is_int = to.kind == TypeKind::int_;
  int64_t r = 0;
  if (v.is<int32_t>() || v.is<int64_t>()) {
    r = as_i64(v);
  } else if (v.is<double>()) {
    return is_int ? Value(saturating<int32_t>(v.as<double>())) : Value(saturating<int64_t>(v.as<double>()));
  } else if (v.is<Decimal>()) {
    const Decimal& d = v.as<Decimal>();
    r = static_cast<int64_t>(d.unscaled / pow10_i128(d.scale));
  } else if (v.is<std::string>()) {
    const std::string& s = v.as<std::string>();
    Decimal d;
    if (!decimal_from_string(trim(s), &d)) return invalid(s, to, errors);
    __int128 whole = d.unscaled / pow10_i128(d.scale);
    if (whole * pow10_i128(d.scale) != d.unscaled) return invalid(s, to, errors);
    __int128 lo = is_int ? std::numeric_limits<int32_t>::min() : std::numeric_limits<int64_t>::min();
    __int128 hi = is_int ? std::numeric_limits<int32_t>::max() : std::numeric_limits<int64_t>::max();
    if (whole < lo || whole > hi) return invalid(s, to, errors);
    r = static_cast<int64_t>(whole);
  } else {
    return invalid(value_to_text(v, to), to, errors);
  }
  // Narrowing wraps as Java's (int) does.
  return is_int ? Value(static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(r)))) : Value(r);
}

Value to_double(const Value& v, const SqlType& to, EvalErrors& errors) {
  if (v.is<std::string>()) {
    const std::string& s = v.as<std::string>();
    std::string t(trim(s));
    if (t.empty()) return invalid(s, to, errors);
    char* end = nullptr;
    double d = std::strtod(t.c_str(), &end);
    if (*end != '\0' && !(end[0] && (end[0] == 'd' || end[0] == 'D' || end[0] == 'f' || end[0] == 'F') && end[1] == '\0')) {
      return invalid(s, to, errors);
    }
    return Value(d);
  }
  return Value(as_f64(v));
}

Value to_decimal(const Value& v, const SqlType& to, EvalErrors& errors) {
  Decimal d;
  if (v.is<std::string>()) {
    if (!decimal_from_string(trim(v.as<std::string>()), &d)) return invalid(v.as<std::string>(), to, errors);
  } else if (v.is<double>()) {
    double x = v.as<double>();
    if (!std::isfinite(x)) return invalid(java_double_to_string(x), to, errors);
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, x);
    decimal_from_string(std::string_view(buf, res.ptr - buf), &d);
  } else {
    d = as_decimal(v);
  }
  d = decimal_rescale(d, to.scale);
  if (decimal_digits(d) > to.precision && d.unscaled != 0) {
    errors.add("Numeric field overflow: A field with precision " + std::to_string(to.precision) + " and scale " +
               std::to_string(to.scale) + " must round to an absolute value less than 10^" +
               std::to_string(to.precision - to.scale) + ". Got " + decimal_to_string(d));
    return Value();
  }
  return Value(d);
}

Value to_temporal(const Value& v, const SqlType& to, EvalErrors& errors) {
  if (v.is<std::string>()) {
    const std::string& s = v.as<std::string>();
    int64_t millis = 0;
    int32_t days = 0;
    switch (to.kind) {
      case TypeKind::timestamp:
        if (parse_timestamp_text(s, &millis)) return Value(Timestamp{millis});
        break;
      case TypeKind::date:
        if (parse_date_text(s, &days)) return Value(Date{days});
        if (parse_timestamp_text(s, &millis)) return Value(Date{static_cast<int32_t>(millis / kMillisPerDay)});
        break;
      default:
        if (parse_time_text(s, &millis)) return Value(Time{millis});
        break;
    }
    return invalid(s, to, errors);
  }
  int64_t millis = 0;
  if (v.is<Timestamp>()) millis = v.as<Timestamp>().millis;
  else if (v.is<Date>()) millis = int64_t{v.as<Date>().days} * kMillisPerDay;
  else if (v.is<Time>()) millis = v.as<Time>().millis;
  else if (v.is<int64_t>() || v.is<int32_t>()) millis = as_i64(v);
  switch (to.kind) {
    case TypeKind::timestamp: return Value(Timestamp{millis});
    case TypeKind::date: {
      int64_t days = millis >= 0 ? millis / kMillisPerDay : -((-millis + kMillisPerDay - 1) / kMillisPerDay);
      return Value(Date{static_cast<int32_t>(days)});
    }
    default: return Value(Time{((millis % kMillisPerDay) + kMillisPerDay) % kMillisPerDay});
  }
}

}  // namespace

bool can_cast(const SqlType& from, const SqlType& to) {
  if (type_equals(from, to)) return true;
  if (to.kind == TypeKind::string) return from.kind != TypeKind::bytes;
  if (is_numeric(to)) return is_numeric(from) || from.kind == TypeKind::string;
  if (to.kind == TypeKind::boolean) return from.kind == TypeKind::string;
  if (is_temporal(to.kind)) {
    if (from.kind == TypeKind::string) return true;
    if (from.kind == TypeKind::timestamp) return true;
    if (from.kind == TypeKind::date) return to.kind == TypeKind::timestamp;
    return false;
  }
  if (to.kind == TypeKind::array) return from.kind == TypeKind::array && can_cast(from.params[0], to.params[0]);
  if (to.kind == TypeKind::map) {
    return from.kind == TypeKind::map && can_cast(from.params[0], to.params[0]) && can_cast(from.params[1], to.params[1]);
  }
  if (to.kind == TypeKind::struct_) {
    if (from.kind != TypeKind::struct_) return false;
    for (std::size_t i = 0; i < to.fields.size(); ++i) {
      for (std::size_t j = 0; j < from.fields.size(); ++j) {
        if (from.fields[j] == to.fields[i] && !can_cast(from.params[j], to.params[i])) return false;
      }
    }
    return true;
  }
  return false;
}

Value cast_value(const Value& v, const SqlType& from, const SqlType& to, EvalErrors& errors) {
  if (v.is_null()) return v;
  switch (to.kind) {
    case TypeKind::boolean: {
      if (v.is<bool>()) return v;
      bool b = false;
      if (v.is<std::string>() && parse_boolean_text(v.as<std::string>(), &b)) return Value(b);
      return invalid(value_to_text(v, from), to, errors);
    }
    case TypeKind::int_:
      if (v.is<int32_t>()) return v;
      return to_integral(v, to, errors);
    case TypeKind::bigint:
      if (v.is<int64_t>()) return v;
      return to_integral(v, to, errors);
    case TypeKind::double_:
      if (v.is<double>()) return v;
      return to_double(v, to, errors);
    case TypeKind::decimal:
      if (v.is<Decimal>() && v.as<Decimal>().scale == to.scale && from.kind == TypeKind::decimal &&
          from.precision <= to.precision) {
        return v;
      }
      return to_decimal(v, to, errors);
    case TypeKind::string:
      if (v.is<std::string>()) return v;
      return Value(value_to_text(v, from));
    case TypeKind::bytes:
      if (v.is<Bytes>()) return v;
      if (v.is<std::string>()) return Value(Bytes{v.as<std::string>()});
      return invalid(value_to_text(v, from), to, errors);
    case TypeKind::timestamp:
    case TypeKind::date:
    case TypeKind::time: return to_temporal(v, to, errors);
    case TypeKind::array: {
      if (!v.is_array() || from.kind != TypeKind::array) return invalid(value_to_text(v, from), to, errors);
      if (type_equals(from, to)) return v;
      Array out;
      out.reserve(v.as_array().size());
      for (const Value& item : v.as_array()) out.push_back(cast_value(item, from.params[0], to.params[0], errors));
      return Value::array(std::move(out));
    }
    case TypeKind::map: {
      if (!v.is_map() || from.kind != TypeKind::map) return invalid(value_to_text(v, from), to, errors);
      if (type_equals(from, to)) return v;
      MapEntries out;
      out.reserve(v.as_map().size());
      for (const auto& [k, val] : v.as_map()) {
        out.emplace_back(cast_value(k, from.params[0], to.params[0], errors),
                         cast_value(val, from.params[1], to.params[1], errors));
      }
      return Value::map(std::move(out));
    }
    case TypeKind::struct_: {
      if (!v.is_struct() || from.kind != TypeKind::struct_) return invalid(value_to_text(v, from), to, errors);
      if (type_equals(from, to)) return v;
      const StructFields& in = v.as_struct();
      StructFields out(to.fields.size());
      for (std::size_t i = 0; i < to.fields.size(); ++i) {
        for (std::size_t j = 0; j < from.fields.size() && j < in.size(); ++j) {
          if (from.fields[j] == to.fields[i]) out[i] = cast_value(in[j], from.params[j], to.params[i], errors);
        }
      }
      return Value::struct_(std::move(out));
    }
    case TypeKind::custom: break;
  }
  return v;
}

}  // namespace tributary::sql
