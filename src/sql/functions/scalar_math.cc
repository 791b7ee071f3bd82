// Math functions: ABS, CEIL, FLOOR, ROUND, TRUNC, SQRT ... GENERATE_SERIES. Result types follow
// ksqlDB: integral in -> integral out where the result is exact, DOUBLE for transcendental ones.
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <random>

#include "sql/functions/function_util.h"

namespace tributary::sql {
namespace {

using fn::Args;
using fn::Overload;
using fn::Param;
using fn::returns;
using fn::returns_arg;

__int128 pow10(int n) {
  __int128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

enum class Rounding { half_up_toward_pos_inf, floor, ceil, toward_zero };

// Rounds the unscaled value to `places` fractional digits, keeping the original scale.
__int128 round_unscaled(__int128 u, int scale, int places, Rounding mode) {
  int drop = scale - places;
  if (drop <= 0) return u;
  if (drop > 38) return 0;
  __int128 unit = pow10(drop);
  __int128 q = u / unit, rem = u % unit;  // truncated toward zero
  switch (mode) {
    case Rounding::toward_zero: break;
    case Rounding::floor: if (rem < 0) --q; break;
    case Rounding::ceil: if (rem > 0) ++q; break;
    case Rounding::half_up_toward_pos_inf:
      // Half up for positives, half down for negatives: ties go toward +infinity (ksqlDB).
      if (rem > 0 && rem * 2 >= unit) ++q;
      if (rem < 0 && -rem * 2 > unit) --q;
      break;
  }
  return q * unit;
}

// A double as the shortest decimal that prints it (what Java's BigDecimal.valueOf sees).
Decimal double_to_decimal(double d) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  Decimal out;
  decimal_from_string(std::string_view(buf, res.ptr - buf), &out);
  return out;
}

double round_double(double v, int places, Rounding mode) {
  if (!std::isfinite(v)) return v;
  Decimal d = double_to_decimal(v);
  if (d.scale < places) return v;
  d.unscaled = round_unscaled(d.unscaled, d.scale, places, mode);
  return std::strtod(decimal_to_string(d).c_str(), nullptr);  // exact for any scale
}

Decimal round_decimal(const Decimal& d, int places, Rounding mode) {
  return Decimal{round_unscaled(d.unscaled, d.scale, places, mode), d.scale};
}

// The decimal rounded to an integer, expressed with scale 0.
Decimal decimal_to_integer(const Decimal& d, Rounding mode) {
  __int128 r = round_unscaled(d.unscaled, d.scale, 0, mode);
  return Decimal{d.scale > 0 ? r / pow10(d.scale) : r, 0};
}

fn::ResultFn integral_decimal_type() {
  return [](const std::vector<SqlType>& t, const std::vector<Value>&) -> std::optional<SqlType> {
    return make_decimal(std::max(1, t[0].precision - t[0].scale + 1), 0);
  };
}

// A DOUBLE -> DOUBLE function over any numeric argument.
Overload unary_double(double (*f)(double)) {
  return {{Param::double_}, returns(TypeKind::double_),
          [f](Args a, EvalErrors&) { return Value(f(a[0].as<double>())); }};
}

void add_unary_double(FunctionRegistry& r, const char* name, double (*f)(double)) {
  fn::add_function(r, name, {unary_double(f)});
}

// CEIL / FLOOR / TRUNC(x): integral types unchanged, DOUBLE kept (CEIL/FLOOR) and DECIMAL to scale 0.
std::vector<Overload> integer_rounding(Rounding mode, bool double_to_bigint) {
  std::vector<Overload> o;
  o.push_back({{Param::int_}, returns(TypeKind::int_), [](Args a, EvalErrors&) { return a[0]; }});
  o.push_back({{Param::bigint}, returns(TypeKind::bigint), [](Args a, EvalErrors&) { return a[0]; }});
  if (double_to_bigint) {
    o.push_back({{Param::double_}, returns(TypeKind::bigint), [mode](Args a, EvalErrors&) {
                   double r = round_double(a[0].as<double>(), 0, mode);
                   return Value(static_cast<int64_t>(r));
                 }});
  } else {
    o.push_back({{Param::double_}, returns(TypeKind::double_), [mode](Args a, EvalErrors&) {
                   double v = a[0].as<double>();
                   return Value(mode == Rounding::ceil ? std::ceil(v) : std::floor(v));
                 }});
  }
  o.push_back({{Param::decimal}, integral_decimal_type(), [mode](Args a, EvalErrors&) {
                 return Value(decimal_to_integer(a[0].as<Decimal>(), mode));
               }});
  return o;
}

// ROUND(x, n) / TRUNC(x, n): DOUBLE stays DOUBLE, DECIMAL keeps its type.
std::vector<Overload> places_rounding(Rounding mode) {
  return {
      {{Param::double_, Param::int_}, returns(TypeKind::double_),
       [mode](Args a, EvalErrors&) { return Value(round_double(a[0].as<double>(), a[1].as<int32_t>(), mode)); }},
      {{Param::decimal, Param::int_}, returns_arg(0),
       [mode](Args a, EvalErrors&) { return Value(round_decimal(a[0].as<Decimal>(), a[1].as<int32_t>(), mode)); }},
  };
}

template <class T>
Value sign_of(T v) { return Value(int32_t{v > 0 ? 1 : (v < 0 ? -1 : 0)}); }

// GREATEST / LEAST over one type; NULL arguments are skipped (NULL only when all are NULL).
std::vector<Overload> extreme(bool greatest) {
  std::vector<Overload> o;
  auto impl = [greatest](Args a, EvalErrors&) {
    Value best;
    for (const Value& v : a) {
      if (v.is_null()) continue;
      if (best.is_null()) { best = v; continue; }
      int c = compare_values(v, best);
      if (greatest ? c > 0 : c < 0) best = v;
    }
    return best;
  };
  for (Param p : {Param::int_, Param::bigint, Param::decimal, Param::double_, Param::string}) {
    fn::ResultFn result = returns_arg(0);
    if (p == Param::decimal) {
      // The widest integer part and scale among the arguments.
      result = [](const std::vector<SqlType>& t, const std::vector<Value>&) -> std::optional<SqlType> {
        int ip = 0, sc = 0;
        for (auto& x : t) { ip = std::max(ip, x.precision - x.scale); sc = std::max(sc, x.scale); }
        return make_decimal(ip + sc, sc);
      };
    }
    Overload ov{{p, p}, result, impl, true, false};
    if (p == Param::decimal) {
      ov.impl = [impl](Args a, EvalErrors& e) {
        int sc = 0;
        for (auto& v : a) if (v.is<Decimal>()) sc = std::max(sc, v.as<Decimal>().scale);
        Value r = impl(a, e);
        if (r.is<Decimal>()) r = Value(decimal_rescale(r.as<Decimal>(), sc));
        return r;
      };
    }
    o.push_back(ov);
  }
  return o;
}

template <class T>
Value series(T start, T end, T step, EvalErrors& errors) {
  if (step == 0) { errors.add("GENERATE_SERIES step cannot be zero"); return {}; }
  if ((end > start && step < 0) || (end < start && step > 0)) {
    errors.add("GENERATE_SERIES has wrong sign for step");
    return {};
  }
  Array out;
  for (T v = start; step > 0 ? v <= end : v >= end; v += step) {
    out.push_back(Value(v));
    if (out.size() > 10'000'000) break;
  }
  return Value::array(std::move(out));
}

}  // namespace

void register_math_functions(FunctionRegistry& r) {
  fn::add_function(r, "ABS", {
      {{Param::int_}, returns(TypeKind::int_), [](Args a, EvalErrors&) { return Value(int32_t(std::abs(a[0].as<int32_t>()))); }},
      {{Param::bigint}, returns(TypeKind::bigint), [](Args a, EvalErrors&) { return Value(int64_t(std::llabs(a[0].as<int64_t>()))); }},
      {{Param::decimal}, returns_arg(0), [](Args a, EvalErrors&) {
         Decimal d = a[0].as<Decimal>();
         if (d.unscaled < 0) d.unscaled = -d.unscaled;
         return Value(d);
       }},
      {{Param::double_}, returns(TypeKind::double_), [](Args a, EvalErrors&) { return Value(std::fabs(a[0].as<double>())); }},
  });
  fn::add_function(r, "CEIL", integer_rounding(Rounding::ceil, false));
  fn::add_function(r, "FLOOR", integer_rounding(Rounding::floor, false));

  auto round = integer_rounding(Rounding::half_up_toward_pos_inf, true);
  for (auto& o : places_rounding(Rounding::half_up_toward_pos_inf)) round.push_back(o);
  // ROUND(int, n) / ROUND(bigint, n) round integers to tens, hundreds... for negative n.
  round.push_back({{Param::int_, Param::int_}, returns(TypeKind::int_), [](Args a, EvalErrors&) {
                     __int128 u = round_unscaled(a[0].as<int32_t>(), 0, a[1].as<int32_t>(), Rounding::half_up_toward_pos_inf);
                     return Value(static_cast<int32_t>(u));
                   }});
  round.push_back({{Param::bigint, Param::int_}, returns(TypeKind::bigint), [](Args a, EvalErrors&) {
                     __int128 u = round_unscaled(a[0].as<int64_t>(), 0, a[1].as<int32_t>(), Rounding::half_up_toward_pos_inf);
                     return Value(static_cast<int64_t>(u));
                   }});
  fn::add_function(r, "ROUND", round);

  auto trunc = integer_rounding(Rounding::toward_zero, true);
  for (auto& o : places_rounding(Rounding::toward_zero)) trunc.push_back(o);
  fn::add_function(r, "TRUNC", trunc);

  add_unary_double(r, "SQRT", [](double x) { return std::sqrt(x); });
  add_unary_double(r, "CBRT", [](double x) { return std::cbrt(x); });
  add_unary_double(r, "EXP", [](double x) { return std::exp(x); });
  add_unary_double(r, "LN", [](double x) { return std::log(x); });
  add_unary_double(r, "SIN", [](double x) { return std::sin(x); });
  add_unary_double(r, "COS", [](double x) { return std::cos(x); });
  add_unary_double(r, "TAN", [](double x) { return std::tan(x); });
  add_unary_double(r, "COT", [](double x) { return 1.0 / std::tan(x); });
  add_unary_double(r, "ASIN", [](double x) { return std::asin(x); });
  add_unary_double(r, "ACOS", [](double x) { return std::acos(x); });
  add_unary_double(r, "ATAN", [](double x) { return std::atan(x); });
  add_unary_double(r, "SINH", [](double x) { return std::sinh(x); });
  add_unary_double(r, "COSH", [](double x) { return std::cosh(x); });
  add_unary_double(r, "TANH", [](double x) { return std::tanh(x); });
  add_unary_double(r, "DEGREES", [](double x) { return x * 180.0 / M_PI; });
  add_unary_double(r, "RADIANS", [](double x) { return x * M_PI / 180.0; });
  // LOG(x) is the natural logarithm in ksqlDB; a base <= 0 or of 1 has no logarithm (NaN).
  fn::add_function(r, "LOG", {
      unary_double([](double x) { return std::log(x); }),
      {{Param::double_, Param::double_}, returns(TypeKind::double_), [](Args a, EvalErrors&) {
         double base = a[0].as<double>();
         if (base <= 0.0 || base == 1.0) return Value(std::numeric_limits<double>::quiet_NaN());
         return Value(std::log(a[1].as<double>()) / std::log(base));
       }},
  });
  fn::add_function(r, "ATAN2", {{{Param::double_, Param::double_}, returns(TypeKind::double_),
      [](Args a, EvalErrors&) { return Value(std::atan2(a[0].as<double>(), a[1].as<double>())); }}});
  fn::add_function(r, "POWER", {{{Param::double_, Param::double_}, returns(TypeKind::double_),
      [](Args a, EvalErrors&) { return Value(std::pow(a[0].as<double>(), a[1].as<double>())); }}});
  fn::add_function(r, "PI", {{{}, returns(TypeKind::double_), [](Args, EvalErrors&) { return Value(M_PI); }}});
  fn::add_function(r, "RANDOM", {{{}, returns(TypeKind::double_), [](Args, EvalErrors&) {
      thread_local std::mt19937_64 gen{std::random_device{}()};
      return Value(std::uniform_real_distribution<double>(0.0, 1.0)(gen));
    }}});
  fn::add_function(r, "SIGN", {
      {{Param::int_}, returns(TypeKind::int_), [](Args a, EvalErrors&) { return sign_of(a[0].as<int32_t>()); }},
      {{Param::bigint}, returns(TypeKind::int_), [](Args a, EvalErrors&) { return sign_of(a[0].as<int64_t>()); }},
      {{Param::decimal}, returns(TypeKind::int_), [](Args a, EvalErrors&) { return sign_of(a[0].as<Decimal>().unscaled); }},
      {{Param::double_}, returns(TypeKind::int_), [](Args a, EvalErrors&) { return sign_of(a[0].as<double>()); }},
  });
  fn::add_function(r, "GREATEST", extreme(true));
  fn::add_function(r, "LEAST", extreme(false));

  auto int_array = make_array(make_type(TypeKind::int_));
  auto long_array = make_array(make_type(TypeKind::bigint));
  fn::add_function(r, "GENERATE_SERIES", {
      {{Param::int_, Param::int_}, returns(int_array), [](Args a, EvalErrors& e) {
         int32_t s = a[0].as<int32_t>(), t = a[1].as<int32_t>();
         return series<int32_t>(s, t, s <= t ? 1 : -1, e);
       }},
      {{Param::int_, Param::int_, Param::int_}, returns(int_array), [](Args a, EvalErrors& e) {
         return series<int32_t>(a[0].as<int32_t>(), a[1].as<int32_t>(), a[2].as<int32_t>(), e);
       }},
      {{Param::bigint, Param::bigint}, returns(long_array), [](Args a, EvalErrors& e) {
         int64_t s = a[0].as<int64_t>(), t = a[1].as<int64_t>();
         return series<int64_t>(s, t, s <= t ? 1 : -1, e);
       }},
      {{Param::bigint, Param::bigint, Param::int_}, returns(long_array), [](Args a, EvalErrors& e) {
         return series<int64_t>(a[0].as<int64_t>(), a[1].as<int64_t>(), a[2].as<int32_t>(), e);
       }},
  });
}

}  // namespace tributary::sql
