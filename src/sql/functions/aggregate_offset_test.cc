#include <gtest/gtest.h>

#include "sql/functions/aggregate_test_util.h"

namespace tributary::sql::testing {
namespace {

TEST(AggregateLatestByOffset, IgnoresNullsByDefault) {
  Agg latest("LATEST_BY_OFFSET", {kInt});
  latest.add({int32_t{12}});
  EXPECT_EQ(latest.result(), Value(int32_t{12}));
  latest.add({Value()});
  EXPECT_EQ(latest.result(), Value(int32_t{12}));
  latest.add({int32_t{13}});
  EXPECT_EQ(latest.result(), Value(int32_t{13}));
  EXPECT_FALSE(latest.fn().supports_undo());
}

TEST(AggregateLatestByOffset, NullsKeptWhenAsked) {
  Agg latest("LATEST_BY_OFFSET", {kInt, kBool}, {Value(), false});
  latest.add({int32_t{12}}).add({Value()});
  EXPECT_TRUE(latest.result().is_null());
  latest.add({int32_t{13}});
  EXPECT_EQ(latest.result(), Value(int32_t{13}));
}

TEST(AggregateLatestByOffset, LatestNReturnsArray) {
  Agg latest("LATEST_BY_OFFSET", {kInt, kInt, kBool}, {Value(), int32_t{2}, false});
  EXPECT_TRUE(type_equals(latest.fn().result_type(), make_array(kInt)));
  latest.add({int32_t{12}});
  EXPECT_EQ(latest.result(), arr({int32_t{12}}));
  latest.add({Value()});
  EXPECT_EQ(latest.result(), arr({int32_t{12}, Value()}));
  latest.add({int32_t{13}});
  EXPECT_EQ(latest.result(), arr({Value(), int32_t{13}}));

  Agg ignoring("LATEST_BY_OFFSET", {kInt, kInt}, {Value(), int32_t{2}});
  ignoring.add({int32_t{12}}).add({Value()});
  EXPECT_EQ(ignoring.result(), arr({int32_t{12}}));
}

TEST(AggregateLatestByOffset, SessionMergeThenAddKeepsOffsetOrder) {
  // Sessions [1] and [3] (3 arrived later) merge, then the bridging record 2 is added.
  Agg s1("LATEST_BY_OFFSET", {kInt}), s2("LATEST_BY_OFFSET", {kInt});
  s1.add({int32_t{1}});
  s2.add({int32_t{3}});
  Agg merged("LATEST_BY_OFFSET", {kInt});
  merged.set_state(
      merged.fn().merge(merged.fn().merge(merged.fn().init(), s1.state()), s2.state()));
  EXPECT_EQ(merged.result(), Value(int32_t{3}));
  merged.add({int32_t{2}});
  EXPECT_EQ(merged.result(), Value(int32_t{2}));
}

TEST(AggregateLatestByOffset, SessionMergeOfNForms) {
  std::vector<Value> lits = {Value(), int32_t{2}, false};
  Agg s1("LATEST_BY_OFFSET", {kInt, kInt, kBool}, lits),
      s2("LATEST_BY_OFFSET", {kInt, kInt, kBool}, lits);
  s1.add({int32_t{1}});
  s2.add({Value()});
  Agg merged("LATEST_BY_OFFSET", {kInt, kInt, kBool}, lits);
  merged.set_state(
      merged.fn().merge(merged.fn().merge(merged.fn().init(), s1.state()), s2.state()));
  merged.add({int32_t{2}});
  EXPECT_EQ(merged.result(), arr({Value(), int32_t{2}}));
}

TEST(AggregateEarliestByOffset, FirstValueWins) {
  Agg earliest("EARLIEST_BY_OFFSET", {kString});
  earliest.add({Value()}).add({"foo"}).add({"bar"});
  EXPECT_EQ(earliest.result(), Value("foo"));

  Agg strict("EARLIEST_BY_OFFSET", {kInt, kBool}, {Value(), false});
  strict.add({Value()}).add({int32_t{13}});
  EXPECT_TRUE(strict.result().is_null());
}

TEST(AggregateEarliestByOffset, EarliestNAndMerge) {
  Agg first2("EARLIEST_BY_OFFSET", {kInt, kInt}, {Value(), int32_t{2}});
  first2.add({Value()}).add({Value()});
  EXPECT_EQ(first2.result(), arr({}));
  first2.add({int32_t{12}}).add({int32_t{21}}).add({int32_t{31}});
  EXPECT_EQ(first2.result(), arr({int32_t{12}, int32_t{21}}));

  std::vector<Value> lits = {Value(), int32_t{2}, false};
  Agg s1("EARLIEST_BY_OFFSET", {kInt, kInt, kBool}, lits),
      s2("EARLIEST_BY_OFFSET", {kInt, kInt, kBool}, lits);
  s1.add({Value()});
  s2.add({int32_t{1}});
  Agg merged("EARLIEST_BY_OFFSET", {kInt, kInt, kBool}, lits);
  merged.set_state(
      merged.fn().merge(merged.fn().merge(merged.fn().init(), s1.state()), s2.state()));
  merged.add({Value()});
  EXPECT_EQ(merged.result(), arr({Value(), int32_t{1}}));
}

TEST(AggregateByOffset, ComplexTypesAndBindErrors) {
  SqlType t = make_map(kString, kDouble);
  Agg earliest("EARLIEST_BY_OFFSET", {t});
  earliest.add({Value::map({{"Early0", 1.234}})}).add({Value::map({{"Later0", 3.6}})});
  EXPECT_EQ(earliest.result(), Value::map({{"Early0", 1.234}}));
  EXPECT_TRUE(type_equals(earliest.fn().result_type(), t));

  EXPECT_NE(bind_error("LATEST_BY_OFFSET", {kInt, kInt}), "<bound>");  // N not a literal
  EXPECT_NE(bind_error("LATEST_BY_OFFSET", {kInt, kInt}, {Value(), int32_t{0}}), "<bound>");
  EXPECT_EQ(bind_error("LATEST_BY_OFFSET", {kInt, kString}),
            "Function 'LATEST_BY_OFFSET' does not accept parameters (INTEGER, STRING).");
}

}  // namespace
}  // namespace tributary::sql::testing
