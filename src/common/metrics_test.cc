#include "common/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <thread>

namespace tributary::metrics {
namespace {

TEST(MetricsTest, CounterFamilyRendersHelpTypeAndLabelledChildren) {
  Registry r;
  auto& bytes = r.counter("t_bytes_total", "Bytes seen.", {"topic"});
  bytes.with({"a"}).inc(10);
  auto cached = bytes.child({"b"});
  cached->inc();
  cached->inc(2);
  EXPECT_EQ(bytes.with({"a"}).value(), 10u);
  EXPECT_EQ(r.render(),
            "# HELP t_bytes_total Bytes seen.\n"
            "# TYPE t_bytes_total counter\n"
            "t_bytes_total{topic=\"a\"} 10\n"
            "t_bytes_total{topic=\"b\"} 3\n");
}

TEST(MetricsTest, RegisteringTwiceReturnsTheSameFamilyAndRejectsConflicts) {
  Registry r;
  auto& a = r.counter("t_total", "x", {"k"});
  auto& b = r.counter("t_total", "x", {"k"});
  EXPECT_EQ(&a, &b);
  EXPECT_THROW(r.gauge("t_total", "x", {"k"}), std::logic_error);
  EXPECT_THROW(r.counter("t_total", "x", {"other"}), std::logic_error);
  EXPECT_THROW(a.with({"1", "2"}), std::invalid_argument);
}

TEST(MetricsTest, GaugeWithoutLabelsAndFractionalValues) {
  Registry r;
  auto& g = r.gauge("t_ratio", "A ratio.");
  g.with({}).set(0.25);
  g.with({}).add(1);
  g.with({}).dec();
  EXPECT_EQ(r.render(), "# HELP t_ratio A ratio.\n# TYPE t_ratio gauge\nt_ratio 0.25\n");
}

TEST(MetricsTest, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Registry r;
  auto& h = r.histogram("t_seconds", "Latency.", {"api"}, {0.125, 1});
  auto& p = h.with({"Produce"});
  p.observe(0.0625);
  p.observe(0.125);  // bounds are inclusive
  p.observe(0.5);
  p.observe(7);
  EXPECT_EQ(r.render(),
            "# HELP t_seconds Latency.\n"
            "# TYPE t_seconds histogram\n"
            "t_seconds_bucket{api=\"Produce\",le=\"0.125\"} 2\n"
            "t_seconds_bucket{api=\"Produce\",le=\"1\"} 3\n"
            "t_seconds_bucket{api=\"Produce\",le=\"+Inf\"} 4\n"
            "t_seconds_sum{api=\"Produce\"} 7.6875\n"
            "t_seconds_count{api=\"Produce\"} 4\n");
  EXPECT_THROW(r.histogram("t_bad", "x", {}, {1, 1}), std::invalid_argument);
}

TEST(MetricsTest, EscapesLabelValuesAndHelp) {
  EXPECT_EQ(escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  EXPECT_EQ(escape_help("line\\one\nline \"two\""), "line\\\\one\\nline \"two\"");
  Registry r;
  r.gauge("t_g", "multi\nline", {"v"}).with({"x\"y"}).set(1);
  EXPECT_EQ(r.render(), "# HELP t_g multi\\nline\n# TYPE t_g gauge\nt_g{v=\"x\\\"y\"} 1\n");
}

TEST(MetricsTest, FormatsSpecialAndLargeValues) {
  EXPECT_EQ(format_value(3), "3");
  EXPECT_EQ(format_value(-2), "-2");
  EXPECT_EQ(format_value(1.5), "1.5");
  EXPECT_EQ(format_value(1e300), "1e+300");
  EXPECT_EQ(format_value(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(format_value(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(format_value(std::nan("")), "NaN");
}

TEST(MetricsTest, CollectorsRunAtScrapeTimeAndMergeWithFamiliesByName) {
  Registry r;
  int64_t end_offset = 5;
  r.counter("t_z_total", "Instrument.", {}).with({}).inc();
  auto handle = r.add_collector([&](CollectorSink& sink) {
    sink.gauge("t_end_offset", "End offset.", {{"topic", "a"}, {"partition", "0"}}, static_cast<double>(end_offset));
    sink.gauge("t_end_offset", "ignored help", {{"topic", "a"}, {"partition", "1"}}, 0);
  });
  end_offset = 9;
  EXPECT_EQ(r.render(),
            "# HELP t_end_offset End offset.\n"
            "# TYPE t_end_offset gauge\n"
            "t_end_offset{topic=\"a\",partition=\"0\"} 9\n"
            "t_end_offset{topic=\"a\",partition=\"1\"} 0\n"
            "# HELP t_z_total Instrument.\n"
            "# TYPE t_z_total counter\n"
            "t_z_total 1\n");
  handle.reset();
  EXPECT_EQ(r.render().find("t_end_offset"), std::string::npos);
}

TEST(MetricsTest, DroppingAHandleUnregistersAndMovedHandlesOwnTheCollector) {
  Registry r;
  int runs = 0;
  {
    CollectorHandle outer;
    {
      auto inner = r.add_collector([&](CollectorSink&) { ++runs; });
      outer = std::move(inner);
    }
    r.render();
    EXPECT_EQ(runs, 1);
  }
  r.render();
  EXPECT_EQ(runs, 1);
}

TEST(MetricsTest, RemovedChildStopsRenderingButStaysUsable) {
  Registry r;
  auto& f = r.counter("t_total", "x", {"topic"});
  auto held = f.child({"gone"});
  f.remove({"gone"});
  held->inc();  // a holder that has not noticed yet must not crash
  EXPECT_EQ(r.render().find("gone"), std::string::npos);
  EXPECT_EQ(f.with({"gone"}).value(), 0u);  // recreated fresh
}

TEST(MetricsTest, ConcurrentIncrementsAreNotLost) {
  Registry r;
  auto c = r.counter("t_total", "x").child({});
  auto h = r.histogram("t_seconds", "x", {}, latency_buckets()).child({});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        c->inc();
        h->observe(0.001);
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(c->value(), 40000u);
  EXPECT_EQ(h->snapshot().count(), 40000u);
}

TEST(MetricsTest, ProcessRegistryIsOneInstance) { EXPECT_EQ(&registry(), &registry()); }

}  // namespace
}  // namespace tributary::metrics
