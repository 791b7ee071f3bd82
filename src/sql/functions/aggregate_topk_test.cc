#include <gtest/gtest.h>

#include "sql/functions/aggregate_test_util.h"

namespace tributary::sql::testing {
namespace {

TEST(AggregateTopK, KeepsKGreatestWithDuplicates) {
  Agg topk("TOPK", {kInt, kInt}, {Value(), int32_t{3}});
  EXPECT_TRUE(type_equals(topk.fn().result_type(), make_array(kInt)));
  topk.add({int32_t{0}});
  EXPECT_EQ(topk.result(), arr({int32_t{0}}));
  topk.add({int32_t{100}}).add({int32_t{99}});
  EXPECT_EQ(topk.result(), arr({int32_t{100}, int32_t{99}, int32_t{0}}));
  topk.add({int32_t{7}});
  EXPECT_EQ(topk.result(), arr({int32_t{100}, int32_t{99}, int32_t{7}}));
  topk.add({int32_t{100}}).add({Value()});
  EXPECT_EQ(topk.result(), arr({int32_t{100}, int32_t{100}, int32_t{99}}));
  EXPECT_FALSE(topk.fn().supports_undo());
}

TEST(AggregateTopK, ExtraColumnsMakeStructsAndTiesKeepArrivalOrder) {
  Agg topk("TOPK", {kInt, kString, kInt}, {Value(), Value(), int32_t{3}});
  SqlType item = make_struct({{"sort_col", kInt}, {"col0", kString}});
  EXPECT_TRUE(type_equals(topk.fn().result_type(), make_array(item)));
  topk.add({int32_t{0}, "zero"}).add({int32_t{100}, "one"}).add({int32_t{99}, "two"});
  topk.add({Value(), "three"}).add({int32_t{100}, Value()});
  EXPECT_EQ(topk.result(),
            arr({Value::struct_({int32_t{100}, "one"}), Value::struct_({int32_t{100}, Value()}),
                 Value::struct_({int32_t{99}, "two"})}));
}

TEST(AggregateTopK, MergeTakesGreatestOfBoth) {
  Agg topk("TOPK", {kDouble, kInt}, {Value(), int32_t{2}});
  Value merged = topk.fn().merge(arr({100.0, 0.0}), arr({50.0, 10.0}));
  EXPECT_EQ(merged, arr({100.0, 50.0}));
}

TEST(AggregateTopK, BindErrors) {
  EXPECT_EQ(bind_error("TOPK", {kBool, kInt}, {Value(), int32_t{2}}),
            "Function 'TOPK' does not accept parameters (BOOLEAN, INTEGER).");
  EXPECT_NE(bind_error("TOPK", {kInt, kInt}), "<bound>");  // k not a literal
  EXPECT_NE(bind_error("TOPK", {kInt, kInt}, {Value(), int32_t{0}}), "<bound>");
}

TEST(AggregateTopKDistinct, DropsDuplicates) {
  Agg topk("TOPKDISTINCT", {kBigint, kInt}, {Value(), int32_t{3}});
  for (int64_t v : {int64_t{2147483648}, int64_t{100}, int64_t{99}, int64_t{7}, int64_t{100}})
    topk.add({v});
  EXPECT_EQ(topk.result(), arr({int64_t{2147483648}, int64_t{100}, int64_t{99}}));
  Value merged = topk.fn().merge(arr({int64_t{5}, int64_t{3}}), arr({int64_t{5}, int64_t{4}}));
  EXPECT_EQ(merged, arr({int64_t{5}, int64_t{4}, int64_t{3}}));
  EXPECT_NE(bind_error("TOPKDISTINCT", {kInt, kString, kInt}, {Value(), Value(), int32_t{2}}),
            "<bound>");
}

}  // namespace
}  // namespace tributary::sql::testing
