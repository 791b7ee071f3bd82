// Structured logs: one line per event, logfmt style (`ts=… level=… component=… event key=value …`),
// so that both people and log shippers can read them. Messages name the event first, then key=value pairs.
#pragma once

#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace tributary {

// Sets the level (trace, debug, info, warn, error, off) and the logfmt pattern on stderr.
void init_logging(const std::string& level);

// The logger of one component ("broker", "storage", ...), created on first use.
std::shared_ptr<spdlog::logger> component_logger(const std::string& component);

}  // namespace tributary
