// SQL equality and ordering of values (numbers across widths, maps regardless of entry order).
#include "sql/expression/internal.h"
#include "sql/expression/numeric.h"

namespace tributary::sql::expr {
namespace {

constexpr int64_t kMillisPerDay = 86'400'000;

bool is_num(const Value& v) { return v.is<int32_t>() || v.is<int64_t>() || v.is<double>() || v.is<Decimal>(); }
bool is_integral_value(const Value& v) { return v.is<int32_t>() || v.is<int64_t>(); }

template <class T>
int cmp3(const T& a, const T& b) { return a < b ? -1 : (b < a ? 1 : 0); }

int compare_numbers(const Value& a, const Value& b) {
  if (is_integral_value(a) && is_integral_value(b)) return cmp3(as_i64(a), as_i64(b));
  if (a.is<double>() || b.is<double>()) return cmp3(as_f64(a), as_f64(b));
  Decimal x = as_decimal(a), y = as_decimal(b);
  int s = std::max(x.scale, y.scale);
  return cmp3(x.unscaled * pow10_i128(s - x.scale), y.unscaled * pow10_i128(s - y.scale));
}

// Millis since the epoch of a TIMESTAMP or DATE (so the two compare with each other).
bool epoch_millis(const Value& v, int64_t* out) {
  if (v.is<Timestamp>()) *out = v.as<Timestamp>().millis;
  else if (v.is<Date>()) *out = int64_t{v.as<Date>().days} * kMillisPerDay;
  else return false;
  return true;
}

bool nullable_equal(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  return values_equal(a, b);
}

}  // namespace

bool values_equal(const Value& a, const Value& b) {
  if (is_num(a) && is_num(b)) return compare_numbers(a, b) == 0;
  if (a.is_array() && b.is_array()) {
    const Array& x = a.as_array();
    const Array& y = b.as_array();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!nullable_equal(x[i], y[i])) return false;
    }
    return true;
  }
  if (a.is_struct() && b.is_struct()) {
    const StructFields& x = a.as_struct();
    const StructFields& y = b.as_struct();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!nullable_equal(x[i], y[i])) return false;
    }
    return true;
  }
  if (a.is_map() && b.is_map()) {
    const MapEntries& x = a.as_map();
    const MapEntries& y = b.as_map();
    if (x.size() != y.size()) return false;
    for (const auto& [k, v] : x) {
      bool found = false;
      for (const auto& [k2, v2] : y) {
        if (nullable_equal(k, k2)) {
          found = nullable_equal(v, v2);
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }
  int64_t ma = 0, mb = 0;
  if (epoch_millis(a, &ma) && epoch_millis(b, &mb)) return ma == mb;
  return a == b;
}

int values_compare(const Value& a, const Value& b) {
  if (is_num(a) && is_num(b)) return compare_numbers(a, b);
  if (a.is<std::string>() && b.is<std::string>()) {
    int c = a.as<std::string>().compare(b.as<std::string>());
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  int64_t ma = 0, mb = 0;
  if (epoch_millis(a, &ma) && epoch_millis(b, &mb)) return cmp3(ma, mb);
  return compare_values(a, b);
}

}  // namespace tributary::sql::expr
