#include "sql/functions/function_util.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace tributary::sql::fn {
namespace {

constexpr int kNoMatch = -1;

// Rank of a numeric kind on ksqlDB's widening ladder, or -1.
int numeric_rank(TypeKind k) {
  switch (k) {
    case TypeKind::int_: return 0;
    case TypeKind::bigint: return 1;
    case TypeKind::decimal: return 2;
    case TypeKind::double_: return 3;
    default: return -1;
  }
}

int param_rank(Param p) {
  switch (p) {
    case Param::int_: return 0;
    case Param::bigint: return 1;
    case Param::decimal: return 2;
    case Param::double_: return 3;
    default: return -1;
  }
}

// Cost of passing `arg` to `p`: 0 exact, >0 number of widening steps, kNoMatch otherwise.
int match_cost(Param p, const SqlType& arg) {
  if (is_null_type(arg))
    return (p == Param::array || p == Param::map || p == Param::struct_) ? kNoMatch : 0;
  int pr = param_rank(p);
  if (pr >= 0) {
    int ar = numeric_rank(arg.kind);
    return (ar >= 0 && ar <= pr) ? pr - ar : kNoMatch;
  }
  switch (p) {
    case Param::boolean: return arg.kind == TypeKind::boolean ? 0 : kNoMatch;
    case Param::string: return arg.kind == TypeKind::string ? 0 : kNoMatch;
    case Param::bytes: return arg.kind == TypeKind::bytes ? 0 : kNoMatch;
    case Param::timestamp: return arg.kind == TypeKind::timestamp ? 0 : kNoMatch;
    case Param::date: return arg.kind == TypeKind::date ? 0 : kNoMatch;
    case Param::time: return arg.kind == TypeKind::time ? 0 : kNoMatch;
    case Param::array: return arg.kind == TypeKind::array ? 0 : kNoMatch;
    case Param::map: return arg.kind == TypeKind::map ? 0 : kNoMatch;
    case Param::struct_: return arg.kind == TypeKind::struct_ ? 0 : kNoMatch;
    case Param::any: return 0;
    default: return kNoMatch;
  }
}

SqlType widened_type(Param p, const SqlType& arg) {
  if (is_null_type(arg)) {
    switch (p) {
      case Param::boolean: return make_type(TypeKind::boolean);
      case Param::int_: return make_type(TypeKind::int_);
      case Param::bigint: return make_type(TypeKind::bigint);
      case Param::double_: return make_type(TypeKind::double_);
      case Param::decimal: return make_decimal(1, 0);
      case Param::string: return make_type(TypeKind::string);
      case Param::bytes: return make_type(TypeKind::bytes);
      case Param::timestamp: return make_type(TypeKind::timestamp);
      case Param::date: return make_type(TypeKind::date);
      case Param::time: return make_type(TypeKind::time);
      default: return arg;
    }
  }
  switch (p) {
    case Param::bigint: return make_type(TypeKind::bigint);
    case Param::double_: return make_type(TypeKind::double_);
    case Param::decimal: return is_integral(arg) ? decimal_for(arg) : arg;
    default: return arg;
  }
}

}  // namespace

SqlType null_type() {
  SqlType t = make_type(TypeKind::custom);
  t.custom_name = "NULL";
  return t;
}
bool is_null_type(const SqlType& t) { return t.kind == TypeKind::custom && t.custom_name == "NULL"; }

ResultFn returns(TypeKind kind) { return returns(make_type(kind)); }
ResultFn returns(SqlType type) {
  return [type](const std::vector<SqlType>&, const std::vector<Value>&) -> std::optional<SqlType> { return type; };
}
ResultFn returns_arg(std::size_t index) {
  return [index](const std::vector<SqlType>& t, const std::vector<Value>&) -> std::optional<SqlType> {
    if (index >= t.size()) return std::nullopt;
    return t[index];
  };
}

std::string type_list(const std::vector<SqlType>& types) {
  std::string out;
  for (std::size_t i = 0; i < types.size(); ++i) {
    if (i) out += ", ";
    out += is_null_type(types[i]) ? "null" : type_to_string(types[i]);
  }
  return out;
}

Status no_overload_error(const std::string& name, const std::vector<SqlType>& types) {
  return Status::error(Errc::invalid_argument,
                       "Function '" + name + "' does not accept parameters (" + type_list(types) + ").");
}

double to_double(const Value& v) {
  if (v.is<int32_t>()) return v.as<int32_t>();
  if (v.is<int64_t>()) return static_cast<double>(v.as<int64_t>());
  if (v.is<double>()) return v.as<double>();
  if (v.is<Decimal>()) return decimal_to_double(v.as<Decimal>());
  return std::numeric_limits<double>::quiet_NaN();
}

int64_t to_int64(const Value& v) {
  if (v.is<int32_t>()) return v.as<int32_t>();
  if (v.is<int64_t>()) return v.as<int64_t>();
  if (v.is<double>()) return static_cast<int64_t>(v.as<double>());
  if (v.is<Decimal>()) {
    const Decimal& d = v.as<Decimal>();
    __int128 u = d.unscaled;
    for (int i = 0; i < d.scale; ++i) u /= 10;
    return static_cast<int64_t>(u);
  }
  return 0;
}

Value convert_numeric(const Value& v, Param to) {
  if (v.is_null()) return v;
  switch (to) {
    case Param::bigint: return v.is<int32_t>() ? Value(int64_t{v.as<int32_t>()}) : v;
    case Param::double_: return v.is<double>() ? v : Value(to_double(v));
    case Param::decimal:
      if (v.is<int32_t>() || v.is<int64_t>()) return Value(Decimal{to_int64(v), 0});
      return v;
    default: return v;
  }
}

std::string java_double_string(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);  // e.g. "-1.2345e-05": shortest round-trip digits
  bool negative = sci[0] == '-';
  if (negative) sci.erase(0, 1);
  std::size_t e = sci.find('e');
  int exponent = std::stoi(sci.substr(e + 1));
  std::string digits;
  for (char c : sci.substr(0, e)) if (c != '.') digits += c;
  std::string out;
  double magnitude = std::fabs(d);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      std::string integer = digits.substr(0, std::min<std::size_t>(digits.size(), exponent + 1));
      while (integer.size() < static_cast<std::size_t>(exponent + 1)) integer += '0';
      std::string fraction = digits.size() > static_cast<std::size_t>(exponent + 1) ? digits.substr(exponent + 1) : "0";
      out = integer + "." + fraction;
    } else {
      out = "0." + std::string(-exponent - 1, '0') + digits;
    }
  } else {
    out = digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0") + "E" + std::to_string(exponent);
  }
  return negative ? "-" + out : out;
}

bool is_number(const Value& v) {
  return v.is<int32_t>() || v.is<int64_t>() || v.is<double>() || v.is<Decimal>();
}

bool values_equal(const Value& a, const Value& b) {
  if (is_number(a) && is_number(b)) return compare_values(a, b) == 0;
  return a == b;
}

Value widen_value(const Value& v, const SqlType& to) {
  if (v.is_null()) return v;
  switch (to.kind) {
    case TypeKind::bigint: return v.is<int32_t>() ? Value(int64_t{v.as<int32_t>()}) : v;
    case TypeKind::double_: return Value(to_double(v));
    case TypeKind::decimal: {
      Decimal d = v.is<Decimal>() ? v.as<Decimal>() : Decimal{to_int64(v), 0};
      return Value(decimal_rescale(d, to.scale));
    }
    default: return v;
  }
}

std::optional<SqlType> common_type(const std::vector<SqlType>& types) {
  std::optional<SqlType> first;
  for (const SqlType& x : types)
    if (!is_null_type(x)) { first = x; break; }
  if (!first) return types.empty() ? std::nullopt : std::optional<SqlType>(types[0]);
  SqlType t = *first;
  for (std::size_t i = 0; i < types.size(); ++i) {
    if (is_null_type(types[i]) || type_equals(t, types[i])) continue;
    if (is_numeric(t) && is_numeric(types[i])) t = widen_numeric(t, types[i]);
    else return std::nullopt;
  }
  return t;
}

ScalarFunction make_function(std::string name, std::string description, std::vector<Overload> overloads) {
  ScalarFunction f;
  f.name = name;
  f.description = std::move(description);
  f.bind = [name, overloads = std::move(overloads)](const std::vector<SqlType>& types,
                                                     const std::vector<Value>& literals) -> Result<BoundScalar> {
    const Overload* best = nullptr;
    int best_cost = std::numeric_limits<int>::max();
    std::vector<SqlType> best_types;
    std::vector<Param> best_params;
    for (const Overload& o : overloads) {
      std::size_t fixed = o.variadic ? o.params.size() - 1 : o.params.size();
      if (o.variadic ? types.size() < fixed : types.size() != fixed) continue;
      int cost = o.variadic ? 1 : 0;  // a fixed-arity overload wins a tie
      std::vector<Param> params;
      std::vector<SqlType> widened;
      bool ok = true;
      for (std::size_t i = 0; i < types.size() && ok; ++i) {
        Param p = i < fixed ? o.params[i] : o.params.back();
        int c = match_cost(p, types[i]);
        if (c == kNoMatch) ok = false;
        cost += c;
        params.push_back(p);
        widened.push_back(widened_type(p, types[i]));
      }
      if (!ok || cost >= best_cost) continue;
      if (o.result && !o.result(widened, literals)) continue;
      best = &o;
      best_cost = cost;
      best_types = std::move(widened);
      best_params = std::move(params);
    }
    if (!best) return no_overload_error(name, types);
    BoundScalar bound;
    bound.result_type = *best->result(best_types, literals);
    bound.null_if_any_null_arg = best->null_if_any_null_arg;
    bool needs_conversion = false;
    for (std::size_t i = 0; i < types.size(); ++i)
      if (types[i].kind != best_types[i].kind && !is_null_type(types[i])) needs_conversion = true;
    ScalarImpl impl = best->make_impl ? best->make_impl(best_types, bound.result_type) : best->impl;
    if (!needs_conversion) {
      bound.impl = impl;
    } else {
      bound.impl = [impl, params = best_params](Args args, EvalErrors& errors) {
        std::vector<Value> converted;
        converted.reserve(args.size());
        for (std::size_t i = 0; i < args.size(); ++i)
          converted.push_back(i < params.size() ? convert_numeric(args[i], params[i]) : args[i]);
        return impl(converted, errors);
      };
    }
    return bound;
  };
  return f;
}

void add_function(FunctionRegistry& r, std::string name, std::vector<Overload> overloads,
                  std::string description) {
  r.add(make_function(std::move(name), std::move(description), std::move(overloads)));
}

}  // namespace tributary::sql::fn
