#include "app/serve_command.h"

#include <sys/resource.h>

#include <csignal>
#include <iostream>

#include "app/connect_command.h"
#include "app/shutdown_signals.h"
#include "app/sql_service_host.h"
#include "broker/broker.h"
#include "common/logging.h"

namespace tributary::app {
namespace {

Status load_config(const ServeOptions& options, broker::BrokerConfig& config) {
  if (!options.config_file.empty()) TRY_STATUS(config.values().load_properties(options.config_file));
  for (const auto& kv : options.overrides) {
    if (kv.rfind("connect.", 0) == 0) continue;  // Connect worker keys (connect_overrides)
    auto eq = kv.find('=');
    if (eq == std::string::npos)
      return Status::error(Errc::invalid_argument, "--set expects key=value, got '" + kv + "'");
    TRY_STATUS(config.values().set(kv.substr(0, eq), kv.substr(eq + 1)));
  }
  return Status();
}

// Every segment keeps a file open, so the soft limit on descriptors (often 1024) is raised to the
// hard one, as Kafka's packaging does with its ulimit settings.
void raise_open_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

int run_serve(const ServeOptions& options) {
  broker::BrokerConfig config;
  Status s = load_config(options, config);
  if (!s.ok()) {
    std::cerr << "tributary serve: " << s.message() << "\n";
    return 2;
  }
  init_logging(config.values().get("log.level"));
  auto log = component_logger("app");
  if (!options.bootstrap_servers.empty()) {
    std::cerr << "tributary serve: --bootstrap-servers is for the connect and sql services, which are not "
                 "part of this build yet; the embedded broker is the only service\n";
    return 2;
  }
  sigset_t signals = block_shutdown_signals();
  raise_open_file_limit();
  broker::Broker broker(std::move(config), options.data_dir);
  s = broker.start(options.kafka_listen);
  if (!s.ok()) {
    log->error("startup_failed error=\"{}\"", s.to_string());
    return 1;
  }
  // The in-process services reach the embedded broker over the Kafka protocol, like any client.
  std::string embedded = "127.0.0.1:" + std::to_string(broker.port());
  auto sql = SqlServiceHost::start(embedded, options.sql_listen, options.data_dir);
  if (!sql.ok()) {
    log->error("startup_failed service=sql error=\"{}\"", sql.status().to_string());
    broker.stop();
    return 1;
  }
  log->info("service_started service=sql listen={} bootstrap={}", options.sql_listen, embedded);
  auto connect = start_connect_service(embedded, options.connect_listen, connect_overrides(options.overrides));
  if (!connect.ok()) {
    log->error("startup_failed service=connect error=\"{}\"", connect.status().to_string());
    (*sql)->stop();
    broker.stop();
    return 1;
  }
  log->info("service_started service=connect listen={} port={} bootstrap={}", options.connect_listen,
            (*connect)->port(), embedded);
  log->info("services_skipped console={} reason=\"not built yet\"", options.console_listen);
  int signal = 0;
  sigwait(&signals, &signal);
  log->info("shutdown_requested signal={}", signal == SIGINT ? "SIGINT" : "SIGTERM");
  (*connect)->stop();
  (*sql)->stop();
  broker.stop();
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, ServeOptions& options, int& exit_code) {
  CLI::App* serve = app.add_subcommand("serve", "Run the Tributary server (the Kafka-compatible broker)");
  serve->add_option("--data-dir", options.data_dir, "Where the log, state stores and internal files live")
      ->capture_default_str();
  serve->add_option("--kafka-listen", options.kafka_listen, "The broker's Kafka listener, HOST:PORT (port 0 picks one)")
      ->capture_default_str();
  serve->add_option("--connect-listen", options.connect_listen, "The Connect service's Kafka Connect REST listener, HOST:PORT")
      ->capture_default_str();
  serve->add_option("--sql-listen", options.sql_listen, "The SQL service's ksqlDB REST listener, HOST:PORT")
      ->capture_default_str();
  serve->add_option("--console-listen", options.console_listen, "The console, /metrics and health (not built yet)")
      ->capture_default_str();
  serve->add_option("--bootstrap-servers", options.bootstrap_servers,
                    "Use this Kafka cluster instead of the embedded broker (connect and sql only)");
  serve->add_option("--config", options.config_file, "A properties file of config keys (see docs/config.md)")
      ->check(CLI::ExistingFile);
  serve->add_option("--set", options.overrides, "Set one config key, key=value (repeatable; wins over --config)");
  serve->callback([&] { exit_code = run_serve(options); });
}

}  // namespace tributary::app
