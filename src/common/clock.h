#pragma once

#include <chrono>
#include <cstdint>

namespace tributary {

// Wall-clock milliseconds since the epoch: the unit of Kafka timestamps.
inline int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Monotonic milliseconds, for timeouts that must not jump with the wall clock.
inline int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace tributary
