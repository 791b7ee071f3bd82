// Live throughput: one thread samples the end offset of every partition once a second and keeps, per
// topic, 15 minutes of records-in rates (the sum over partitions of end-offset deltas). The overview,
// the topic list and GET /api/series read it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "client/kafka_handle.h"
#include "http/router.h"

namespace tributary::console {

class SeriesSampler {
 public:
  static constexpr int64_t kIntervalMs = 1000;
  static constexpr int64_t kKeepMs = 15 * 60 * 1000;

  explicit SeriesSampler(std::string bootstrap_servers) : bootstrap_(std::move(bootstrap_servers)) {}
  ~SeriesSampler() { stop(); }

  void start();
  void stop();

  using Point = std::pair<int64_t, double>;  // wall-clock ms, records per second
  // Points of the last `minutes`, per topic (all topics when `topic` is empty).
  std::map<std::string, std::vector<Point>> points(int64_t since_ms, const std::string& topic = "") const;
  // The latest rate per topic (0 for topics seen only once so far).
  std::map<std::string, double> latest_rates() const;
  double total_rate() const;

 private:
  void run();
  void sample_once(client::KafkaHandle& handle);

  std::string bootstrap_;
  std::thread thread_;
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;

  struct TopicState {
    int64_t last_sum = -1;   // sum of end offsets at the last sample
    int64_t last_time = 0;   // steady ms of that sample
    std::deque<Point> points;
  };
  mutable std::mutex mu_;
  std::map<std::string, TopicState> topics_;
};

void add_series_routes(http::Router& router, const SeriesSampler& series);

}  // namespace tributary::console
