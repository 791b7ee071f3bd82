#include <gtest/gtest.h>

#include <map>

#include "sql/functions/aggregate_options.h"
#include "sql/functions/aggregate_test_util.h"

namespace tributary::sql::testing {
namespace {

TEST(AggregateCollectList, KeepsOrderDuplicatesAndNulls) {
  Agg list("COLLECT_LIST", {make_decimal(4, 1)});
  list.add({Decimal{5009, 1}}).add({Decimal{3008, 1}}).add({Value()}).add({Decimal{3008, 1}});
  EXPECT_EQ(list.result(), arr({Decimal{5009, 1}, Decimal{3008, 1}, Value(), Decimal{3008, 1}}));
  EXPECT_TRUE(type_equals(list.fn().result_type(), make_array(make_decimal(4, 1))));
}

TEST(AggregateCollectList, TableUndoReplacesTheRetractedValue) {
  // A table row 0 -> 100: undo 0 then add 100 leaves [100].
  Agg list("COLLECT_LIST", {kInt});
  list.add({int32_t{0}});
  list.undo({int32_t{0}}).add({int32_t{100}});
  EXPECT_EQ(list.result(), arr({int32_t{100}}));
  // Undo removes the last equal entry; a value never collected is ignored.
  list.add({int32_t{7}}).add({int32_t{100}}).undo({int32_t{100}}).undo({int32_t{42}});
  EXPECT_EQ(list.result(), arr({int32_t{100}, int32_t{7}}));
}

TEST(AggregateCollectList, CapsAtDefaultLimitAndMergesInOrder) {
  Agg list("COLLECT_LIST", {kInt});
  for (int32_t i = 0; i < 1005; ++i) list.add({i});
  EXPECT_EQ(list.result().as_array().size(), 1000u);
  Value merged = list.fn().merge(arr({int32_t{1}}), arr({int32_t{2}, int32_t{3}}));
  EXPECT_EQ(merged, arr({int32_t{1}, int32_t{2}, int32_t{3}}));
}

TEST(AggregateCollectList, LimitPropertyApplies) {
  auto bound = bind_aggregate_with_properties("COLLECT_LIST", {kInt}, {Value()},
                                              {{"ksql.functions.collect_list.limit", "1"}});
  ASSERT_TRUE(bound.ok());
  const BoundAggregate& f = **bound;
  Value s = f.init();
  Value a0[] = {int32_t{0}}, a1[] = {int32_t{100}};
  s = f.add(s, a0);
  s = f.add(s, a1);
  EXPECT_EQ(f.result(s), arr({int32_t{0}}));
}

TEST(AggregateCollectSet, DistinctInFirstSeenOrderWithNull) {
  Agg set("COLLECT_SET", {kString});
  set.add({"baz"}).add({"baz"}).add({"foo"}).add({Value()}).add({Value()});
  EXPECT_EQ(set.result(), arr({"baz", "foo", Value()}));
  EXPECT_FALSE(set.fn().supports_undo());
  Value merged = set.fn().merge(arr({"a", "b"}), arr({"b", "c"}));
  EXPECT_EQ(merged, arr({"a", "b", "c"}));
}

TEST(AggregateCollectSet, StructsCompareByValue) {
  SqlType st = make_struct({{"A", kString}, {"B", kBigint}});
  Agg set("COLLECT_SET", {st});
  set.add({Value::struct_({"Record0", int64_t{100}})})
      .add({Value::struct_({"Record0", int64_t{100}})});
  EXPECT_EQ(set.result().as_array().size(), 1u);
  EXPECT_TRUE(type_equals(set.fn().result_type(), make_array(st)));
}

TEST(AggregateCollectSet, LimitPropertyApplies) {
  auto bound = bind_aggregate_with_properties("COLLECT_SET", {kInt}, {Value()},
                                              {{"ksql.functions.collect_set.limit", "1"}});
  ASSERT_TRUE(bound.ok());
  Value s = (*bound)->init();
  Value a0[] = {int32_t{0}}, a1[] = {int32_t{100}};
  s = (*bound)->add((*bound)->add(s, a0), a1);
  EXPECT_EQ((*bound)->result(s), arr({int32_t{0}}));
}

TEST(AggregateHistogram, CountsAndRetractsToRemoval) {
  Agg h("HISTOGRAM", {kString});
  h.add({"alice"}).add({"bob"}).add({"alice"});
  EXPECT_EQ(h.result(), Value::map({{"alice", int64_t{2}}, {"bob", int64_t{1}}}));
  h.undo({"bob"});
  EXPECT_EQ(h.result(), Value::map({{"alice", int64_t{2}}}));
  EXPECT_TRUE(type_equals(h.fn().result_type(), make_map(kString, kBigint)));
  Value merged =
      h.fn().merge(h.state(), Value::map({{"carol", int64_t{3}}, {"alice", int64_t{1}}}));
  EXPECT_EQ(merged, Value::map({{"alice", int64_t{3}}, {"carol", int64_t{3}}}));
  EXPECT_EQ(bind_error("HISTOGRAM", {kInt}),
            "Function 'HISTOGRAM' does not accept parameters (INTEGER).");
}

TEST(AggregateCountDistinct, CountsDistinctNonNulls) {
  Agg cd("COUNT_DISTINCT", {kString});
  cd.add({"one"}).add({"two"}).add({"one"}).add({Value()});
  EXPECT_EQ(cd.result(), Value(int64_t{2}));
  Agg other("COUNT_DISTINCT", {kString});
  other.add({"two"}).add({"three"});
  EXPECT_EQ(cd.fn().result(cd.fn().merge(cd.state(), other.state())), Value(int64_t{3}));
  EXPECT_TRUE(type_equals(cd.fn().result_type(), kBigint));
}

TEST(AggregateOptions, StructuredStateAndUnknownNames) {
  EXPECT_TRUE(aggregate_has_structured_state("AVG"));
  EXPECT_TRUE(aggregate_has_structured_state("TOPK"));
  EXPECT_FALSE(aggregate_has_structured_state("COUNT"));
  EXPECT_FALSE(aggregate_has_structured_state("SUM"));
  auto unknown = bind_aggregate_with_properties("NOPE", {kInt}, {Value()}, {});
  EXPECT_FALSE(unknown.ok());
}

}  // namespace
}  // namespace tributary::sql::testing

namespace tributary::sql::testing {
namespace {

TEST(AggregateAttr, SingleValueOrNull) {
  Agg attr("ATTR", {kString});
  attr.add({"a"}).add({"a"});
  EXPECT_EQ(attr.result(), Value("a"));
  attr.add({"b"});
  EXPECT_TRUE(attr.result().is_null());
  attr.undo({"b"});
  EXPECT_EQ(attr.result(), Value("a"));
  attr.undo({"a"}).undo({"a"}).add({Value()});
  EXPECT_TRUE(attr.result().is_null());
  EXPECT_EQ(attr.state().as_array().size(), 1u);  // NULL is the one value left
  Value merged = attr.fn().merge(attr.state(), Agg("ATTR", {kString}).add({"x"}).state());
  EXPECT_EQ(merged.as_array().size(), 2u);
}

}  // namespace
}  // namespace tributary::sql::testing
