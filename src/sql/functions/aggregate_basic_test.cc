#include <gtest/gtest.h>

#include "sql/functions/aggregate_test_util.h"

namespace tributary::sql::testing {
namespace {

TEST(AggregateCount, StarCountsEveryRowAndUndoCountsBackToZero) {
  Agg count("COUNT", {});
  count.add({}).add({});
  EXPECT_EQ(count.result(), Value(int64_t{2}));
  count.undo({}).undo({});
  EXPECT_EQ(count.result(), Value(int64_t{0}));
  EXPECT_TRUE(type_equals(count.fn().result_type(), kBigint));
  EXPECT_TRUE(count.fn().supports_undo());
}

TEST(AggregateCount, ColumnSkipsNulls) {
  Agg count("COUNT", {kString});
  count.add({"a"}).add({Value()}).add({"b"});
  EXPECT_EQ(count.result(), Value(int64_t{2}));
  count.undo({Value()});
  EXPECT_EQ(count.result(), Value(int64_t{2}));
}

TEST(AggregateCount, MergeAddsCounts) {
  Agg count("COUNT", {kInt});
  EXPECT_EQ(count.fn().merge(Value(int64_t{3}), Value(int64_t{4})), Value(int64_t{7}));
}

TEST(AggregateSum, KeepsArgumentTypeAndSkipsNulls) {
  Agg ints("SUM", {kInt});
  ints.add({int32_t{2}}).add({Value()}).add({int32_t{5}});
  EXPECT_EQ(ints.result(), Value(int32_t{7}));
  EXPECT_TRUE(type_equals(ints.fn().result_type(), kInt));

  Agg longs("SUM", {kBigint});
  longs.add({int64_t{1} << 40}).add({int64_t{1}});
  EXPECT_EQ(longs.result(), Value((int64_t{1} << 40) + 1));

  Agg doubles("SUM", {kDouble});
  doubles.add({10.0}).add({10.0}).add({10.0});
  EXPECT_EQ(doubles.result(), Value(30.0));
}

TEST(AggregateSum, AllNullsSumToZero) {
  Agg ints("SUM", {kInt});
  ints.add({Value()});
  EXPECT_EQ(ints.result(), Value(int32_t{0}));
}

TEST(AggregateSum, IntegerOverflowWrapsLikeJava) {
  Agg ints("SUM", {kInt});
  ints.add({int32_t{2147483647}}).add({int32_t{1}});
  EXPECT_EQ(ints.result(), Value(int32_t{-2147483647 - 1}));
}

TEST(AggregateSum, UndoAndMerge) {
  Agg sum("SUM", {kBigint});
  sum.add({int64_t{10}}).add({int64_t{5}}).undo({int64_t{10}});
  EXPECT_EQ(sum.result(), Value(int64_t{5}));
  EXPECT_EQ(sum.fn().merge(Value(int64_t{5}), Value(int64_t{6})), Value(int64_t{11}));
}

TEST(AggregateSum, DecimalKeepsPrecisionAndScale) {
  SqlType dec = make_decimal(4, 1);
  Agg sum("SUM", {dec});
  sum.add({Decimal{54, 1}}).add({Decimal{1001, 1}});
  EXPECT_TRUE(type_equals(sum.fn().result_type(), dec));
  EXPECT_EQ(sum.result(), Value(Decimal{1055, 1}));
  // 105.5 + 900.0 no longer fits DECIMAL(4, 1): the record does not change the sum.
  sum.add({Decimal{9000, 1}});
  EXPECT_EQ(sum.result(), Value(Decimal{1055, 1}));
  sum.undo({Decimal{54, 1}});
  EXPECT_EQ(sum.result(), Value(Decimal{1001, 1}));
}

TEST(AggregateSum, RejectsStrings) {
  EXPECT_EQ(bind_error("SUM", {kString}), "Function 'SUM' does not accept parameters (STRING).");
  EXPECT_EQ(bind_error("SUM", {kInt, kInt}),
            "Function 'SUM' does not accept parameters (INTEGER, INTEGER).");
}

TEST(AggregateSumList, SumsNonNullElements) {
  Agg sum("SUM_LIST", {make_array(kDouble)});
  sum.add({arr({1.0, 1.0})}).add({arr({2.0, Value()})}).add({Value()});
  EXPECT_EQ(sum.result(), Value(4.0));
  EXPECT_TRUE(type_equals(sum.fn().result_type(), kDouble));
  sum.undo({arr({1.0, 1.0})});
  EXPECT_EQ(sum.result(), Value(2.0));
  EXPECT_NE(bind_error("SUM_LIST", {kInt}), "<bound>");
}

TEST(AggregateAvg, AveragesNonNullValuesAsDouble) {
  Agg avg("AVG", {kDouble});
  EXPECT_EQ(avg.result(), Value(0.0));
  avg.add({-1.8});
  EXPECT_EQ(avg.result(), Value(-1.8));
  avg.add({9223372036854.775}).add({100.2}).add({Value()});
  EXPECT_EQ(avg.result(), Value((-1.8 + 9223372036854.775 + 100.2) / 3));
  EXPECT_TRUE(type_equals(avg.fn().result_type(), kDouble));
}

TEST(AggregateAvg, TableUndoAsKsqlDb) {
  // alice=1, bob=2, alice->NULL, alice->4: 1.0, 1.5, 2.0, 3.0
  Agg avg("AVG", {kInt});
  avg.add({int32_t{1}});
  EXPECT_EQ(avg.result(), Value(1.0));
  avg.add({int32_t{2}});
  EXPECT_EQ(avg.result(), Value(1.5));
  avg.undo({int32_t{1}}).add({Value()});
  EXPECT_EQ(avg.result(), Value(2.0));
  avg.undo({Value()}).add({int32_t{4}});
  EXPECT_EQ(avg.result(), Value(3.0));
}

TEST(AggregateAvg, MergeCombinesSumsAndCounts) {
  Agg a("AVG", {kBigint}), b("AVG", {kBigint});
  a.add({int64_t{1}}).add({int64_t{2}});
  b.add({int64_t{6}});
  a.set_state(a.fn().merge(a.state(), b.state()));
  EXPECT_EQ(a.result(), Value(3.0));
  EXPECT_EQ(bind_error("AVG", {kString}), "Function 'AVG' does not accept parameters (STRING).");
}

TEST(AggregateMinMax, NumbersStringsAndTimes) {
  Agg max("MAX", {kInt}), min("MIN", {kInt});
  for (int32_t v : {5, -3, 9}) {
    max.add({v});
    min.add({v});
  }
  max.add({Value()});
  EXPECT_EQ(max.result(), Value(int32_t{9}));
  EXPECT_EQ(min.result(), Value(int32_t{-3}));

  Agg smax("MAX", {kString});
  smax.add({"apple"}).add({"pear"}).add({"fig"});
  EXPECT_EQ(smax.result(), Value("pear"));

  Agg tmin("MIN", {T(TypeKind::timestamp)});
  tmin.add({Timestamp{30}}).add({Timestamp{10}});
  EXPECT_EQ(tmin.result(), Value(Timestamp{10}));
  EXPECT_TRUE(type_equals(tmin.fn().result_type(), T(TypeKind::timestamp)));
}

TEST(AggregateMinMax, NullUntilAValueAndNoUndo) {
  Agg max("MAX", {kDouble});
  max.add({Value()});
  EXPECT_TRUE(max.result().is_null());
  EXPECT_FALSE(max.fn().supports_undo());
  EXPECT_EQ(max.fn().merge(Value(), Value(2.5)), Value(2.5));
  EXPECT_EQ(max.fn().merge(Value(3.5), Value(2.5)), Value(3.5));
  EXPECT_EQ(bind_error("MIN", {kBool}), "Function 'MIN' does not accept parameters (BOOLEAN).");
}

// Aggregations update their kept states in place (add_to); it must agree with add, also when the
// state is shared with a copy (which must not change).
TEST(AggregateInPlace, AddToAgreesWithAdd) {
  struct Case { const char* name; SqlType type; std::vector<Value> inputs; };
  std::vector<Case> cases = {
      {"COUNT", kDouble, {1.5, Value(), 2.5}},
      {"SUM", kDouble, {1.5, Value(), -2.25, 1e300}},
      {"SUM", kBigint, {int64_t{INT64_MAX}, int64_t{1}, Value()}},
      {"SUM", kInt, {int32_t{INT32_MAX}, int32_t{1}}},
      {"AVG", kDouble, {1.5, Value(), 2.5, -0.25}},
      {"AVG", kInt, {int32_t{1}, int32_t{2}, Value()}},
      {"AVG", make_decimal(4, 2), {Value(Decimal{125, 2}), Value(Decimal{-50, 2})}},
  };
  for (const auto& c : cases) {
    auto fn = bind(c.name, {c.type});
    ASSERT_TRUE(fn.ok()) << c.name;
    Value by_add = (*fn)->init();
    Value in_place = (*fn)->init();
    for (const Value& v : c.inputs) {
      std::vector<Value> args{v};
      by_add = (*fn)->add(by_add, args);
      (*fn)->add_to(in_place, args);  // the only owner: updated where it is
      EXPECT_EQ((*fn)->result(in_place), (*fn)->result(by_add)) << c.name;
      EXPECT_EQ(in_place, by_add) << c.name;
    }
    Value copy = in_place;  // now shared: add_to must leave the copy as it was
    Value copy_result = (*fn)->result(copy);
    std::vector<Value> args{c.inputs.front()};
    (*fn)->add_to(in_place, args);
    EXPECT_EQ((*fn)->result(copy), copy_result) << c.name;
    EXPECT_EQ(in_place, (*fn)->add(copy, args)) << c.name;
  }
}

}  // namespace
}  // namespace tributary::sql::testing
