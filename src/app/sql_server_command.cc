#include "app/sql_server_command.h"

#include <csignal>
#include <iostream>

#include "app/shutdown_signals.h"
#include "app/sql_service_host.h"
#include "common/logging.h"

namespace tributary::app {
namespace {

struct SqlServerOptions {
  std::string bootstrap_servers = "127.0.0.1:9092";
  std::string listen = "0.0.0.0:8088";
  std::string data_dir = "./data";
  std::string service_id = "default_";
  std::string log_level = "info";
};

int run_sql_server(const SqlServerOptions& options) {
  init_logging(options.log_level);
  sigset_t set = block_shutdown_signals();
  auto host = SqlServiceHost::start(options.bootstrap_servers, options.listen, options.data_dir, options.service_id);
  if (!host.ok()) {
    std::cerr << "tributary sql-server: " << host.status().message() << "\n";
    return 1;
  }
  component_logger("app")->info("service_started service=sql listen={} bootstrap={}", options.listen,
                                options.bootstrap_servers);
  int signal = 0;
  sigwait(&set, &signal);
  (*host)->stop();
  return 0;
}

}  // namespace

void add_sql_server_command(CLI::App& app, int& exit_code) {
  static SqlServerOptions options;
  CLI::App* cmd = app.add_subcommand("sql-server", "Run the SQL service alone against a Kafka cluster");
  cmd->add_option("--bootstrap-servers", options.bootstrap_servers, "The Kafka cluster queries read and write")
      ->capture_default_str();
  cmd->add_option("--listen", options.listen, "The ksqlDB REST listener, HOST:PORT")->capture_default_str();
  cmd->add_option("--data-dir", options.data_dir, "Where query state (RocksDB) lives")->capture_default_str();
  cmd->add_option("--service-id", options.service_id, "ksql.service.id: names the command topic and query groups")
      ->capture_default_str();
  cmd->add_option("--log-level", options.log_level, "trace, debug, info, warn or error")->capture_default_str();
  cmd->callback([&exit_code] { exit_code = run_sql_server(options); });
}

}  // namespace tributary::app
