// LATEST_BY_OFFSET and EARLIEST_BY_OFFSET, with ksqlDB's optional arguments:
//   f(col), f(col, ignoreNulls), f(col, n), f(col, n, ignoreNulls)   (ignoreNulls defaults true)
// The n forms return ARRAY<type> of the last/first n values in offset order. Records reach an
// aggregate in offset order, so an entry remembers its arrival number: merging two session
// states then still knows which value came first.
#include <algorithm>

#include "sql/functions/aggregate_util.h"

namespace tributary::sql::agg {
namespace {

// One kept value: STRUCT<SEQ BIGINT, VAL type>.
Value entry(const Value& v) { return Value::struct_({next_arrival_sequence(), v}); }
int64_t seq_of(const Value& e) { return field(e, 0).as<int64_t>(); }

// State: NULL until a value is kept, then one entry.
class SingleByOffset : public BoundAggregate {
 public:
  SingleByOffset(SqlType type, bool latest, bool ignore_nulls)
      : type_(std::move(type)), latest_(latest), ignore_nulls_(ignore_nulls) {}
  SqlType result_type() const override { return type_; }
  Value init() const override { return Value(); }
  Value add(const Value& state, Args args) const override {
    if (ignore_nulls_ && args[0].is_null()) return state;
    if (!latest_ && !state.is_null()) return state;
    return entry(args[0]);
  }
  Value merge(const Value& a, const Value& b) const override {
    if (a.is_null()) return b;
    if (b.is_null()) return a;
    bool a_first = seq_of(a) <= seq_of(b);
    return (latest_ ? !a_first : a_first) ? a : b;
  }
  Value result(const Value& state) const override {
    return state.is_null() ? Value() : field(state, 1);
  }

 private:
  SqlType type_;
  bool latest_;
  bool ignore_nulls_;
};

// State: ARRAY of at most n entries in arrival order.
class NByOffset : public BoundAggregate {
 public:
  NByOffset(SqlType type, bool latest, bool ignore_nulls, std::size_t n)
      : type_(std::move(type)), latest_(latest), ignore_nulls_(ignore_nulls), n_(n) {}
  SqlType result_type() const override { return make_array(type_); }
  Value init() const override { return Value::array({}); }
  Value add(const Value& state, Args args) const override {
    if (ignore_nulls_ && args[0].is_null()) return state;
    const Array& entries = state.as_array();
    if (!latest_ && entries.size() >= n_) return state;
    Array next = entries;
    next.push_back(entry(args[0]));
    return Value::array(keep(std::move(next)));
  }
  Value merge(const Value& a, const Value& b) const override {
    Array all = a.as_array();
    all.insert(all.end(), b.as_array().begin(), b.as_array().end());
    std::stable_sort(all.begin(), all.end(),
                     [](const Value& x, const Value& y) { return seq_of(x) < seq_of(y); });
    return Value::array(keep(std::move(all)));
  }
  Value result(const Value& state) const override {
    Array values;
    for (const Value& e : state.as_array()) values.push_back(field(e, 1));
    return Value::array(std::move(values));
  }

 private:
  // Latest keeps the newest n entries, earliest the oldest n.
  Array keep(Array entries) const {
    if (entries.size() <= n_) return entries;
    if (latest_)
      entries.erase(entries.begin(), entries.end() - static_cast<std::ptrdiff_t>(n_));
    else
      entries.resize(n_);
    return entries;
  }
  SqlType type_;
  bool latest_;
  bool ignore_nulls_;
  std::size_t n_;
};

AggregateFunction by_offset(const std::string& name, bool latest, std::string description) {
  return {name, std::move(description),
          [name, latest](const std::vector<SqlType>& types,
                         const std::vector<Value>& literals) -> BindResult {
            auto kind_at = [&](std::size_t i) { return types[i].kind; };
            bool ignore_nulls = true;
            int64_t n = 0;  // 0: the single-value form
            if (types.empty() || types.size() > 3) return unsupported_args(name, types);
            if (types.size() == 2 && kind_at(1) == TypeKind::boolean) {
              auto flag = literal_bool(name, "ignoreNulls", types, literals, 1);
              if (!flag.ok()) return flag.status();
              ignore_nulls = *flag;
            } else if (types.size() >= 2) {
              if (!is_integral(types[1]) || (types.size() == 3 && kind_at(2) != TypeKind::boolean))
                return unsupported_args(name, types);
              auto count = literal_int(name, "N", types, literals, 1);
              if (!count.ok()) return count.status();
              if (*count < 1)
                return Status::error(
                    Errc::invalid_argument,
                    "For " + name + ", N must be positive. It was " + std::to_string(*count) + ".");
              n = *count;
              if (types.size() == 3) {
                auto flag = literal_bool(name, "ignoreNulls", types, literals, 2);
                if (!flag.ok()) return flag.status();
                ignore_nulls = *flag;
              }
            }
            if (n == 0)
              return std::unique_ptr<BoundAggregate>(
                  new SingleByOffset(types[0], latest, ignore_nulls));
            return std::unique_ptr<BoundAggregate>(
                new NByOffset(types[0], latest, ignore_nulls, static_cast<std::size_t>(n)));
          }};
}

}  // namespace

void register_offset_aggregates(FunctionRegistry& r) {
  r.add(
      by_offset("LATEST_BY_OFFSET", true,
                "The value (or last N values) with the highest offset; NULLs ignored by default."));
  r.add(
      by_offset("EARLIEST_BY_OFFSET", false,
                "The value (or first N values) with the lowest offset; NULLs ignored by default."));
}

}  // namespace tributary::sql::agg
