#include "sql/types/value.h"

#include <cmath>
#include <functional>
#include <string_view>

namespace tributary::sql {
namespace {

__int128 pow10(int n) {
  __int128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

// Brings two decimals to one scale so their unscaled values compare directly.
std::pair<__int128, __int128> align(const Decimal& a, const Decimal& b) {
  if (a.scale == b.scale) return {a.unscaled, b.unscaled};
  if (a.scale < b.scale) return {a.unscaled * pow10(b.scale - a.scale), b.unscaled};
  return {a.unscaled, b.unscaled * pow10(a.scale - b.scale)};
}

// Strips trailing zeros so that 1.50 and 1.5 hash alike.
Decimal normalise(Decimal d) {
  while (d.scale > 0 && d.unscaled % 10 == 0) {
    d.unscaled /= 10;
    --d.scale;
  }
  return d;
}

bool is_number(const Value& v) {
  return v.is<int32_t>() || v.is<int64_t>() || v.is<double>() || v.is<Decimal>();
}

double as_double(const Value& v) {
  if (v.is<int32_t>()) return v.as<int32_t>();
  if (v.is<int64_t>()) return static_cast<double>(v.as<int64_t>());
  if (v.is<double>()) return v.as<double>();
  return decimal_to_double(v.as<Decimal>());
}

template <class T>
int cmp(const T& a, const T& b) { return a < b ? -1 : (b < a ? 1 : 0); }

int compare_numbers(const Value& a, const Value& b) {
  if (a.is<Decimal>() && b.is<Decimal>()) {
    auto [x, y] = align(a.as<Decimal>(), b.as<Decimal>());
    return cmp(x, y);
  }
  bool integral_a = a.is<int32_t>() || a.is<int64_t>();
  bool integral_b = b.is<int32_t>() || b.is<int64_t>();
  if (integral_a && integral_b) {
    int64_t x = a.is<int32_t>() ? a.as<int32_t>() : a.as<int64_t>();
    int64_t y = b.is<int32_t>() ? b.as<int32_t>() : b.as<int64_t>();
    return cmp(x, y);
  }
  return cmp(as_double(a), as_double(b));
}

int compare_sequences(const Array& a, const Array& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (int c = compare_values(a[i], b[i])) return c;
  }
  return cmp(a.size(), b.size());
}

}  // namespace

bool operator==(const Value& a, const Value& b) {
  if (a.v.index() != b.v.index()) return false;
  return std::visit(
      [&](const auto& x) -> bool {
        using T = std::decay_t<decltype(x)>;
        const T& y = std::get<T>(b.v);
        if constexpr (std::is_same_v<T, std::monostate>) {
          return true;
        } else if constexpr (std::is_same_v<T, Decimal>) {
          auto [p, q] = align(x, y);
          return p == q;
        } else if constexpr (std::is_same_v<T, Bytes>) {
          return x.data == y.data;
        } else if constexpr (std::is_same_v<T, Timestamp> || std::is_same_v<T, Time>) {
          return x.millis == y.millis;
        } else if constexpr (std::is_same_v<T, Date>) {
          return x.days == y.days;
        } else if constexpr (std::is_same_v<T, std::shared_ptr<const Array>> ||
                             std::is_same_v<T, std::shared_ptr<const MapEntries>> ||
                             std::is_same_v<T, std::shared_ptr<const StructFields>>) {
          return x == y || *x == *y;
        } else {
          return x == y;
        }
      },
      a.v);
}

std::size_t hash_value(const Value& v) {
  auto mix = [](std::size_t seed, std::size_t h) { return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2)); };
  std::size_t seed = v.v.index();
  return std::visit(
      [&](const auto& x) -> std::size_t {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return seed;
        } else if constexpr (std::is_same_v<T, Decimal>) {
          Decimal n = normalise(x);
          return mix(mix(seed, std::hash<int64_t>{}(static_cast<int64_t>(n.unscaled))), n.scale);
        } else if constexpr (std::is_same_v<T, Bytes>) {
          return mix(seed, std::hash<std::string>{}(x.data));
        } else if constexpr (std::is_same_v<T, Timestamp> || std::is_same_v<T, Time>) {
          return mix(seed, std::hash<int64_t>{}(x.millis));
        } else if constexpr (std::is_same_v<T, Date>) {
          return mix(seed, std::hash<int32_t>{}(x.days));
        } else if constexpr (std::is_same_v<T, std::shared_ptr<const MapEntries>>) {
          std::size_t h = seed;  // order-independent: maps with the same entries are equal
          for (const auto& [k, val] : *x) h += mix(hash_value(k), hash_value(val));
          return h;
        } else if constexpr (std::is_same_v<T, std::shared_ptr<const Array>> ||
                             std::is_same_v<T, std::shared_ptr<const StructFields>>) {
          std::size_t h = seed;
          for (const auto& item : *x) h = mix(h, hash_value(item));
          return h;
        } else {
          return mix(seed, std::hash<T>{}(x));
        }
      },
      v.v);
}

int compare_values(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return cmp(!a.is_null(), !b.is_null());
  if (is_number(a) && is_number(b)) return compare_numbers(a, b);
  if (a.v.index() != b.v.index()) return cmp(a.v.index(), b.v.index());
  if (a.is<bool>()) return cmp(a.as<bool>(), b.as<bool>());
  if (a.is<std::string>()) return a.as<std::string>().compare(b.as<std::string>()) < 0 ? -1 : (a.as<std::string>() == b.as<std::string>() ? 0 : 1);
  if (a.is<Bytes>()) return cmp(a.as<Bytes>().data, b.as<Bytes>().data);
  if (a.is<Timestamp>()) return cmp(a.as<Timestamp>().millis, b.as<Timestamp>().millis);
  if (a.is<Date>()) return cmp(a.as<Date>().days, b.as<Date>().days);
  if (a.is<Time>()) return cmp(a.as<Time>().millis, b.as<Time>().millis);
  if (a.is_array()) return compare_sequences(a.as_array(), b.as_array());
  if (a.is_struct()) return compare_sequences(a.as_struct(), b.as_struct());
  const MapEntries& x = a.as_map();
  const MapEntries& y = b.as_map();
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (int c = compare_values(x[i].first, y[i].first)) return c;
    if (int c = compare_values(x[i].second, y[i].second)) return c;
  }
  return cmp(x.size(), y.size());
}

double decimal_to_double(const Decimal& d) {
  return static_cast<double>(d.unscaled) / std::pow(10.0, d.scale);
}

Decimal decimal_rescale(const Decimal& d, int32_t scale) {
  if (scale >= d.scale) return Decimal{d.unscaled * pow10(scale - d.scale), scale};
  __int128 divisor = pow10(d.scale - scale);
  __int128 q = d.unscaled / divisor;
  __int128 r = d.unscaled % divisor;
  if (r < 0) r = -r;
  if (r * 2 >= divisor) q += d.unscaled < 0 ? -1 : 1;  // half away from zero, as Java's HALF_UP
  return Decimal{q, scale};
}

std::string decimal_to_string(const Decimal& d) {
  __int128 u = d.unscaled < 0 ? -d.unscaled : d.unscaled;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  } while (u > 0);
  if (d.scale > 0) {
    if (static_cast<int>(digits.size()) <= d.scale) digits.insert(0, d.scale - digits.size() + 1, '0');
    digits.insert(digits.size() - d.scale, ".");
  }
  return d.unscaled < 0 ? "-" + digits : digits;
}

bool decimal_from_string(std::string_view text, Decimal* out) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  __int128 unscaled = 0;
  int scale = 0;
  bool digits = false, point = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      if (unscaled > (static_cast<__int128>(1) << 120)) return false;
      unscaled = unscaled * 10 + (c - '0');
      digits = true;
      if (point) ++scale;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (!digits) return false;
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') return false;
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) exp_negative = text[i++] == '-';
    if (i == text.size()) return false;
    int exponent = 0;
    for (; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9' || exponent > 1000) return false;
      exponent = exponent * 10 + (text[i] - '0');
    }
    scale += exp_negative ? exponent : -exponent;
    if (scale < 0) {
      if (-scale > 38) return false;
      unscaled *= pow10(-scale);
      scale = 0;
    }
  }
  *out = Decimal{negative ? -unscaled : unscaled, scale};
  return true;
}

int decimal_digits(const Decimal& d) {
  __int128 u = d.unscaled < 0 ? -d.unscaled : d.unscaled;
  int n = 1;
  while (u >= 10) {
    u /= 10;
    ++n;
  }
  return n;
}

}  // namespace tributary::sql
