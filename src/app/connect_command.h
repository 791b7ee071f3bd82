// The Connect service in the binary: `tributary connect` runs it alone against any Kafka cluster,
// and `tributary serve` hosts it next to the embedded broker (start_connect_service).
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "connect/rest/connect_service.h"

namespace tributary::app {

void add_connect_command(CLI::App& app, int& exit_code);

// Starts the Connect worker and its REST listener. `overrides` are worker keys as key=value
// (group.id, config.storage.topic, offset.flush.interval.ms, ...).
Result<std::unique_ptr<connect::ConnectService>> start_connect_service(const std::string& bootstrap_servers,
                                                                       const std::string& listen,
                                                                       const std::vector<std::string>& overrides);

// The `--set connect.<key>=value` overrides of `tributary serve`, the prefix removed.
std::vector<std::string> connect_overrides(const std::vector<std::string>& serve_overrides);

}  // namespace tributary::app
