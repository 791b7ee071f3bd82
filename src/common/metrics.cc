#include "common/metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tributary::metrics {

Histogram::Histogram(std::shared_ptr<const std::vector<double>> bounds)
    : bounds_(std::move(bounds)), buckets_(new std::atomic<uint64_t>[bounds_->size() + 1]) {
  for (size_t i = 0; i <= bounds_->size(); ++i) buckets_[i].store(0, std::memory_order_relaxed);
}

void Histogram::observe(double value) {
  // Upper bounds are inclusive (le = "less or equal"); a handful of bounds makes a linear scan cheapest.
  const auto& b = *bounds_;
  size_t i = 0;
  while (i < b.size() && value > b[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot s;
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_->size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(running);
  }
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

std::vector<double> exponential_buckets(double start, double factor, int count) {
  std::vector<double> out;
  double v = start;
  for (int i = 0; i < count; ++i, v *= factor) out.push_back(v);
  return out;
}

std::vector<double> latency_buckets() { return exponential_buckets(0.0005, 2, 16); }

Labels FamilyBase::labels_for(const std::vector<std::string>& values) const {
  Labels out;
  out.reserve(values.size());
  for (size_t i = 0; i < values.size(); ++i) out.emplace_back(label_names_[i], values[i]);
  return out;
}

void FamilyBase::check_arity(const std::vector<std::string>& values) const {
  if (values.size() != label_names_.size())
    throw std::invalid_argument(fmt::format("metric {} takes {} label values, got {}", name_, label_names_.size(),
                                            values.size()));
}

template <>
void Family<Counter>::collect(FamilySnapshot& out) const {
  std::lock_guard lock(mutex_);
  for (const auto& [values, c] : children_)
    out.samples.push_back({"", labels_for(values), static_cast<double>(c->value())});
}

template <>
void Family<Gauge>::collect(FamilySnapshot& out) const {
  std::lock_guard lock(mutex_);
  for (const auto& [values, g] : children_) out.samples.push_back({"", labels_for(values), g->value()});
}

template <>
void Family<Histogram>::collect(FamilySnapshot& out) const {
  std::lock_guard lock(mutex_);
  for (const auto& [values, h] : children_) {
    Labels labels = labels_for(values);
    auto snap = h->snapshot();
    const auto& bounds = h->bounds();
    for (size_t i = 0; i <= bounds.size(); ++i) {
      Labels with_le = labels;
      with_le.emplace_back("le", i < bounds.size() ? format_value(bounds[i]) : "+Inf");
      out.samples.push_back({"_bucket", std::move(with_le), static_cast<double>(snap.cumulative[i])});
    }
    out.samples.push_back({"_sum", labels, snap.sum});
    out.samples.push_back({"_count", std::move(labels), static_cast<double>(snap.count())});
  }
}

HistogramFamily::HistogramFamily(std::string name, std::string help, std::vector<std::string> label_names,
                                 std::vector<double> bounds)
    : Family<Histogram>(std::move(name), std::move(help), Type::histogram, std::move(label_names)),
      bounds_(std::make_shared<const std::vector<double>>(std::move(bounds))) {
  if (!std::is_sorted(bounds_->begin(), bounds_->end()) ||
      std::adjacent_find(bounds_->begin(), bounds_->end()) != bounds_->end())
    throw std::invalid_argument("histogram " + this->name() + ": bucket bounds must increase strictly");
  factory_ = [b = bounds_] { return std::make_shared<Histogram>(b); };
}

void CollectorSink::add(const std::string& name, const std::string& help, Type type, Labels labels, double value) {
  auto& family = families_[name];
  if (family.name.empty()) {
    family.name = name;
    family.help = help;
    family.type = type;
  }
  family.samples.push_back({"", std::move(labels), value});
}

CollectorHandle& CollectorHandle::operator=(CollectorHandle&& other) noexcept {
  if (this != &other) {
    reset();
    registry_ = std::exchange(other.registry_, nullptr);
    id_ = std::exchange(other.id_, 0);
  }
  return *this;
}

void CollectorHandle::reset() {
  if (registry_) registry_->remove_collector(id_);
  registry_ = nullptr;
  id_ = 0;
}

template <class F, class... Args>
F& Registry::get_or_add(const std::string& name, Type type, const std::vector<std::string>& label_names,
                        Args&&... args) {
  std::lock_guard lock(families_mutex_);
  auto it = families_.find(name);
  if (it == families_.end()) {
    auto family = std::make_unique<F>(name, std::forward<Args>(args)...);
    F& ref = *family;
    families_.emplace(name, std::move(family));
    return ref;
  }
  if (it->second->type() != type || it->second->label_names() != label_names)
    throw std::logic_error("metric " + name + " registered twice with a different type or labels");
  return static_cast<F&>(*it->second);
}

CounterFamily& Registry::counter(const std::string& name, const std::string& help,
                                 std::vector<std::string> label_names) {
  auto names = label_names;
  return get_or_add<CounterFamily>(name, Type::counter, names, help, Type::counter, std::move(label_names));
}

GaugeFamily& Registry::gauge(const std::string& name, const std::string& help, std::vector<std::string> label_names) {
  auto names = label_names;
  return get_or_add<GaugeFamily>(name, Type::gauge, names, help, Type::gauge, std::move(label_names));
}

HistogramFamily& Registry::histogram(const std::string& name, const std::string& help,
                                     std::vector<std::string> label_names, std::vector<double> bounds) {
  auto names = label_names;
  return get_or_add<HistogramFamily>(name, Type::histogram, names, help, std::move(label_names), std::move(bounds));
}

CollectorHandle Registry::add_collector(Collector collector) {
  std::lock_guard lock(collectors_mutex_);
  uint64_t id = next_collector_id_++;
  collectors_.emplace(id, std::move(collector));
  return CollectorHandle(this, id);
}

void Registry::remove_collector(uint64_t id) {
  std::lock_guard lock(collectors_mutex_);
  collectors_.erase(id);
}

std::vector<FamilySnapshot> Registry::collect() const {
  CollectorSink sink;
  {
    std::lock_guard lock(collectors_mutex_);
    for (const auto& [id, collector] : collectors_) collector(sink);
  }
  auto& merged = sink.families();
  {
    std::lock_guard lock(families_mutex_);
    for (const auto& [name, family] : families_) {
      auto& out = merged[name];
      if (out.name.empty()) {
        out.name = name;
        out.help = family->help();
        out.type = family->type();
      } else if (out.type != family->type()) {
        continue;  // a collector claimed this name with another type: keep the output parseable
      }
      family->collect(out);
    }
  }
  std::vector<FamilySnapshot> out;
  out.reserve(merged.size());
  for (auto& [name, family] : merged) out.push_back(std::move(family));
  return out;
}

std::string Registry::render() const { return metrics::render(collect()); }

Registry& registry() {
  static Registry* instance = new Registry();  // never destroyed: static objects may record while exiting
  return *instance;
}

std::string escape_label_value(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string escape_help(const std::string& help) {
  std::string out;
  out.reserve(help.size());
  for (char c : help) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string format_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // Integral values print without exponent or fraction while exact (counts, offsets, byte sizes).
  if (value == std::floor(value) && std::fabs(value) < 9.007199254740992e15)
    return fmt::format("{}", static_cast<int64_t>(value));
  return fmt::format("{}", value);
}

namespace {

const char* type_name(Type type) {
  switch (type) {
    case Type::counter:
      return "counter";
    case Type::gauge:
      return "gauge";
    case Type::histogram:
      return "histogram";
  }
  return "untyped";
}

}  // namespace

std::string render(const std::vector<FamilySnapshot>& families) {
  std::string out;
  for (const auto& family : families) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", family.name, escape_help(family.help), family.name,
                       type_name(family.type));
    for (const auto& sample : family.samples) {
      out += family.name;
      out += sample.suffix;
      if (!sample.labels.empty()) {
        out += '{';
        for (size_t i = 0; i < sample.labels.size(); ++i) {
          if (i) out += ',';
          out += fmt::format("{}=\"{}\"", sample.labels[i].first, escape_label_value(sample.labels[i].second));
        }
        out += '}';
      }
      out += ' ';
      out += format_value(sample.value);
      out += '\n';
    }
  }
  return out;
}

}  // namespace tributary::metrics
