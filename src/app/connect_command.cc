#include "app/connect_command.h"

#include <csignal>
#include <iostream>

#include "app/shutdown_signals.h"
#include "common/logging.h"
#include "connect/connectors/builtin_connectors.h"
#include "connect/runtime/worker_config.h"

namespace tributary::app {

Result<std::unique_ptr<connect::ConnectService>> start_connect_service(const std::string& bootstrap_servers,
                                                                       const std::string& listen,
                                                                       const std::vector<std::string>& overrides) {
  connect::ConnectServiceOptions options;
  options.bootstrap_servers = bootstrap_servers;
  options.listen = listen;
  for (const auto& kv : overrides) {
    auto eq = kv.find('=');
    if (eq == std::string::npos) return Status::error(Errc::invalid_argument, "expected key=value, got '" + kv + "'");
    std::string key = kv.substr(0, eq);
    if (!connect::worker_config_def().find(key))
      return Status::error(Errc::invalid_argument, "unknown Connect worker key '" + key + "'");
    options.worker_config[key] = kv.substr(eq + 1);
  }
  auto service = std::make_unique<connect::ConnectService>(std::move(options), connect::builtin_connectors());
  TRY_STATUS(service->start());
  return service;
}

std::vector<std::string> connect_overrides(const std::vector<std::string>& serve_overrides) {
  std::vector<std::string> out;
  for (const auto& kv : serve_overrides)
    if (kv.rfind("connect.", 0) == 0) out.push_back(kv.substr(8));
  return out;
}

namespace {

struct ConnectOptions {
  std::string bootstrap_servers = "localhost:9092";
  std::string listen = "0.0.0.0:8083";
  std::string log_level = "info";
  std::vector<std::string> overrides;
};

int run_connect(const ConnectOptions& options) {
  init_logging(options.log_level);
  sigset_t signals = block_shutdown_signals();
  auto service = start_connect_service(options.bootstrap_servers, options.listen, options.overrides);
  if (!service.ok()) {
    std::cerr << "tributary connect: " << service.status().message() << "\n";
    return service.status().code() == Errc::invalid_argument ? 2 : 1;
  }
  int signal = 0;
  sigwait(&signals, &signal);
  component_logger("app")->info("shutdown_requested signal={}", signal == SIGINT ? "SIGINT" : "SIGTERM");
  (*service)->stop();
  return 0;
}

}  // namespace

void add_connect_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ConnectOptions>();
  CLI::App* cmd = app.add_subcommand(
      "connect", "Run a Connect worker (Kafka Connect REST API) against a Kafka cluster, without the embedded broker");
  cmd->add_option("--bootstrap-servers", options->bootstrap_servers, "The Kafka cluster holding the data and the "
                  "worker's internal topics")->capture_default_str();
  cmd->add_option("--listen", options->listen, "The REST listener, HOST:PORT (port 0 picks one)")->capture_default_str();
  cmd->add_option("--log-level", options->log_level, "trace, debug, info, warn, error or off")->capture_default_str();
  cmd->add_option("--set", options->overrides,
                  "A worker key, key=value (repeatable): group.id, config.storage.topic, offset.storage.topic, "
                  "status.storage.topic, offset.flush.interval.ms, key.converter, value.converter, ...");
  cmd->callback([options, &exit_code] { exit_code = run_connect(*options); });
}

}  // namespace tributary::app
