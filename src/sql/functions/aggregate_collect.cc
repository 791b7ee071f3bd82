// COLLECT_LIST, COLLECT_SET, HISTOGRAM and COUNT_DISTINCT: aggregates whose state is the
// collection itself (an ARRAY or a MAP Value), capped like ksqlDB so a hot key cannot grow its
// state without bound. COUNT_DISTINCT counts exactly (ksqlDB estimates with HyperLogLog).
#include <algorithm>
#include <limits>

#include "sql/functions/aggregate_util.h"

namespace tributary::sql::agg {
namespace {

// A negative limit means "no limit", as ksqlDB's collect limits do.
std::size_t effective_limit(int64_t limit) {
  return limit < 0 ? std::numeric_limits<std::size_t>::max() : static_cast<std::size_t>(limit);
}

bool contains(const Array& items, const Value& v) {
  return std::find(items.begin(), items.end(), v) != items.end();
}

// ---- COLLECT_LIST --------------------------------------------------------------------------

// Keeps NULLs. Undo removes the last equal entry (ksqlDB cannot tell which insertion a
// retraction belongs to, and an entry dropped by the cap is simply not found).
class CollectListAggregate : public BoundAggregate {
 public:
  CollectListAggregate(SqlType element, int64_t limit)
      : element_(std::move(element)), limit_(effective_limit(limit)) {}
  SqlType result_type() const override { return make_array(element_); }
  Value init() const override { return Value::array({}); }
  Value add(const Value& state, Args args) const override {
    const Array& items = state.as_array();
    if (items.size() >= limit_) return state;
    Array next = items;
    next.push_back(args[0]);
    return Value::array(std::move(next));
  }
  bool supports_undo() const override { return true; }
  Value undo(const Value& state, Args args) const override {
    const Array& items = state.as_array();
    auto it = std::find(items.rbegin(), items.rend(), args[0]);
    if (it == items.rend()) return state;
    Array next = items;
    next.erase(next.begin() + (std::distance(it, items.rend()) - 1));
    return Value::array(std::move(next));
  }
  Value merge(const Value& a, const Value& b) const override {
    Array next = a.as_array();
    for (const Value& v : b.as_array()) {
      if (next.size() >= limit_) break;
      next.push_back(v);
    }
    return Value::array(std::move(next));
  }
  Value result(const Value& state) const override { return state; }

 private:
  SqlType element_;
  std::size_t limit_;
};

// ---- COLLECT_SET ---------------------------------------------------------------------------

// Distinct values in first-seen order (NULL counts as a value); stream sources only.
class CollectSetAggregate : public BoundAggregate {
 public:
  CollectSetAggregate(SqlType element, int64_t limit)
      : element_(std::move(element)), limit_(effective_limit(limit)) {}
  SqlType result_type() const override { return make_array(element_); }
  Value init() const override { return Value::array({}); }
  Value add(const Value& state, Args args) const override {
    const Array& items = state.as_array();
    if (items.size() >= limit_ || contains(items, args[0])) return state;
    Array next = items;
    next.push_back(args[0]);
    return Value::array(std::move(next));
  }
  Value merge(const Value& a, const Value& b) const override {
    Array next = a.as_array();
    for (const Value& v : b.as_array()) {
      if (next.size() >= limit_) break;
      if (!contains(next, v)) next.push_back(v);
    }
    return Value::array(std::move(next));
  }
  Value result(const Value& state) const override { return state; }

 private:
  SqlType element_;
  std::size_t limit_;
};

// ---- HISTOGRAM -----------------------------------------------------------------------------

// MAP<STRING, BIGINT> of occurrences in first-seen order, at most 1000 distinct strings; a count
// retracted to zero removes its entry. NULL strings are not counted.
class HistogramAggregate : public BoundAggregate {
 public:
  SqlType result_type() const override {
    return make_map(make_type(TypeKind::string), make_type(TypeKind::bigint));
  }
  Value init() const override { return Value::map({}); }
  Value add(const Value& state, Args args) const override {
    return args[0].is_null() ? state : bump(state, args[0], 1);
  }
  bool supports_undo() const override { return true; }
  Value undo(const Value& state, Args args) const override {
    return args[0].is_null() ? state : bump(state, args[0], -1);
  }
  Value merge(const Value& a, const Value& b) const override {
    Value out = a;
    for (const auto& [key, count] : b.as_map()) out = bump(out, key, count.as<int64_t>());
    return out;
  }
  Value result(const Value& state) const override { return state; }

 private:
  static Value bump(const Value& state, const Value& key, int64_t delta) {
    MapEntries next = state.as_map();
    auto it = std::find_if(next.begin(), next.end(), [&](const auto& e) { return e.first == key; });
    if (it == next.end()) {
      if (delta <= 0 || next.size() >= static_cast<std::size_t>(kDefaultCollectLimit)) return state;
      next.emplace_back(key, Value(delta));
    } else {
      int64_t count = it->second.as<int64_t>() + delta;
      if (count < 1)
        next.erase(it);
      else
        it->second = Value(count);
    }
    return Value::map(std::move(next));
  }
};

// ---- COUNT_DISTINCT ------------------------------------------------------------------------

// State: the distinct non-NULL values, sorted so lookups are binary searches.
class CountDistinctAggregate : public BoundAggregate {
 public:
  SqlType result_type() const override { return make_type(TypeKind::bigint); }
  Value init() const override { return Value::array({}); }
  Value add(const Value& state, Args args) const override {
    if (args[0].is_null()) return state;
    const Array& items = state.as_array();
    auto it = lower(items, args[0]);
    if (it != items.end() && compare_values(*it, args[0]) == 0) return state;
    Array next;
    next.reserve(items.size() + 1);
    next.insert(next.end(), items.begin(), it);
    next.push_back(args[0]);
    next.insert(next.end(), it, items.end());
    return Value::array(std::move(next));
  }
  Value merge(const Value& a, const Value& b) const override {
    Value out = a;
    for (const Value& v : b.as_array()) out = add(out, std::span<const Value>(&v, 1));
    return out;
  }
  Value result(const Value& state) const override {
    return static_cast<int64_t>(state.as_array().size());
  }

 private:
  static Array::const_iterator lower(const Array& items, const Value& v) {
    return std::lower_bound(items.begin(), items.end(), v, [](const Value& a, const Value& b) {
      return compare_values(a, b) < 0;
    });
  }
};

using Types = std::vector<SqlType>;
using Literals = std::vector<Value>;

}  // namespace

BindResult bind_collect_list(const Types& types, int64_t limit) {
  if (types.size() != 1) return unsupported_args("COLLECT_LIST", types);
  return std::unique_ptr<BoundAggregate>(new CollectListAggregate(types[0], limit));
}

BindResult bind_collect_set(const Types& types, int64_t limit) {
  if (types.size() != 1) return unsupported_args("COLLECT_SET", types);
  return std::unique_ptr<BoundAggregate>(new CollectSetAggregate(types[0], limit));
}

void register_collect_aggregates(FunctionRegistry& r) {
  r.add(AggregateFunction{
      "COLLECT_LIST",
      "Array of every value of the column, up to ksql.functions.collect_list.limit.",
      [](const Types& types, const Literals&) {
        return bind_collect_list(types, kDefaultCollectLimit);
      }});
  r.add(AggregateFunction{
      "COLLECT_SET",
      "Array of the distinct values of the column, up to ksql.functions.collect_set.limit.",
      [](const Types& types, const Literals&) {
        return bind_collect_set(types, kDefaultCollectLimit);
      }});
  r.add(AggregateFunction{"HISTOGRAM",
                          "Map of each distinct string to the number of times it occurs.",
                          [](const Types& types, const Literals&) -> BindResult {
                            if (types.size() != 1 || types[0].kind != TypeKind::string)
                              return unsupported_args("HISTOGRAM", types);
                            return std::unique_ptr<BoundAggregate>(new HistogramAggregate());
                          }});
  r.add(AggregateFunction{"COUNT_DISTINCT", "Number of distinct non-NULL values of the column.",
                          [](const Types& types, const Literals&) -> BindResult {
                            if (types.size() != 1) return unsupported_args("COUNT_DISTINCT", types);
                            return std::unique_ptr<BoundAggregate>(new CountDistinctAggregate());
                          }});
}

}  // namespace tributary::sql::agg
