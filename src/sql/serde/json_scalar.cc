#include "sql/serde/json_scalar.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "sql/serde/json_text.h"

namespace tributary::sql::json_detail {

// Text of a JSON float as Jackson's exact-decimal node prints it, as near as a double allows:
// shortest digits, "1.0" keeps its point, exponents as 1.5E+20 / 1E-7.
std::string float_text(double d) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), d);
  std::string s(buf, res.ptr);
  std::size_t e = s.find('e');
  if (e == std::string::npos) {
    if (s.find('.') == std::string::npos && s.find_first_of("ni") == std::string::npos) s += ".0";
    return s;
  }
  std::string mantissa = s.substr(0, e);
  char sign = s[e + 1];
  std::string exponent = s.substr(e + 2);
  while (exponent.size() > 1 && exponent[0] == '0') exponent.erase(0, 1);
  return mantissa + "E" + (sign == '-' ? "-" : "+") + exponent;
}

bool failed_string_coercion(const SqlType& type, CoerceError& err) {
  err.message = "Can't coerce string to type. targetType: " + type_to_string(type);
  return false;
}

bool parse_int64_text(std::string_view s, int64_t* out) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  auto res = std::from_chars(s.data(), s.data() + s.size(), *out);
  return !s.empty() && res.ec == std::errc() && res.ptr == s.data() + s.size();
}

// Java's Double.parseDouble: surrounding whitespace allowed, NaN and Infinity spelled out.
bool parse_double_text(std::string_view s, double* out) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  if (!s.empty() && (s.back() == 'd' || s.back() == 'D' || s.back() == 'f' || s.back() == 'F')) s.remove_suffix(1);
  if (s.empty()) return false;
  std::string_view body = s;
  bool negative = false;
  if (body[0] == '+' || body[0] == '-') { negative = body[0] == '-'; body.remove_prefix(1); }
  if (body == "NaN") { *out = std::nan(""); return true; }
  if (body == "Infinity") { *out = negative ? -HUGE_VAL : HUGE_VAL; return true; }
  if (body.empty() || !(std::isdigit(static_cast<unsigned char>(body[0])) || body[0] == '.')) return false;
  std::string text(s);
  char* end = nullptr;
  errno = 0;
  *out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

// DECIMAL: rounded half-up to the type's scale; too many integer digits is an error, as
// ksqlDB's DecimalUtil.ensureFit reports it.
bool fit_decimal(const Decimal& d, const SqlType& type, std::string_view text, Value& out,
                        CoerceError& err) {
  Decimal r = decimal_rescale(d, type.scale);
  if (r.unscaled != 0 && decimal_digits(r) > type.precision) {
    err.message = "Numeric field overflow: A field with precision " + std::to_string(type.precision) +
                  " and scale " + std::to_string(type.scale) +
                  " must round to an absolute value less than 10^" +
                  std::to_string(type.precision - type.scale) + ". Got " + std::string(text);
    return false;
  }
  out = Value(r);
  return true;
}

int64_t double_to_int64(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9.2233720368547758e18) return INT64_MAX;
  if (d <= -9.2233720368547758e18) return INT64_MIN;
  return static_cast<int64_t>(d);
}

// A JSON string read as a scalar SQL type (TextNode coercions); also used for MAP keys.
bool coerce_text(std::string_view s, const SqlType& type, Value& out, CoerceError& err) {
  int64_t i = 0;
  double d = 0;
  switch (type.kind) {
    case TypeKind::string: out = Value(std::string(s)); return true;
    case TypeKind::int_:
      if (!parse_int64_text(s, &i) || i < INT32_MIN || i > INT32_MAX) return failed_string_coercion(type, err);
      out = Value(static_cast<int32_t>(i));
      return true;
    case TypeKind::bigint:
      if (!parse_int64_text(s, &i)) return failed_string_coercion(type, err);
      out = Value(i);
      return true;
    case TypeKind::double_:
      if (!parse_double_text(s, &d)) return failed_string_coercion(type, err);
      out = Value(d);
      return true;
    case TypeKind::decimal: {
      Decimal dec;
      if (!decimal_from_string(s, &dec)) return failed_string_coercion(type, err);
      return fit_decimal(dec, type, s, out, err);
    }
    case TypeKind::timestamp:
      if (!parse_int64_text(s, &i)) return failed_string_coercion(type, err);
      out = Value(Timestamp{i});
      return true;
    case TypeKind::date:
      if (!parse_int64_text(s, &i)) return failed_string_coercion(type, err);
      out = Value(Date{static_cast<int32_t>(i)});
      return true;
    case TypeKind::time:
      if (!parse_int64_text(s, &i)) return failed_string_coercion(type, err);
      out = Value(Time{i});
      return true;
    case TypeKind::bytes: {
      Bytes b;
      if (!base64_decode(s, &b.data)) {
        err.message = "Value is not a valid Base64 encoded string: " + std::string(s);
        return false;
      }
      out = Value(std::move(b));
      return true;
    }
    default: return false;
  }
}

}  // namespace tributary::sql::json_detail
