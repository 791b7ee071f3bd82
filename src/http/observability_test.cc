#include "http/observability.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>

#include "common/metrics.h"

namespace tributary::http {
namespace {

Response get(const Router& router, const std::string& path) {
  Request request;
  request.method = "GET";
  request.target = request.path = path;
  auto match = router.match(request);
  EXPECT_EQ(match.outcome, Router::Outcome::matched) << path;
  return (*match.handler)(request);
}

TEST(ObservabilityTest, MetricsRendersTheProcessRegistryAsPrometheusText) {
  metrics::registry().counter("tributary_test_observed_total", "For observability_test.").with({}).inc(3);
  Router router;
  add_observability_routes(router);
  Response r = get(router, "/metrics");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.content_type.rfind("text/plain; version=0.0.4", 0), 0u) << r.content_type;
  EXPECT_NE(r.body.find("# TYPE tributary_test_observed_total counter\ntributary_test_observed_total 3\n"),
            std::string::npos);
  EXPECT_EQ(r.body, render_metrics());
}

TEST(ObservabilityTest, HealthzIsAlwaysOkAndReadyzFollowsTheCallback) {
  std::atomic<bool> replayed{false};
  Router router;
  add_observability_routes(router, [&] {
    return replayed ? ReadyState::ok() : ReadyState::waiting_for("sql: command log not replayed yet");
  });
  Response health = get(router, "/healthz");
  EXPECT_EQ(health.status, 200u);
  EXPECT_EQ(nlohmann::json::parse(health.body), nlohmann::json({{"status", "ok"}}));

  Response waiting = get(router, "/readyz");
  EXPECT_EQ(waiting.status, 503u);
  auto body = nlohmann::json::parse(waiting.body);
  EXPECT_EQ(body["status"], "not ready");
  EXPECT_EQ(body["not_ready"], nlohmann::json::array({"sql: command log not replayed yet"}));

  replayed = true;
  Response ready = get(router, "/readyz");
  EXPECT_EQ(ready.status, 200u);
  EXPECT_EQ(nlohmann::json::parse(ready.body)["status"], "ready");
}

TEST(ObservabilityTest, NoCallbackMeansAlwaysReady) {
  Router router;
  add_observability_routes(router);
  EXPECT_EQ(get(router, "/readyz").status, 200u);
}

}  // namespace
}  // namespace tributary::http
