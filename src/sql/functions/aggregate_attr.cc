// ATTR(col): the column's value when every row of the group holds the same value (NULL counts as
// a value), otherwise NULL. It works on tables, so the state counts each distinct value still
// present: ARRAY<STRUCT<VALUE type, COUNT BIGINT>>, entries dropped when their count reaches 0.
#include <algorithm>

#include "sql/functions/aggregate_util.h"

namespace tributary::sql::agg {
namespace {

class AttrAggregate : public BoundAggregate {
 public:
  explicit AttrAggregate(SqlType type) : type_(std::move(type)) {}
  SqlType result_type() const override { return type_; }
  Value init() const override { return Value::array({}); }
  Value add(const Value& state, Args args) const override { return bump(state, args[0], 1); }
  bool supports_undo() const override { return true; }
  Value undo(const Value& state, Args args) const override { return bump(state, args[0], -1); }
  Value merge(const Value& a, const Value& b) const override {
    Value out = a;
    for (const Value& e : b.as_array()) out = bump(out, field(e, 0), field(e, 1).as<int64_t>());
    return out;
  }
  Value result(const Value& state) const override {
    const Array& entries = state.as_array();
    return entries.size() == 1 ? field(entries[0], 0) : Value();
  }

 private:
  static Value bump(const Value& state, const Value& v, int64_t delta) {
    Array next = state.as_array();
    auto it =
        std::find_if(next.begin(), next.end(), [&](const Value& e) { return field(e, 0) == v; });
    if (it == next.end()) {
      if (delta <= 0) return state;
      next.push_back(Value::struct_({v, delta}));
    } else {
      int64_t count = field(*it, 1).as<int64_t>() + delta;
      if (count < 1)
        next.erase(it);
      else
        *it = Value::struct_({v, count});
    }
    return Value::array(std::move(next));
  }
  SqlType type_;
};

}  // namespace

void register_attr_aggregate(FunctionRegistry& r) {
  r.add(AggregateFunction{
      "ATTR", "The single value of a column in the group, or NULL when it holds several.",
      [](const std::vector<SqlType>& types, const std::vector<Value>&) -> BindResult {
        if (types.size() != 1) return unsupported_args("ATTR", types);
        return std::unique_ptr<BoundAggregate>(new AttrAggregate(types[0]));
      }});
}

}  // namespace tributary::sql::agg
