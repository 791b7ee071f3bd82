// STDDEV_SAMPLE (alias STDDEV_SAMP) and CORRELATION over numeric columns, computed in DOUBLE.
// Both retract (table sources) and merge (session windows). STDDEV_SAMPLE is 0.0 until two
// values arrived, as in ksqlDB; CORRELATION is NaN until the inputs vary.
#include <cmath>

#include "sql/functions/aggregate_util.h"

namespace tributary::sql::agg {
namespace {

bool numeric_arg(const SqlType& t) { return is_numeric(t); }

// State: STRUCT<SUM DOUBLE, COUNT BIGINT, M2 DOUBLE> where M2 is the sum of squared deviations
// from the mean, updated one value at a time (Youngs-Cramer).
class StddevSampleAggregate : public BoundAggregate {
 public:
  SqlType result_type() const override { return make_type(TypeKind::double_); }
  Value init() const override { return state(0.0, 0, 0.0); }
  Value add(const Value& s, Args args) const override {
    if (args[0].is_null()) return s;
    double x = numeric_as_double(args[0]);
    double sum = field(s, 0).as<double>();
    int64_t n = field(s, 1).as<int64_t>();
    double m2 = field(s, 2).as<double>();
    if (n > 0) {
      double delta = x * static_cast<double>(n + 1) - (sum + x);
      m2 += delta * delta / (static_cast<double>(n + 1) * static_cast<double>(n));
    }
    return state(sum + x, n + 1, m2);
  }
  bool supports_undo() const override { return true; }
  Value undo(const Value& s, Args args) const override {
    if (args[0].is_null()) return s;
    double x = numeric_as_double(args[0]);
    double sum = field(s, 0).as<double>();
    int64_t n = field(s, 1).as<int64_t>();
    double m2 = field(s, 2).as<double>();
    if (n <= 1) return init();
    double delta = x * static_cast<double>(n) - sum;
    m2 -= delta * delta / (static_cast<double>(n) * static_cast<double>(n - 1));
    return state(sum - x, n - 1, m2);
  }
  Value merge(const Value& a, const Value& b) const override {
    double sum_a = field(a, 0).as<double>(), sum_b = field(b, 0).as<double>();
    int64_t n_a = field(a, 1).as<int64_t>(), n_b = field(b, 1).as<int64_t>();
    double m2 = field(a, 2).as<double>() + field(b, 2).as<double>();
    if (n_a > 0 && n_b > 0) {
      double gap = sum_a / static_cast<double>(n_a) - sum_b / static_cast<double>(n_b);
      m2 += static_cast<double>(n_a) * static_cast<double>(n_b) * gap * gap /
            static_cast<double>(n_a + n_b);
    }
    return state(sum_a + sum_b, n_a + n_b, m2);
  }
  Value result(const Value& s) const override {
    int64_t n = field(s, 1).as<int64_t>();
    if (n < 2) return 0.0;
    return std::sqrt(field(s, 2).as<double>() / static_cast<double>(n - 1));
  }

 private:
  static Value state(double sum, int64_t count, double m2) {
    return Value::struct_({sum, count, m2});
  }
};

// State: STRUCT<X_SUM, Y_SUM, X_SQUARED_SUM, Y_SQUARED_SUM, XY_SUM (DOUBLE), COUNT BIGINT>;
// pairs with a NULL side are skipped.
class CorrelationAggregate : public BoundAggregate {
 public:
  SqlType result_type() const override { return make_type(TypeKind::double_); }
  Value init() const override { return Value::struct_({0.0, 0.0, 0.0, 0.0, 0.0, int64_t{0}}); }
  Value add(const Value& s, Args args) const override { return step(s, args, 1); }
  bool supports_undo() const override { return true; }
  Value undo(const Value& s, Args args) const override { return step(s, args, -1); }
  Value merge(const Value& a, const Value& b) const override {
    StructFields out;
    for (std::size_t i = 0; i < 5; ++i) out.push_back(d(a, i) + d(b, i));
    out.push_back(field(a, 5).as<int64_t>() + field(b, 5).as<int64_t>());
    return Value::struct_(std::move(out));
  }
  Value result(const Value& s) const override {
    double n = static_cast<double>(field(s, 5).as<int64_t>());
    double sx = d(s, 0), sy = d(s, 1), sxx = d(s, 2), syy = d(s, 3), sxy = d(s, 4);
    double numerator = n * sxy - sx * sy;
    double denominator = std::sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    return numerator / denominator;
  }

 private:
  static double d(const Value& s, std::size_t i) { return field(s, i).as<double>(); }
  static Value step(const Value& s, Args args, int sign) {
    if (args[0].is_null() || args[1].is_null()) return s;
    double x = numeric_as_double(args[0]), y = numeric_as_double(args[1]);
    return Value::struct_({d(s, 0) + sign * x, d(s, 1) + sign * y, d(s, 2) + sign * x * x,
                           d(s, 3) + sign * y * y, d(s, 4) + sign * x * y,
                           field(s, 5).as<int64_t>() + sign});
  }
};

AggregateFunction stddev(const std::string& name) {
  return {name, "Sample standard deviation of a numeric column.",
          [name](const std::vector<SqlType>& types, const std::vector<Value>&) -> BindResult {
            if (types.size() != 1 || !numeric_arg(types[0])) return unsupported_args(name, types);
            return std::unique_ptr<BoundAggregate>(new StddevSampleAggregate());
          }};
}

}  // namespace

void register_statistics_aggregates(FunctionRegistry& r) {
  r.add(stddev("STDDEV_SAMPLE"));
  r.add(stddev("STDDEV_SAMP"));
  r.add(AggregateFunction{
      "CORRELATION", "Pearson correlation coefficient of two numeric columns.",
      [](const std::vector<SqlType>& types, const std::vector<Value>&) -> BindResult {
        if (types.size() != 2 || !numeric_arg(types[0]) || !numeric_arg(types[1]))
          return unsupported_args("CORRELATION", types);
        return std::unique_ptr<BoundAggregate>(new CorrelationAggregate());
      }});
}

}  // namespace tributary::sql::agg
