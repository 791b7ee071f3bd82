// Shared by the load generators: a monotonic clock, percentiles and the one-JSON-line result format
// that bench/run parses. Keeping the format here means every tool reports the same field names.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tributary::bench {

inline int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Nearest-rank percentile (p in 0..100) of `samples`, which it partially reorders; 0 when empty.
double percentile(std::vector<uint32_t>& samples, double p);

// One result: an ordered list of fields, printed as a single JSON object line (machine-readable)
// followed by nothing else on that line, so `grep '^{'` picks results out of mixed output.
class Result {
 public:
  Result& str(const std::string& key, const std::string& value);
  Result& num(const std::string& key, double value);
  Result& integer(const std::string& key, int64_t value);
  void print_json() const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;  // value already JSON-encoded
};

}  // namespace tributary::bench
