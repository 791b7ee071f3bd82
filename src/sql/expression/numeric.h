// Numeric helpers shared by arithmetic, comparison and casts.
#pragma once

#include "sql/types/value.h"

namespace tributary::sql::expr {

inline __int128 pow10_i128(int n) {
  __int128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

inline int64_t as_i64(const Value& v) {
  if (v.is<int32_t>()) return v.as<int32_t>();
  if (v.is<int64_t>()) return v.as<int64_t>();
  if (v.is<double>()) return static_cast<int64_t>(v.as<double>());
  if (v.is<Decimal>()) {
    const Decimal& d = v.as<Decimal>();
    return static_cast<int64_t>(d.unscaled / pow10_i128(d.scale));
  }
  return 0;
}

inline double as_f64(const Value& v) {
  if (v.is<int32_t>()) return v.as<int32_t>();
  if (v.is<int64_t>()) return static_cast<double>(v.as<int64_t>());
  if (v.is<double>()) return v.as<double>();
  if (v.is<Decimal>()) return decimal_to_double(v.as<Decimal>());
  return 0;
}

inline Decimal as_decimal(const Value& v) {
  if (v.is<Decimal>()) return v.as<Decimal>();
  return Decimal{as_i64(v), 0};
}

// Divides rounding half away from zero (Java's HALF_UP).
inline __int128 div_half_up(__int128 num, __int128 den) {
  __int128 q = num / den;
  __int128 r = num % den;
  if (r < 0) r = -r;
  __int128 d = den < 0 ? -den : den;
  if (r * 2 >= d) q += ((num < 0) != (den < 0)) ? -1 : 1;
  return q;
}

}  // namespace tributary::sql::expr
