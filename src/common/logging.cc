#include "common/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <mutex>

namespace tributary {
namespace {

constexpr const char* kPattern = "ts=%Y-%m-%dT%H:%M:%S.%e%z level=%l component=%n %v";
std::mutex g_mutex;

}  // namespace

void init_logging(const std::string& level) {
  std::lock_guard lock(g_mutex);
  spdlog::set_pattern(kPattern);
  spdlog::set_level(spdlog::level::from_str(level));
  spdlog::flush_on(spdlog::level::warn);
}

std::shared_ptr<spdlog::logger> component_logger(const std::string& component) {
  std::lock_guard lock(g_mutex);
  if (auto existing = spdlog::get(component)) return existing;
  auto logger = spdlog::stderr_color_mt(component);
  logger->set_pattern(kPattern);
  logger->set_level(spdlog::get_level());
  logger->flush_on(spdlog::level::info);
  return logger;
}

}  // namespace tributary
