// The one binary: `tributary <subcommand>`. This is the only place that knows every component.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

#include "app/connect_command.h"
#include "app/groups_command.h"
#include "app/migrate_command.h"
#include "app/serve_command.h"
#include "app/sql_server_command.h"
#include "app/sql_shell/sql_command.h"
#include "broker/broker_config.h"

int main(int argc, char** argv) {
  CLI::App app{"Tributary: a Kafka-compatible event-streaming platform in one binary"};
  app.require_subcommand(1);
  int exit_code = 0;

  tributary::app::ServeOptions serve_options;
  tributary::app::add_serve_command(app, serve_options, exit_code);

  tributary::app::add_groups_command(app, exit_code);
  tributary::app::add_migrate_command(app, exit_code);
  tributary::app::add_connect_command(app, exit_code);
  tributary::app::add_sql_server_command(app, exit_code);
  tributary::app::add_sql_command(app, exit_code);

  std::string out;
  CLI::App* docs = app.add_subcommand("config-docs", "Print the configuration reference (docs/config.md) in Markdown");
  docs->add_option("--output,-o", out, "Write to this file instead of standard output");
  docs->callback([&] {
    std::string md = tributary::broker::config_markdown();
    if (out.empty()) {
      std::cout << md;
    } else {
      std::ofstream(out) << md;
    }
  });

  app.add_subcommand("version", "Print the version")->callback([] { std::cout << "tributary 0.1.0\n"; });

  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
