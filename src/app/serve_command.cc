#include "app/serve_command.h"

#include <sys/resource.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>

#include "app/connect_command.h"
#include "app/shutdown_signals.h"
#include "app/sql_service_host.h"
#include "broker/broker.h"
#include "common/logging.h"
#include "console/console_server.h"

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

// "http://127.0.0.1:<port>" for a service listening on `listen` (its bound port when it chose one).
std::string local_url(const std::string& listen, uint16_t port) {
  std::string address = loopback_address(listen);
  auto colon = address.rfind(':');
  return "http://" + address.substr(0, colon) + ":" + std::to_string(port);
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
  sigset_t signals = block_shutdown_signals();
  raise_open_file_limit();
  // With --bootstrap-servers the services run against that cluster and no broker is embedded.
  std::unique_ptr<broker::Broker> broker;
  std::string bootstrap = options.bootstrap_servers;
  if (bootstrap.empty()) {
    broker = std::make_unique<broker::Broker>(std::move(config), options.data_dir);
    s = broker->start(options.kafka_listen);
    if (!s.ok()) {
      log->error("startup_failed error=\"{}\"", s.to_string());
      return 1;
    }
    // The in-process services reach the embedded broker over the Kafka protocol, like any client.
    bootstrap = "127.0.0.1:" + std::to_string(broker->port());
  } else {
    log->info("broker_skipped reason=\"--bootstrap-servers\" bootstrap={}", bootstrap);
  }
  auto stop_broker = [&] {
    if (broker) broker->stop();
  };
  auto sql = SqlServiceHost::start(bootstrap, options.sql_listen, options.data_dir);
  if (!sql.ok()) {
    log->error("startup_failed service=sql error=\"{}\"", sql.status().to_string());
    stop_broker();
    return 1;
  }
  log->info("service_started service=sql listen={} port={} bootstrap={}", options.sql_listen, (*sql)->port(), bootstrap);
  auto connect = start_connect_service(bootstrap, options.connect_listen, connect_overrides(options.overrides));
  if (!connect.ok()) {
    log->error("startup_failed service=connect error=\"{}\"", connect.status().to_string());
    (*sql)->stop();
    stop_broker();
    return 1;
  }
  log->info("service_started service=connect listen={} port={} bootstrap={}", options.connect_listen,
            (*connect)->port(), bootstrap);

  console::ConsoleOptions console_options;
  console_options.listen = options.console_listen;
  console_options.bootstrap_servers = bootstrap;
  console_options.connect_url = local_url(options.connect_listen, (*connect)->port());
  console_options.sql_url = local_url(options.sql_listen, (*sql)->port());
  // Everything the console shows is up once it starts; shutdown turns it not ready first.
  auto services_up = std::make_shared<std::atomic<bool>>(true);
  console_options.ready = [services_up] {
    return services_up->load() ? http::ReadyState::ok() : http::ReadyState::waiting_for("shutting down");
  };
  console::ConsoleServer console_server(console_options);
  s = console_server.start();
  if (!s.ok()) {
    log->error("startup_failed service=console error=\"{}\"", s.to_string());
    (*connect)->stop();
    (*sql)->stop();
    stop_broker();
    return 1;
  }
  log->info("service_started service=console listen={} port={} bootstrap={}", options.console_listen,
            console_server.port(), bootstrap);
  int signal = 0;
  sigwait(&signals, &signal);
  log->info("shutdown_requested signal={}", signal == SIGINT ? "SIGINT" : "SIGTERM");
  services_up->store(false);
  console_server.stop();
  (*connect)->stop();
  (*sql)->stop();
  stop_broker();
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, ServeOptions& options, int& exit_code) {
  CLI::App* serve = app.add_subcommand("serve", "Run the Tributary server (broker, SQL, Connect and console)");
  serve->add_option("--data-dir", options.data_dir, "Where the log, state stores and internal files live")
      ->capture_default_str();
  serve->add_option("--kafka-listen", options.kafka_listen, "The broker's Kafka listener, HOST:PORT (port 0 picks one)")
      ->capture_default_str();
  serve->add_option("--connect-listen", options.connect_listen, "The Connect service's Kafka Connect REST listener, HOST:PORT")
      ->capture_default_str();
  serve->add_option("--sql-listen", options.sql_listen, "The SQL service's ksqlDB REST listener, HOST:PORT")
      ->capture_default_str();
  serve->add_option("--console-listen", options.console_listen, "The web console, its JSON API, /metrics and health, HOST:PORT (port 0 picks one)")
      ->capture_default_str();
  serve->add_option("--bootstrap-servers", options.bootstrap_servers,
                    "Run sql, connect and the console against this Kafka cluster; no broker is embedded");
  serve->add_option("--config", options.config_file, "A properties file of config keys (see docs/config.md)")
      ->check(CLI::ExistingFile);
  serve->add_option("--set", options.overrides, "Set one config key, key=value (repeatable; wins over --config)");
  serve->callback([&] { exit_code = run_serve(options); });
}

}  // namespace tributary::app
