#include "sql/functions/scalar_test_util.h"

namespace tributary::sql::test {
namespace {

Value ints(std::vector<int32_t> v) {
  Array a;
  for (int32_t i : v) a.push_back(Value(i));
  return Value::array(std::move(a));
}
std::vector<int32_t> to_ints(const Value& v) {
  std::vector<int32_t> out;
  for (const Value& e : v.as_array()) out.push_back(e.is_null() ? -999 : e.as<int32_t>());
  return out;
}
const SqlType kIntArray = make_array(make_type(TypeKind::int_));

TEST(ScalarCollection, ArrayBasics) {
  EXPECT_EQ(call("ARRAY_LENGTH", {kIntArray}, {ints({1, 2})}).as<int32_t>(), 2);
  EXPECT_TRUE(call("ARRAY_LENGTH", {kIntArray}, {Value()}).is_null());
  EXPECT_TRUE(call("ARRAY_CONTAINS", {kIntArray, kInt}, {ints({1, 2}), Value(int32_t{2})}).as<bool>());
  EXPECT_FALSE(call("ARRAY_CONTAINS", {kIntArray, kInt}, {Value(), Value(int32_t{2})}).as<bool>());
  EXPECT_FALSE(bind("ARRAY_CONTAINS", {kIntArray, kString}).ok());
  EXPECT_EQ(to_ints(call("ARRAY_DISTINCT", {kIntArray}, {ints({1, 2, 1, 3})})), (std::vector<int32_t>{1, 2, 3}));
  EXPECT_EQ(to_ints(call("ARRAY_REMOVE", {kIntArray, kInt}, {ints({1, 2, 1}), Value(int32_t{1})})), (std::vector<int32_t>{2}));
  EXPECT_EQ(call("ARRAY_MAX", {kIntArray}, {ints({1, 5, 2})}).as<int32_t>(), 5);
  EXPECT_EQ(call("ARRAY_MIN", {kIntArray}, {ints({1, 5, 2})}).as<int32_t>(), 1);
  EXPECT_EQ(to_ints(call("SLICE", {kIntArray, kInt, kInt}, {ints({1, 2, 3, 4}), Value(int32_t{2}), Value(int32_t{3})})),
            (std::vector<int32_t>{2, 3}));
}

TEST(ScalarCollection, SetOperationsAndConcat) {
  EXPECT_EQ(to_ints(call("ARRAY_EXCEPT", {kIntArray, kIntArray}, {ints({1, 2, 3, 2}), ints({2})})), (std::vector<int32_t>{1, 3}));
  EXPECT_EQ(to_ints(call("ARRAY_INTERSECT", {kIntArray, kIntArray}, {ints({1, 2, 3}), ints({3, 2})})), (std::vector<int32_t>{2, 3}));
  EXPECT_EQ(to_ints(call("ARRAY_UNION", {kIntArray, kIntArray}, {ints({1, 2}), ints({2, 3})})), (std::vector<int32_t>{1, 2, 3}));
  EXPECT_EQ(to_ints(call("ARRAY_CONCAT", {kIntArray, kIntArray}, {ints({1, 2}), ints({2})})), (std::vector<int32_t>{1, 2, 2}));
  EXPECT_EQ(to_ints(call("ARRAY_CONCAT", {kIntArray, kIntArray}, {Value(), ints({2})})), (std::vector<int32_t>{2}));
  auto mixed = bind("ARRAY_UNION", {kIntArray, make_array(kBigint)});
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ(mixed->result_type.params[0].kind, TypeKind::bigint);
  Value u = call_bound(*mixed, {ints({1}), Value::array({Value(int64_t{1}), Value(int64_t{7})})});
  ASSERT_EQ(u.as_array().size(), 2u);
  EXPECT_EQ(u.as_array()[1].as<int64_t>(), 7);
}

TEST(ScalarCollection, SortAndJoin) {
  Value a = Value::array({Value(int32_t{3}), Value(), Value(int32_t{1})});
  EXPECT_EQ(to_ints(call("ARRAY_SORT", {kIntArray}, {a})), (std::vector<int32_t>{1, 3, -999}));
  EXPECT_EQ(to_ints(call("ARRAY_SORT", {kIntArray, kString}, {a, Value("desc")})), (std::vector<int32_t>{3, 1, -999}));
  EXPECT_EQ(call("ARRAY_JOIN", {kIntArray}, {ints({1, 2})}).as<std::string>(), "1,2");
  EXPECT_EQ(call("ARRAY_JOIN", {make_array(kDouble), kString}, {Value::array({Value(1.0), Value(2.5)}), Value("|")}).as<std::string>(),
            "1.0|2.5");
}

TEST(ScalarCollection, Maps) {
  SqlType m = make_map(kString, kInt);
  Value map = Value::map({{Value("b"), Value(int32_t{2})}, {Value("a"), Value(int32_t{1})}});
  EXPECT_EQ(strings(call("MAP_KEYS", {m}, {map})), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(to_ints(call("MAP_VALUES", {m}, {map})), (std::vector<int32_t>{2, 1}));
  Value other = Value::map({{Value("a"), Value(int32_t{9})}});
  Value u = call("MAP_UNION", {m, m}, {map, other});
  ASSERT_EQ(u.as_map().size(), 2u);
  EXPECT_EQ(u.as_map()[1].second.as<int32_t>(), 9);
  Value as = call("AS_MAP", {make_array(kString), kIntArray}, {Value::array({Value("x")}), ints({5})});
  EXPECT_EQ(as.as_map()[0].second.as<int32_t>(), 5);
  auto e = bind("ENTRIES", {m, kBool});
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(type_to_string(e->result_type), "ARRAY<STRUCT<`K` STRING, `V` INTEGER>>");
  Value entries = call_bound(*e, {map, Value(true)});
  EXPECT_EQ(entries.as_array()[0].as_struct()[0].as<std::string>(), "a");
}

TEST(ScalarMisc, CoalesceIfnullNullif) {
  auto c = bind("COALESCE", {kInt, kBigint});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->result_type.kind, TypeKind::bigint);
  EXPECT_EQ(call_bound(*c, {Value(), Value(int64_t{4})}).as<int64_t>(), 4);
  EXPECT_EQ(call_bound(*c, {Value(int32_t{3}), Value(int64_t{4})}).as<int64_t>(), 3);
  EXPECT_FALSE(bind("COALESCE", {kInt, kString}).ok());
  EXPECT_EQ(call("IFNULL", {kString, kString}, {Value(), Value("x")}).as<std::string>(), "x");
  EXPECT_TRUE(call("NULLIF", {kInt, kInt}, {Value(int32_t{1}), Value(int32_t{1})}).is_null());
  EXPECT_EQ(call("NULLIF", {kInt, kInt}, {Value(int32_t{1}), Value()}).as<int32_t>(), 1);
}

}  // namespace
}  // namespace tributary::sql::test
