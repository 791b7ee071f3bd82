// COUNT, SUM, SUM_LIST, AVG, MIN and MAX, with ksqlDB's types: SUM keeps its argument's type
// (INT sums wrap like Java ints), AVG returns DOUBLE (0.0 before any non-NULL value), MIN/MAX
// keep the argument's type and cannot retract (stream sources only). NULL arguments are skipped.
#include <cmath>

#include "sql/functions/aggregate_util.h"

namespace tributary::sql::agg {
namespace {

int64_t as_i64(const Value& v) {
  if (v.is<int32_t>()) return v.as<int32_t>();
  if (v.is<int64_t>()) return v.as<int64_t>();
  return static_cast<int64_t>(numeric_as_double(v));
}

__int128 pow10(int n) {
  __int128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

// ---- COUNT ---------------------------------------------------------------------------------

class CountAggregate : public BoundAggregate {
 public:
  explicit CountAggregate(bool star) : star_(star) {}
  SqlType result_type() const override { return make_type(TypeKind::bigint); }
  Value init() const override { return int64_t{0}; }
  Value add(const Value& state, Args args) const override {
    return counts(args) ? Value(state.as<int64_t>() + 1) : state;
  }
  void add_to(Value& state, Args args) const override {
    if (counts(args)) ++std::get<int64_t>(state.v);
  }
  bool supports_undo() const override { return true; }
  Value undo(const Value& state, Args args) const override {
    return counts(args) ? Value(state.as<int64_t>() - 1) : state;
  }
  Value merge(const Value& a, const Value& b) const override {
    return a.as<int64_t>() + b.as<int64_t>();
  }
  Value result(const Value& state) const override { return state; }

 private:
  bool counts(Args args) const { return star_ || (!args.empty() && !args[0].is_null()); }
  bool star_;
};

// ---- SUM -----------------------------------------------------------------------------------

// Sum arithmetic for one numeric type; the state is the running sum of that type.
class NumericSum {
 public:
  explicit NumericSum(SqlType type) : type_(std::move(type)) {}
  const SqlType& type() const { return type_; }

  Value zero() const {
    switch (type_.kind) {
      case TypeKind::int_:
        return int32_t{0};
      case TypeKind::bigint:
        return int64_t{0};
      case TypeKind::decimal:
        return Decimal{0, type_.scale};
      default:
        return 0.0;
    }
  }
  // sum + sign * v; a DECIMAL result that no longer fits the type keeps the old sum (ksqlDB
  // fails that record with "Numeric field overflow").
  Value combine(const Value& sum, const Value& v, int sign) const {
    switch (type_.kind) {
      case TypeKind::int_:
        return wrap_add(static_cast<int32_t>(as_i64(sum)), static_cast<int32_t>(sign * as_i64(v)));
      case TypeKind::bigint:
        return wrap_add(as_i64(sum), sign * as_i64(v));
      case TypeKind::decimal: {
        Decimal a = decimal_rescale(sum.as<Decimal>(), type_.scale);
        Decimal b = v.is<Decimal>() ? decimal_rescale(v.as<Decimal>(), type_.scale)
                                    : Decimal{static_cast<__int128>(as_i64(v)) * pow10(type_.scale),
                                              type_.scale};
        Decimal r{a.unscaled + sign * b.unscaled, type_.scale};
        __int128 limit = pow10(type_.precision);
        if (r.unscaled >= limit || r.unscaled <= -limit) return sum;
        return r;
      }
      default:
        return numeric_as_double(sum) + sign * numeric_as_double(v);
    }
  }

 private:
  SqlType type_;
};

bool summable(const SqlType& t) { return is_int_bigint_double(t) || t.kind == TypeKind::decimal; }

class SumAggregate : public BoundAggregate {
 public:
  explicit SumAggregate(SqlType type) : sum_(std::move(type)) {}
  SqlType result_type() const override { return sum_.type(); }
  Value init() const override { return sum_.zero(); }
  Value add(const Value& state, Args args) const override {
    return args[0].is_null() ? state : sum_.combine(state, args[0], +1);
  }
  void add_to(Value& state, Args args) const override {
    const Value& v = args[0];
    if (v.is_null()) return;
    if (state.is<double>() && v.is<double>()) {
      std::get<double>(state.v) += v.as<double>();
    } else {
      state = sum_.combine(state, v, +1);
    }
  }
  bool supports_undo() const override { return true; }
  Value undo(const Value& state, Args args) const override {
    return args[0].is_null() ? state : sum_.combine(state, args[0], -1);
  }
  Value merge(const Value& a, const Value& b) const override { return sum_.combine(a, b, +1); }
  Value result(const Value& state) const override { return state; }

 private:
  NumericSum sum_;
};

// SUM_LIST(ARRAY<n>): adds every non-NULL element of each array.
class SumListAggregate : public BoundAggregate {
 public:
  explicit SumListAggregate(SqlType element) : sum_(std::move(element)) {}
  SqlType result_type() const override { return sum_.type(); }
  Value init() const override { return sum_.zero(); }
  Value add(const Value& state, Args args) const override { return fold(state, args[0], +1); }
  bool supports_undo() const override { return true; }
  Value undo(const Value& state, Args args) const override { return fold(state, args[0], -1); }
  Value merge(const Value& a, const Value& b) const override { return sum_.combine(a, b, +1); }
  Value result(const Value& state) const override { return state; }

 private:
  Value fold(Value state, const Value& list, int sign) const {
    if (!list.is_array()) return state;
    for (const Value& item : list.as_array())
      if (!item.is_null()) state = sum_.combine(state, item, sign);
    return state;
  }
  NumericSum sum_;
};

// ---- AVG -----------------------------------------------------------------------------------

// State: STRUCT<SUM (argument's type; DOUBLE for DECIMAL), COUNT BIGINT>.
class AvgAggregate : public BoundAggregate {
 public:
  explicit AvgAggregate(SqlType sum_type) : sum_(std::move(sum_type)) {}
  SqlType result_type() const override { return make_type(TypeKind::double_); }
  Value init() const override { return Value::struct_({sum_.zero(), int64_t{0}}); }
  Value add(const Value& state, Args args) const override { return step(state, args[0], +1); }
  void add_to(Value& state, Args args) const override {
    const Value& v = args[0];
    StructFields* fields = state.mutable_struct();
    if (!fields || v.is_null()) {
      state = add(state, args);
      return;
    }
    Value& sum = (*fields)[0];
    if (sum.is<double>() && v.is<double>()) {
      std::get<double>(sum.v) += v.as<double>();  // DOUBLE columns, the common case: no Value built
    } else {
      sum = sum_.combine(sum, v.is<Decimal>() ? Value(decimal_to_double(v.as<Decimal>())) : v, +1);
    }
    ++std::get<int64_t>((*fields)[1].v);
  }
  bool supports_undo() const override { return true; }
  Value undo(const Value& state, Args args) const override { return step(state, args[0], -1); }
  Value merge(const Value& a, const Value& b) const override {
    return Value::struct_({sum_.combine(field(a, 0), field(b, 0), +1),
                           field(a, 1).as<int64_t>() + field(b, 1).as<int64_t>()});
  }
  Value result(const Value& state) const override {
    int64_t count = field(state, 1).as<int64_t>();
    if (count == 0) return 0.0;
    return numeric_as_double(field(state, 0)) / static_cast<double>(count);
  }

 private:
  Value step(const Value& state, const Value& v, int sign) const {
    if (v.is_null()) return state;
    Value x = v.is<Decimal>() ? Value(decimal_to_double(v.as<Decimal>())) : v;
    return Value::struct_(
        {sum_.combine(field(state, 0), x, sign), field(state, 1).as<int64_t>() + sign});
  }
  NumericSum sum_;
};

// ---- MIN / MAX -----------------------------------------------------------------------------

bool orderable(const SqlType& t) {
  switch (t.kind) {
    case TypeKind::int_:
    case TypeKind::bigint:
    case TypeKind::double_:
    case TypeKind::decimal:
    case TypeKind::date:
    case TypeKind::time:
    case TypeKind::timestamp:
    case TypeKind::string:
    case TypeKind::bytes:
      return true;
    default:
      return false;
  }
}

// State: NULL until the first non-NULL value, then the extreme so far.
class ExtremeAggregate : public BoundAggregate {
 public:
  ExtremeAggregate(SqlType type, bool max) : type_(std::move(type)), max_(max) {}
  SqlType result_type() const override { return type_; }
  Value init() const override { return Value(); }
  Value add(const Value& state, Args args) const override { return pick(state, args[0]); }
  Value merge(const Value& a, const Value& b) const override { return pick(a, b); }
  Value result(const Value& state) const override { return state; }

 private:
  Value pick(const Value& current, const Value& candidate) const {
    if (candidate.is_null()) return current;
    if (current.is_null()) return candidate;
    int c = compare_values(candidate, current);
    return (max_ ? c > 0 : c < 0) ? candidate : current;
  }
  SqlType type_;
  bool max_;
};

// ---- binders -------------------------------------------------------------------------------

using Types = std::vector<SqlType>;
using Literals = std::vector<Value>;

BindResult bind_count(const Types& types, const Literals&) {
  if (types.size() > 1) return unsupported_args("COUNT", types);
  return std::unique_ptr<BoundAggregate>(new CountAggregate(types.empty()));
}

BindResult bind_sum(const Types& types, const Literals&) {
  if (types.size() != 1 || !summable(types[0])) return unsupported_args("SUM", types);
  return std::unique_ptr<BoundAggregate>(new SumAggregate(types[0]));
}

BindResult bind_sum_list(const Types& types, const Literals&) {
  if (types.size() != 1 || types[0].kind != TypeKind::array ||
      !is_int_bigint_double(types[0].params.at(0)))
    return unsupported_args("SUM_LIST", types);
  return std::unique_ptr<BoundAggregate>(new SumListAggregate(types[0].params[0]));
}

BindResult bind_avg(const Types& types, const Literals&) {
  if (types.size() != 1 || !summable(types[0])) return unsupported_args("AVG", types);
  SqlType sum_type = types[0].kind == TypeKind::decimal ? make_type(TypeKind::double_) : types[0];
  return std::unique_ptr<BoundAggregate>(new AvgAggregate(sum_type));
}

AggregateFunction extreme(const std::string& name, bool max, std::string description) {
  return {name, std::move(description),
          [name, max](const Types& types, const Literals&) -> BindResult {
            if (types.size() != 1 || !orderable(types[0])) return unsupported_args(name, types);
            return std::unique_ptr<BoundAggregate>(new ExtremeAggregate(types[0], max));
          }};
}

}  // namespace

void register_basic_aggregates(FunctionRegistry& r) {
  r.add(AggregateFunction{"COUNT", "Counts rows; COUNT(col) counts rows where col is not NULL.",
                          bind_count});
  r.add(AggregateFunction{"SUM", "Sums the non-NULL values of a column.", bind_sum});
  r.add(AggregateFunction{"SUM_LIST", "Sums the non-NULL elements of an array column.",
                          bind_sum_list});
  r.add(AggregateFunction{"AVG", "Average of the non-NULL values of a numeric column.", bind_avg});
  r.add(extreme("MIN", false, "Minimum non-NULL value of a column."));
  r.add(extreme("MAX", true, "Maximum non-NULL value of a column."));
}

}  // namespace tributary::sql::agg
