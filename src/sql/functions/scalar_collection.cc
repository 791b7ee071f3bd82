// Array and map functions (the lambda ones, TRANSFORM/FILTER/REDUCE, live with the expression
// binder). Generic over element types: result callbacks check that element types agree.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "sql/functions/function_util.h"

namespace tributary::sql {
namespace {

using fn::Args;
using fn::Overload;
using fn::Param;
using fn::ResultFn;

using TypeCheck = std::function<std::optional<SqlType>(const std::vector<SqlType>&)>;
ResultFn check(TypeCheck f) {
  return [f](const std::vector<SqlType>& t, const std::vector<Value>&) { return f(t); };
}

bool is_primitive(const SqlType& t) {
  return t.kind != TypeKind::array && t.kind != TypeKind::map && t.kind != TypeKind::struct_;
}

// Two arrays of one element type (numbers widen): that array type.
std::optional<SqlType> same_arrays(const std::vector<SqlType>& t) {
  auto e = fn::common_type({t[0].params[0], t[1].params[0]});
  if (!e) return std::nullopt;
  return make_array(*e);
}

// An array and a value of its element type: the element type.
std::optional<SqlType> array_and_element(const std::vector<SqlType>& t) {
  if (!fn::common_type({t[0].params[0], t[1]})) return std::nullopt;
  return t[0].params[0];
}

bool contains(const Array& a, const Value& v) {
  return std::any_of(a.begin(), a.end(), [&](const Value& x) { return fn::values_equal(x, v); });
}

Array distinct(const Array& a) {
  Array out;
  for (const Value& v : a)
    if (!contains(out, v)) out.push_back(v);
  return out;
}

Array widen_all(const Array& a, const SqlType& element) {
  Array out;
  out.reserve(a.size());
  for (const Value& v : a) out.push_back(fn::widen_value(v, element));
  return out;
}

// Set operations over two arrays whose elements are widened to the result's element type.
Overload set_operation(std::function<Array(const Array&, const Array&)> op) {
  Overload o{{Param::array, Param::array}, check(same_arrays), nullptr};
  o.make_impl = [op](const std::vector<SqlType>&, const SqlType& result) -> ScalarImpl {
    SqlType element = result.params[0];
    return [op, element](Args a, EvalErrors&) {
      return Value::array(op(widen_all(a[0].as_array(), element), widen_all(a[1].as_array(), element)));
    };
  };
  return o;
}

Value array_extreme(const Array& a, bool max) {
  Value best;
  for (const Value& v : a) {
    if (v.is_null()) continue;
    if (best.is_null() || (max ? compare_values(v, best) > 0 : compare_values(v, best) < 0)) best = v;
  }
  return best;
}

// ARRAY_JOIN prints elements as Java's String.valueOf would.
std::string element_text(const Value& v) {
  if (v.is_null()) return "null";
  if (v.is<bool>()) return v.as<bool>() ? "true" : "false";
  if (v.is<int32_t>()) return std::to_string(v.as<int32_t>());
  if (v.is<int64_t>()) return std::to_string(v.as<int64_t>());
  if (v.is<Decimal>()) return decimal_to_string(v.as<Decimal>());
  if (v.is<double>()) return fn::java_double_string(v.as<double>());
  if (v.is<std::string>()) return v.as<std::string>();
  return "";
}

Value array_join(const Array& a, const std::string& delimiter) {
  std::string out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (i) out += delimiter;
    out += element_text(a[i]);
  }
  return Value(out);
}

void register_array_functions(FunctionRegistry& r) {
  fn::add_function(r, "ARRAY_LENGTH", {{{Param::array}, fn::returns(TypeKind::int_),
      [](Args a, EvalErrors&) { return Value(static_cast<int32_t>(a[0].as_array().size())); }}});
  // A NULL array contains nothing (FALSE, not NULL).
  fn::add_function(r, "ARRAY_CONTAINS", {{{Param::array, Param::any},
      check([](auto& t) -> std::optional<SqlType> {
        if (!array_and_element(t)) return std::nullopt;
        return make_type(TypeKind::boolean);
      }),
      [](Args a, EvalErrors&) {
        if (a[0].is_null()) return Value(false);
        return Value(contains(a[0].as_array(), a[1]));
      }, false, false}});
  fn::add_function(r, "ARRAY_DISTINCT", {{{Param::array}, fn::returns_arg(0),
      [](Args a, EvalErrors&) { return Value::array(distinct(a[0].as_array())); }}});
  fn::add_function(r, "ARRAY_EXCEPT", {set_operation([](const Array& x, const Array& y) {
    Array out;
    for (const Value& v : distinct(x)) if (!contains(y, v)) out.push_back(v);
    return out;
  })});
  fn::add_function(r, "ARRAY_INTERSECT", {set_operation([](const Array& x, const Array& y) {
    Array out;
    for (const Value& v : distinct(x)) if (contains(y, v)) out.push_back(v);
    return out;
  })});
  fn::add_function(r, "ARRAY_UNION", {set_operation([](const Array& x, const Array& y) {
    Array all = x;
    all.insert(all.end(), y.begin(), y.end());
    return distinct(all);
  })});
  // ARRAY_CONCAT: a NULL side is treated as empty; NULL only when both are.
  Overload concat = set_operation([](const Array& x, const Array& y) {
    Array all = x;
    all.insert(all.end(), y.begin(), y.end());
    return all;
  });
  concat.null_if_any_null_arg = false;
  auto concat_make = concat.make_impl;
  concat.make_impl = [concat_make](const std::vector<SqlType>& t, const SqlType& result) -> ScalarImpl {
    ScalarImpl inner = concat_make(t, result);
    return [inner](Args a, EvalErrors& e) -> Value {
      if (a[0].is_null() && a[1].is_null()) return {};
      Value empty = Value::array({});
      Value args[2] = {a[0].is_null() ? empty : a[0], a[1].is_null() ? empty : a[1]};
      return inner(args, e);
    };
  };
  fn::add_function(r, "ARRAY_CONCAT", {concat});

  auto element_result = check([](auto& t) -> std::optional<SqlType> {
    if (!is_primitive(t[0].params[0])) return std::nullopt;
    return t[0].params[0];
  });
  fn::add_function(r, "ARRAY_MAX", {{{Param::array}, element_result,
      [](Args a, EvalErrors&) { return array_extreme(a[0].as_array(), true); }}});
  fn::add_function(r, "ARRAY_MIN", {{{Param::array}, element_result,
      [](Args a, EvalErrors&) { return array_extreme(a[0].as_array(), false); }}});
  // ARRAY_REMOVE(array, x): every element equal to x removed (NULL x removes NULLs).
  fn::add_function(r, "ARRAY_REMOVE", {{{Param::array, Param::any},
      check([](auto& t) -> std::optional<SqlType> {
        if (!array_and_element(t)) return std::nullopt;
        return t[0];
      }),
      [](Args a, EvalErrors&) -> Value {
        if (a[0].is_null()) return {};
        Array out;
        for (const Value& v : a[0].as_array())
          if (!fn::values_equal(v, a[1])) out.push_back(v);
        return Value::array(std::move(out));
      }, false, false}});
  // ARRAY_SORT(array [, 'ASC' | 'DESC']): NULL elements last either way.
  auto sort = [](const Array& in, bool descending) -> Value {
    Array out = in;
    std::stable_sort(out.begin(), out.end(), [descending](const Value& x, const Value& y) {
      if (x.is_null() || y.is_null()) return !x.is_null() && y.is_null();
      int c = compare_values(x, y);
      return descending ? c > 0 : c < 0;
    });
    return Value::array(std::move(out));
  };
  auto sortable = check([](auto& t) -> std::optional<SqlType> {
    if (!is_primitive(t[0].params[0])) return std::nullopt;
    return t[0];
  });
  fn::add_function(r, "ARRAY_SORT", {
      {{Param::array}, sortable, [sort](Args a, EvalErrors&) { return sort(a[0].as_array(), false); }},
      {{Param::array, Param::string}, sortable, [sort](Args a, EvalErrors&) -> Value {
         std::string dir = a[1].as<std::string>();
         for (char& c : dir) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
         if (dir != "ASC" && dir != "DESC") return {};
         return sort(a[0].as_array(), dir == "DESC");
       }},
  });
  auto join_check = check([](auto& t) -> std::optional<SqlType> {
    if (!is_primitive(t[0].params[0])) return std::nullopt;
    return make_type(TypeKind::string);
  });
  fn::add_function(r, "ARRAY_JOIN", {
      {{Param::array}, join_check, [](Args a, EvalErrors&) { return array_join(a[0].as_array(), ","); }},
      {{Param::array, Param::string}, join_check, [](Args a, EvalErrors&) -> Value {
         if (a[0].is_null()) return {};
         return array_join(a[0].as_array(), a[1].is_null() ? "" : a[1].as<std::string>());
       }, false, false},
  });
  // SLICE(array, from, to): 1-based, both ends inclusive.
  fn::add_function(r, "SLICE", {{{Param::array, Param::int_, Param::int_}, fn::returns_arg(0),
      [](Args a, EvalErrors&) -> Value {
        const Array& in = a[0].as_array();
        int64_t from = a[1].as<int32_t>(), to = a[2].as<int32_t>();
        from = std::max<int64_t>(from, 1);
        to = std::min<int64_t>(to, static_cast<int64_t>(in.size()));
        if (from > to) return Value::array({});
        return Value::array(Array(in.begin() + (from - 1), in.begin() + to));
      }}});
}

void register_map_functions(FunctionRegistry& r) {
  fn::add_function(r, "MAP_KEYS", {{{Param::map},
      check([](auto& t) -> std::optional<SqlType> { return make_array(t[0].params[0]); }),
      [](Args a, EvalErrors&) {
        Array out;
        for (auto& [k, v] : a[0].as_map()) out.push_back(k);
        return Value::array(std::move(out));
      }}});
  fn::add_function(r, "MAP_VALUES", {{{Param::map},
      check([](auto& t) -> std::optional<SqlType> { return make_array(t[0].params[1]); }),
      [](Args a, EvalErrors&) {
        Array out;
        for (auto& [k, v] : a[0].as_map()) out.push_back(v);
        return Value::array(std::move(out));
      }}});
  // MAP_UNION(m1, m2): entries of both, m2 winning on equal keys; a NULL side counts as empty.
  fn::add_function(r, "MAP_UNION", {{{Param::map, Param::map},
      check([](auto& t) -> std::optional<SqlType> {
        if (!type_equals(t[0], t[1])) return std::nullopt;
        return t[0];
      }),
      [](Args a, EvalErrors&) -> Value {
        if (a[0].is_null() && a[1].is_null()) return {};
        MapEntries out;
        for (const Value& m : {a[0], a[1]}) {
          if (m.is_null()) continue;
          for (auto& [k, v] : m.as_map()) {
            auto it = std::find_if(out.begin(), out.end(), [&](auto& e) { return e.first == k; });
            if (it != out.end()) it->second = v;
            else out.emplace_back(k, v);
          }
        }
        return Value::map(std::move(out));
      }, false, false}});
  // AS_MAP(keys ARRAY<STRING>, values ARRAY<T>): pairs up to the shorter length.
  fn::add_function(r, "AS_MAP", {{{Param::array, Param::array},
      check([](auto& t) -> std::optional<SqlType> {
        if (t[0].params[0].kind != TypeKind::string) return std::nullopt;
        return make_map(t[0].params[0], t[1].params[0]);
      }),
      [](Args a, EvalErrors&) {
        const Array &keys = a[0].as_array(), &values = a[1].as_array();
        MapEntries out;
        for (std::size_t i = 0; i < std::min(keys.size(), values.size()); ++i) {
          if (keys[i].is_null()) continue;
          auto it = std::find_if(out.begin(), out.end(), [&](auto& e) { return e.first == keys[i]; });
          if (it != out.end()) it->second = values[i];
          else out.emplace_back(keys[i], values[i]);
        }
        return Value::map(std::move(out));
      }}});
  // ENTRIES(map, sorted): ARRAY<STRUCT<K, V>>, sorted by key when asked.
  fn::add_function(r, "ENTRIES", {{{Param::map, Param::boolean},
      check([](auto& t) -> std::optional<SqlType> {
        if (t[0].params[0].kind != TypeKind::string) return std::nullopt;
        return make_array(make_struct({{"K", t[0].params[0]}, {"V", t[0].params[1]}}));
      }),
      [](Args a, EvalErrors&) {
        MapEntries entries = a[0].as_map();
        if (a[1].as<bool>())
          std::stable_sort(entries.begin(), entries.end(),
                           [](auto& x, auto& y) { return compare_values(x.first, y.first) < 0; });
        Array out;
        for (auto& [k, v] : entries) out.push_back(Value::struct_({k, v}));
        return Value::array(std::move(out));
      }}});
}

}  // namespace

void register_collection_functions(FunctionRegistry& r) {
  register_array_functions(r);
  register_map_functions(r);
}

}  // namespace tributary::sql
