#include <gtest/gtest.h>

#include <cmath>

#include "sql/functions/aggregate_test_util.h"

namespace tributary::sql::testing {
namespace {

TEST(AggregateStddev, SampleStandardDeviation) {
  Agg sd("STDDEV_SAMPLE", {kInt});
  sd.add({int32_t{2}});
  EXPECT_EQ(sd.result(), Value(0.0));
  for (int32_t v : {4, 4, 4, 5, 5, 7, 9}) sd.add({v});
  sd.add({Value()});
  // Values 2,4,4,4,5,5,7,9: mean 5, squared deviations sum 32, sample variance 32/7.
  EXPECT_NEAR(sd.result().as<double>(), std::sqrt(32.0 / 7.0), 1e-12);
  EXPECT_TRUE(type_equals(sd.fn().result_type(), kDouble));
}

TEST(AggregateStddev, UndoAndMergeMatchDirectComputation) {
  Agg all("STDDEV_SAMP", {kDouble}), a("STDDEV_SAMP", {kDouble}), b("STDDEV_SAMP", {kDouble});
  for (double v : {1.5, 2.5, 10.0}) {
    all.add({v});
    a.add({v});
  }
  for (double v : {-3.0, 4.0}) {
    all.add({v});
    b.add({v});
  }
  Agg merged("STDDEV_SAMP", {kDouble});
  merged.set_state(merged.fn().merge(a.state(), b.state()));
  EXPECT_NEAR(merged.result().as<double>(), all.result().as<double>(), 1e-12);

  Agg undone("STDDEV_SAMP", {kDouble}), direct("STDDEV_SAMP", {kDouble});
  for (double v : {1.0, 7.0, 3.0}) undone.add({v});
  undone.undo({7.0});
  for (double v : {1.0, 3.0}) direct.add({v});
  EXPECT_NEAR(undone.result().as<double>(), direct.result().as<double>(), 1e-12);
  EXPECT_EQ(bind_error("STDDEV_SAMPLE", {kString}),
            "Function 'STDDEV_SAMPLE' does not accept parameters (STRING).");
}

TEST(AggregateCorrelation, PerfectAndInverse) {
  Agg up("CORRELATION", {kDouble, kDouble}), down("CORRELATION", {kDouble, kInt});
  for (int i = 1; i <= 4; ++i) {
    up.add({double(i), double(2 * i + 1)});
    down.add({double(i), int32_t(10 - i)});
  }
  up.add({Value(), 3.0});
  EXPECT_NEAR(up.result().as<double>(), 1.0, 1e-12);
  EXPECT_NEAR(down.result().as<double>(), -1.0, 1e-12);
  down.undo({4.0, int32_t{6}});
  EXPECT_NEAR(down.result().as<double>(), -1.0, 1e-12);
  EXPECT_EQ(bind_error("CORRELATION", {kDouble}),
            "Function 'CORRELATION' does not accept parameters (DOUBLE).");
}

}  // namespace
}  // namespace tributary::sql::testing
