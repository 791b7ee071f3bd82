// Text forms of values (Java's toString conventions, as ksqlDB prints them) and ISO parsing of
// temporal text.
#include <charconv>
#include <cmath>
#include <cstdio>

#include "sql/expression/internal.h"

namespace tributary::sql::expr {
namespace {

constexpr int64_t kMillisPerDay = 86'400'000;

// Days since the epoch of a civil date (proleptic Gregorian).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp + (mp < 10 ? 3 : -9);
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Reads exactly `n` digits.
bool digits(std::string_view& s, int n, int* out) {
  if (static_cast<int>(s.size()) < n) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  s.remove_prefix(n);
  return true;
}

bool parse_date_part(std::string_view& s, int64_t* days) {
  int y = 0, m = 0, d = 0;
  if (!digits(s, 4, &y) || s.empty() || s[0] != '-') return false;
  s.remove_prefix(1);
  if (!digits(s, 2, &m) || s.empty() || s[0] != '-') return false;
  s.remove_prefix(1);
  if (!digits(s, 2, &d) || m < 1 || m > 12 || d < 1 || d > 31) return false;
  *days = days_from_civil(y, m, d);
  return true;
}

// HH[:mm[:ss[.fff]]]
bool parse_time_part(std::string_view& s, int64_t* millis) {
  int h = 0, mi = 0, sec = 0, ms = 0;
  if (!digits(s, 2, &h)) return false;
  if (!s.empty() && s[0] == ':') {
    s.remove_prefix(1);
    if (!digits(s, 2, &mi)) return false;
    if (!s.empty() && s[0] == ':') {
      s.remove_prefix(1);
      if (!digits(s, 2, &sec)) return false;
      if (!s.empty() && s[0] == '.') {
        s.remove_prefix(1);
        int scale = 100, n = 0;
        while (!s.empty() && std::isdigit(static_cast<unsigned char>(s[0]))) {
          ms += (s[0] - '0') * scale;
          scale /= 10;
          s.remove_prefix(1);
          ++n;
        }
        if (n == 0) return false;
      }
    }
  }
  if (h > 23 || mi > 59 || sec > 59) return false;
  *millis = ((h * 60 + mi) * 60 + sec) * 1000LL + ms;
  return true;
}

// Z, +hh, +hh:mm, +hhmm: the offset in millis to subtract.
bool parse_zone(std::string_view s, int64_t* offset) {
  *offset = 0;
  if (s.empty()) return true;
  if (s == "Z" || s == "z") return true;
  if (s[0] != '+' && s[0] != '-') return false;
  int sign = s[0] == '-' ? -1 : 1;
  s.remove_prefix(1);
  int h = 0, m = 0;
  if (!digits(s, 2, &h)) return false;
  if (!s.empty() && s[0] == ':') s.remove_prefix(1);
  if (!s.empty() && !digits(s, 2, &m)) return false;
  if (!s.empty()) return false;
  *offset = sign * (h * 60 + m) * 60'000LL;
  return true;
}

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

}  // namespace

bool parse_timestamp_text(std::string_view text, int64_t* millis) {
  std::string_view s = trim(text);
  int64_t days = 0, time = 0, offset = 0;
  if (!parse_date_part(s, &days)) return false;
  if (!s.empty() && (s[0] == 'T' || s[0] == ' ')) {
    s.remove_prefix(1);
    if (!parse_time_part(s, &time)) return false;
  }
  if (!parse_zone(s, &offset)) return false;
  *millis = days * kMillisPerDay + time - offset;
  return true;
}

bool parse_date_text(std::string_view text, int32_t* days) {
  std::string_view s = trim(text);
  int64_t d = 0;
  if (!parse_date_part(s, &d) || !s.empty()) return false;
  *days = static_cast<int32_t>(d);
  return true;
}

bool parse_time_text(std::string_view text, int64_t* millis) {
  std::string_view s = trim(text);
  return parse_time_part(s, millis) && s.empty();
}

std::string format_date(int32_t days) {
  int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, &y, &m, &d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

std::string format_time(int64_t millis) {
  int64_t ms = ((millis % kMillisPerDay) + kMillisPerDay) % kMillisPerDay;
  int h = static_cast<int>(ms / 3'600'000), mi = static_cast<int>(ms / 60'000 % 60), s = static_cast<int>(ms / 1000 % 60);
  std::string out = two(h) + ":" + two(mi) + ":" + two(s);
  if (ms % 1000) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(ms % 1000));
    out += buf;
  }
  return out;
}

std::string format_timestamp(int64_t millis) {
  int64_t days = millis >= 0 ? millis / kMillisPerDay : -((-millis + kMillisPerDay - 1) / kMillisPerDay);
  int64_t rem = millis - days * kMillisPerDay;
  char buf[8];
  std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(rem % 1000));
  int h = static_cast<int>(rem / 3'600'000), mi = static_cast<int>(rem / 60'000 % 60), s = static_cast<int>(rem / 1000 % 60);
  return format_date(static_cast<int32_t>(days)) + "T" + two(h) + ":" + two(mi) + ":" + two(s) + buf;
}

bool parse_boolean_text(std::string_view text, bool* out) {
  std::string lower;
  for (char c : trim(text)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.empty()) return false;
  auto prefix_of = [&](std::string_view word) { return lower.size() <= word.size() && word.substr(0, lower.size()) == lower; };
  if (prefix_of("true") || prefix_of("yes")) {
    *out = true;
    return true;
  }
  if (prefix_of("false") || prefix_of("no")) {
    *out = false;
    return true;
  }
  return false;
}

std::string java_double_to_string(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  // Shortest round-trip digits, laid out as Java does: plain for 1e-3 <= |d| < 1e7, else d.dddE[-]n.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  bool negative = sci[0] == '-';
  if (negative) sci.erase(0, 1);
  auto e = sci.find('e');
  int exponent = std::stoi(sci.substr(e + 1));
  std::string mantissa;
  for (char c : sci.substr(0, e)) {
    if (c != '.') mantissa += c;
  }
  std::string out;
  double a = std::fabs(d);
  if (a >= 1e-3 && a < 1e7) {
    if (exponent >= 0) {
      std::string int_part = mantissa.substr(0, std::min<std::size_t>(mantissa.size(), exponent + 1));
      while (static_cast<int>(int_part.size()) < exponent + 1) int_part += '0';
      std::string frac = static_cast<int>(mantissa.size()) > exponent + 1 ? mantissa.substr(exponent + 1) : "0";
      out = int_part + "." + frac;
    } else {
      out = "0." + std::string(-exponent - 1, '0') + mantissa;
    }
  } else {
    std::string frac = mantissa.size() > 1 ? mantissa.substr(1) : "0";
    out = mantissa.substr(0, 1) + "." + frac + "E" + std::to_string(exponent);
  }
  return negative ? "-" + out : out;
}

std::string value_to_text(const Value& v, const SqlType& type) {
  if (v.is_null()) return "null";
  if (v.is<bool>()) return v.as<bool>() ? "true" : "false";
  if (v.is<int32_t>()) return std::to_string(v.as<int32_t>());
  if (v.is<int64_t>()) return std::to_string(v.as<int64_t>());
  if (v.is<double>()) return java_double_to_string(v.as<double>());
  if (v.is<Decimal>()) return decimal_to_string(v.as<Decimal>());
  if (v.is<std::string>()) return v.as<std::string>();
  if (v.is<Bytes>()) return v.as<Bytes>().data;
  if (v.is<Timestamp>()) return format_timestamp(v.as<Timestamp>().millis);
  if (v.is<Date>()) return format_date(v.as<Date>().days);
  if (v.is<Time>()) return format_time(v.as<Time>().millis);
  static const SqlType kString = make_type(TypeKind::string);
  auto param = [&](std::size_t i) -> const SqlType& { return i < type.params.size() ? type.params[i] : kString; };
  if (v.is_array()) {
    std::string out = "[";
    const Array& items = v.as_array();
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + value_to_text(items[i], param(0));
    return out + "]";
  }
  if (v.is_map()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [k, val] : v.as_map()) {
      out += (first ? "" : ", ") + value_to_text(k, param(0)) + "=" + value_to_text(val, param(1));
      first = false;
    }
    return out + "}";
  }
  // Kafka Connect's Struct{A=1,B=x}: NULL fields are left out.
  std::string out = "Struct{";
  const StructFields& fields = v.as_struct();
  bool first = true;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].is_null()) continue;
    std::string name = i < type.fields.size() ? type.fields[i] : std::to_string(i);
    out += (first ? "" : ",") + name + "=" + value_to_text(fields[i], param(i));
    first = false;
  }
  return out + "}";
}

}  // namespace tributary::sql::expr
