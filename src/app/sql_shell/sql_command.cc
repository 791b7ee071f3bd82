#include "app/sql_shell/sql_command.h"

#include <iostream>
#include <memory>

#include "app/sql_shell/shell.h"

namespace tributary::app {

void add_sql_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<sql_shell::ShellOptions>();
  CLI::App* sql = app.add_subcommand("sql", "Interactive SQL shell (ksqlDB dialect) against a ksqlDB-compatible server");
  sql->add_option("--server,-s", options->server, "ksqlDB REST endpoint")->capture_default_str();
  sql->add_option("--file,-f", options->file, "Run the statements of this file, stop at the first error");
  sql->add_option("--execute,-e", options->execute, "Run these statements, stop at the first error");
  sql->callback([options, &exit_code] {
    sql_shell::Shell shell(*options, std::cout, std::cerr);
    exit_code = shell.run();
  });
}

}  // namespace tributary::app
