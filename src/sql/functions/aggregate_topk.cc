// TOPK(col, k), TOPK(col, other1, ..., k) and TOPKDISTINCT(col, k): the k greatest non-NULL
// values, sorted descending. With extra columns TOPK returns
// ARRAY<STRUCT<sort_col T, col0 T0, col1 T1, ...>> ordered by sort_col; among equal sort values
// the earlier record ranks first. Stream sources only (no retraction).
#include <algorithm>

#include "sql/functions/aggregate_util.h"

namespace tributary::sql::agg {
namespace {

bool sortable(const SqlType& t) {
  switch (t.kind) {
    case TypeKind::int_:
    case TypeKind::bigint:
    case TypeKind::double_:
    case TypeKind::decimal:
    case TypeKind::string:
    case TypeKind::date:
    case TypeKind::time:
    case TypeKind::timestamp:
    case TypeKind::bytes:
      return true;
    default:
      return false;
  }
}

// State: ARRAY of the kept items, greatest first; an item is the value itself, or with extra
// columns the result STRUCT whose field 0 is the sort value.
class TopKAggregate : public BoundAggregate {
 public:
  TopKAggregate(SqlType item_type, std::size_t k, std::size_t extra_columns, bool distinct)
      : item_type_(std::move(item_type)), k_(k), extra_(extra_columns), distinct_(distinct) {}
  SqlType result_type() const override { return make_array(item_type_); }
  Value init() const override { return Value::array({}); }

  Value add(const Value& state, Args args) const override {
    if (args[0].is_null()) return state;
    const Array& items = state.as_array();
    // First position whose sort value is strictly smaller: ties stay behind earlier records.
    auto pos = std::find_if(items.begin(), items.end(), [&](const Value& item) {
      return compare_values(key(item), args[0]) < 0;
    });
    if (distinct_ && pos != items.begin() && compare_values(key(*(pos - 1)), args[0]) == 0)
      return state;
    if (static_cast<std::size_t>(pos - items.begin()) >= k_) return state;
    Array next;
    next.reserve(std::min(items.size() + 1, k_));
    next.insert(next.end(), items.begin(), pos);
    next.push_back(make_item(args));
    next.insert(next.end(), pos, items.end());
    if (next.size() > k_) next.resize(k_);
    return Value::array(std::move(next));
  }

  Value merge(const Value& a, const Value& b) const override {
    const Array& x = a.as_array();
    const Array& y = b.as_array();
    Array out;
    std::size_t i = 0, j = 0;
    while (out.size() < k_ && (i < x.size() || j < y.size())) {
      bool take_x = j >= y.size() || (i < x.size() && compare_values(key(x[i]), key(y[j])) >= 0);
      const Value& item = take_x ? x[i++] : y[j++];
      if (distinct_ && !out.empty() && compare_values(key(out.back()), key(item)) == 0) continue;
      out.push_back(item);
    }
    return Value::array(std::move(out));
  }

  Value result(const Value& state) const override { return state; }

 private:
  const Value& key(const Value& item) const { return extra_ ? field(item, 0) : item; }
  Value make_item(Args args) const {
    if (!extra_) return args[0];
    StructFields fields(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(extra_ + 1));
    return Value::struct_(std::move(fields));
  }

  SqlType item_type_;
  std::size_t k_;
  std::size_t extra_;
  bool distinct_;
};

BindResult bind_topk(const std::string& name, bool distinct, const std::vector<SqlType>& types,
                     const std::vector<Value>& literals) {
  bool shape_ok = distinct ? types.size() == 2 : types.size() >= 2;
  if (!shape_ok || !sortable(types[0]) || !is_integral(types.back()))
    return unsupported_args(name, types);
  auto k = literal_int(name, "k", types, literals, types.size() - 1);
  if (!k.ok()) return k.status();
  if (*k < 1)
    return Status::error(Errc::invalid_argument, "For " + name + ", k must be positive. It was " +
                                                     std::to_string(*k) + ".");
  std::size_t extra = types.size() - 2;
  SqlType item = types[0];
  if (extra > 0) {
    std::vector<std::pair<std::string, SqlType>> fields{{"sort_col", types[0]}};
    for (std::size_t i = 0; i < extra; ++i)
      fields.emplace_back("col" + std::to_string(i), types[i + 1]);
    item = make_struct(std::move(fields));
  }
  return std::unique_ptr<BoundAggregate>(
      new TopKAggregate(item, static_cast<std::size_t>(*k), extra, distinct));
}

}  // namespace

void register_topk_aggregates(FunctionRegistry& r) {
  r.add(AggregateFunction{"TOPK", "The k greatest values of a column, greatest first.",
                          [](const std::vector<SqlType>& t, const std::vector<Value>& l) {
                            return bind_topk("TOPK", false, t, l);
                          }});
  r.add(AggregateFunction{"TOPKDISTINCT", "The k greatest distinct values of a column.",
                          [](const std::vector<SqlType>& t, const std::vector<Value>& l) {
                            return bind_topk("TOPKDISTINCT", true, t, l);
                          }});
}

}  // namespace tributary::sql::agg
