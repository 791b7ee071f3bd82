// Process-wide metrics in the Prometheus data model, rendered in the text exposition format 0.0.4.
//
// Two ways to publish a number:
//  * Instruments: counter, gauge and histogram families with label names, registered once by name.
//    Look a child (one label-value combination) up once, keep the shared_ptr, and update it with
//    relaxed atomics: hot paths pay one atomic add, never a map lookup or a string.
//  * Collectors: callbacks run at scrape time that emit samples computed from existing state (log
//    offsets, group lag, task states), so nothing has to be kept in sync on the hot path.
//
// Thread safety: everything here may be called from any thread. A collector runs on the scraping
// thread while the registry's collector lock is held, so removing a collector (dropping its
// CollectorHandle) waits for a scrape in progress: drop the handle before tearing down what the
// callback reads, and never drop it from inside a collector.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace tributary::metrics {

enum class Type { counter, gauge, histogram };

// Label name/value pairs in the order they are rendered.
using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void inc(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

class Gauge {
 public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void add(double d) { value_.fetch_add(d, std::memory_order_relaxed); }
  void inc() { add(1); }
  void dec() { add(-1); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Histogram {
 public:
  // `bounds`: strictly increasing upper bounds, without +Inf (added implicitly).
  explicit Histogram(std::shared_ptr<const std::vector<double>> bounds);
  void observe(double value);

  struct Snapshot {
    std::vector<uint64_t> cumulative;  // one per bound, then +Inf (== count)
    double sum = 0;
    uint64_t count() const { return cumulative.empty() ? 0 : cumulative.back(); }
  };
  // Count is derived from the buckets, so it always equals the +Inf bucket even mid-update.
  Snapshot snapshot() const;
  const std::vector<double>& bounds() const { return *bounds_; }

 private:
  std::shared_ptr<const std::vector<double>> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // non-cumulative, bounds + 1 (+Inf)
  std::atomic<double> sum_{0};
};

// `count` bounds start, start*factor, start*factor^2, ...
std::vector<double> exponential_buckets(double start, double factor, int count);
// 0.5 ms .. ~16 s, doubling: request latencies from an in-memory hit to a long poll.
std::vector<double> latency_buckets();

// One collected family, ready to render. Sample names carry the family name plus a suffix
// ("_bucket", "_sum", "_count" for histograms; "" otherwise).
struct Sample {
  std::string suffix;
  Labels labels;
  double value = 0;
};
struct FamilySnapshot {
  std::string name;
  std::string help;
  Type type = Type::gauge;
  std::vector<Sample> samples;
};

class FamilyBase {
 public:
  FamilyBase(std::string name, std::string help, Type type, std::vector<std::string> label_names)
      : name_(std::move(name)), help_(std::move(help)), type_(type), label_names_(std::move(label_names)) {}
  virtual ~FamilyBase() = default;

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  Type type() const { return type_; }
  const std::vector<std::string>& label_names() const { return label_names_; }
  virtual void collect(FamilySnapshot& out) const = 0;

 protected:
  Labels labels_for(const std::vector<std::string>& values) const;
  void check_arity(const std::vector<std::string>& values) const;  // throws std::invalid_argument

 private:
  std::string name_;
  std::string help_;
  Type type_;
  std::vector<std::string> label_names_;
};

// Children by label values. A child lives as long as someone holds it, even after remove().
template <class Metric>
class Family : public FamilyBase {
 public:
  using FamilyBase::FamilyBase;

  // The child for these label values (in label-name order), created at zero on first use.
  std::shared_ptr<Metric> child(const std::vector<std::string>& values) {
    check_arity(values);
    std::lock_guard lock(mutex_);
    auto& slot = children_[values];
    if (!slot) slot = make();
    return slot;
  }
  Metric& with(const std::vector<std::string>& values) { return *child(values); }
  // Stops rendering a child (a deleted topic, a removed connector); holders may keep updating it.
  void remove(const std::vector<std::string>& values) {
    std::lock_guard lock(mutex_);
    children_.erase(values);
  }
  void collect(FamilySnapshot& out) const override;

 protected:
  std::function<std::shared_ptr<Metric>()> factory_;  // for instruments without a default constructor

 private:
  std::shared_ptr<Metric> make() const {
    if constexpr (std::is_default_constructible_v<Metric>)
      return std::make_shared<Metric>();
    else
      return factory_();
  }

  mutable std::mutex mutex_;
  std::map<std::vector<std::string>, std::shared_ptr<Metric>> children_;
};

// Defined in metrics.cc, one per instrument kind.
template <>
void Family<Counter>::collect(FamilySnapshot& out) const;
template <>
void Family<Gauge>::collect(FamilySnapshot& out) const;
template <>
void Family<Histogram>::collect(FamilySnapshot& out) const;

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;

class HistogramFamily : public Family<Histogram> {
 public:
  HistogramFamily(std::string name, std::string help, std::vector<std::string> label_names,
                  std::vector<double> bounds);
  const std::vector<double>& bounds() const { return *bounds_; }

 private:
  std::shared_ptr<const std::vector<double>> bounds_;
};

// What a collector writes into. Samples of one name are merged into one family; the help text and
// type of the first sample of a name win.
class CollectorSink {
 public:
  void gauge(const std::string& name, const std::string& help, Labels labels, double value) {
    add(name, help, Type::gauge, std::move(labels), value);
  }
  void counter(const std::string& name, const std::string& help, Labels labels, double value) {
    add(name, help, Type::counter, std::move(labels), value);
  }
  std::map<std::string, FamilySnapshot>& families() { return families_; }

 private:
  void add(const std::string& name, const std::string& help, Type type, Labels labels, double value);
  std::map<std::string, FamilySnapshot> families_;
};

using Collector = std::function<void(CollectorSink&)>;

class Registry;

// Unregisters its collector when destroyed (waiting for a scrape that is running it).
class CollectorHandle {
 public:
  CollectorHandle() = default;
  CollectorHandle(Registry* registry, uint64_t id) : registry_(registry), id_(id) {}
  CollectorHandle(CollectorHandle&& other) noexcept { *this = std::move(other); }
  CollectorHandle& operator=(CollectorHandle&& other) noexcept;
  CollectorHandle(const CollectorHandle&) = delete;
  CollectorHandle& operator=(const CollectorHandle&) = delete;
  ~CollectorHandle() { reset(); }
  void reset();

 private:
  Registry* registry_ = nullptr;
  uint64_t id_ = 0;
};

class Registry {
 public:
  // Registering a name again returns the existing family; a different type or label set for the same
  // name is a programming error (std::logic_error). Families are never destroyed, so references stay
  // valid for the registry's life: cache them in function-local statics.
  CounterFamily& counter(const std::string& name, const std::string& help, std::vector<std::string> label_names = {});
  GaugeFamily& gauge(const std::string& name, const std::string& help, std::vector<std::string> label_names = {});
  HistogramFamily& histogram(const std::string& name, const std::string& help, std::vector<std::string> label_names,
                             std::vector<double> bounds);

  [[nodiscard]] CollectorHandle add_collector(Collector collector);

  // Every family (instruments and collector output), sorted by name.
  std::vector<FamilySnapshot> collect() const;
  // The Prometheus text exposition format 0.0.4.
  std::string render() const;

 private:
  friend class CollectorHandle;
  void remove_collector(uint64_t id);
  template <class F, class... Args>
  F& get_or_add(const std::string& name, Type type, const std::vector<std::string>& label_names, Args&&... args);

  mutable std::mutex families_mutex_;
  std::map<std::string, std::unique_ptr<FamilyBase>> families_;
  mutable std::mutex collectors_mutex_;  // held while collectors run (see the file comment)
  std::map<uint64_t, Collector> collectors_;
  uint64_t next_collector_id_ = 1;
};

// The process-wide registry every component records into and every /metrics route renders.
Registry& registry();

// Text-format pieces, exposed for tests.
std::string escape_label_value(const std::string& value);
std::string escape_help(const std::string& help);
std::string format_value(double value);
std::string render(const std::vector<FamilySnapshot>& families);

}  // namespace tributary::metrics
