// Ceiling mode: what one core can do with no engine at all. Each record is parsed with simdjson
// (all four fields read, as the engine's deserializer must), then the windowed aggregate of the
// benchmark query is applied by hand: 1 s tumbling window of the record timestamp, COUNT and AVG
// per gateway in a hash map. With --emit the changed row is also formatted as JSON, the part of
// the sink's work that no engine can skip.
#include <fmt/format.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <unordered_map>

#include "bench_stats.h"
#include "cpu_time.h"
#include "sql_bench.h"

namespace tributary::bench {
namespace {

struct Payment {
  int64_t id = 0;
  std::string_view gateway;
  double amount = 0;
  int64_t customer = 0;
};

struct WindowState {
  int64_t count = 0;
  double sum = 0;
};

// Keys are gateway bytes + 8 bytes of window start; lookups take a string_view (no allocation).
struct KeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
using WindowMap = std::unordered_map<std::string, WindowState, KeyHash, std::equal_to<>>;

bool parse_dom(simdjson::dom::parser& parser, const std::string& json, Payment& p) {
  simdjson::dom::element root;
  if (parser.parse(json.data(), json.size()).get(root)) return false;
  simdjson::dom::object obj;
  if (root.get_object().get(obj)) return false;
  if (obj["ID"].get_int64().get(p.id)) return false;
  if (obj["GATEWAY"].get_string().get(p.gateway)) return false;
  if (obj["AMOUNT"].get_double().get(p.amount)) return false;
  return !obj["CUSTID"].get_int64().get(p.customer);
}

bool parse_ondemand(simdjson::ondemand::parser& parser, const std::string& json, Payment& p) {
  // The pool strings were reserved with SIMDJSON_PADDING spare bytes (see run_sql_ceiling).
  simdjson::padded_string_view view(json.data(), json.size(), json.capacity());
  simdjson::ondemand::document doc;
  if (parser.iterate(view).get(doc)) return false;
  simdjson::ondemand::object obj;
  if (doc.get_object().get(obj)) return false;
  if (obj["ID"].get_int64().get(p.id)) return false;
  if (obj["GATEWAY"].get_string().get(p.gateway)) return false;
  if (obj["AMOUNT"].get_double().get(p.amount)) return false;
  return !obj["CUSTID"].get_int64().get(p.customer);
}

}  // namespace

int run_sql_ceiling(const SqlCeilingOptions& o) {
  Payments payments = make_payments(o.pool, o.per_ms);
  for (auto& v : payments.values) v.reserve(v.size() + simdjson::SIMDJSON_PADDING);
  simdjson::dom::parser dom;
  simdjson::ondemand::parser ondemand;
  WindowMap windows;
  std::string key, out;
  double checksum = 0;
  int64_t failed = 0;

  double cpu0 = process_cpu_seconds();
  int64_t t0 = now_ns();
  for (int64_t i = 0; i < o.records; ++i) {
    Payment p;
    const std::string& json = payments.value(i);
    if (!(o.ondemand ? parse_ondemand(ondemand, json, p) : parse_dom(dom, json, p))) {
      ++failed;
      continue;
    }
    int64_t ts = payments.timestamp(i);
    int64_t window_start = ts - ts % 1000;
    key.assign(p.gateway);
    key.append(reinterpret_cast<const char*>(&window_start), sizeof window_start);
    auto it = windows.find(std::string_view(key));
    if (it == windows.end()) it = windows.emplace(key, WindowState{}).first;
    WindowState& w = it->second;
    ++w.count;
    w.sum += p.amount;
    double avg = w.sum / static_cast<double>(w.count);
    if (o.emit) {
      out.clear();
      fmt::format_to(std::back_inserter(out), R"({{"CNT":{},"AVG_AMOUNT":{}}})", w.count, avg);
      checksum += static_cast<double>(out.size());
    } else {
      checksum += avg;
    }
  }
  int64_t t1 = now_ns();
  double cpu = process_cpu_seconds() - cpu0;
  double wall = static_cast<double>(t1 - t0) / 1e9;

  double rps_cpu = static_cast<double>(o.records) / cpu;
  Result()
      .str("bench", "sql-ceiling")
      .str("label", o.label)
      .str("parser", o.ondemand ? "ondemand" : "dom")
      .integer("emit", o.emit)
      .integer("records", o.records)
      .integer("failed", failed)
      .integer("windows", static_cast<int64_t>(windows.size()))
      .num("seconds", wall)
      .num("cpu_seconds", cpu)
      .num("records_per_s", static_cast<double>(o.records) / wall)
      .num("records_per_cpu_s", rps_cpu)
      .num("ns_per_record", cpu * 1e9 / static_cast<double>(o.records))
      .num("checksum", checksum)
      .print_json();
  fmt::print(stderr, "ceiling ({}{}): {:.0f} records/s per core, {:.1f} ns/record\n", o.ondemand ? "ondemand" : "dom",
             o.emit ? ", emit" : "", rps_cpu, cpu * 1e9 / static_cast<double>(o.records));
  return failed ? 1 : 0;
}

}  // namespace tributary::bench
