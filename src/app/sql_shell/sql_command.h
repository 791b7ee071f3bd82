// `tributary sql [--server URL] [--file F] [--execute "SQL"]`: registers the shell's subcommand.
#pragma once

#include <CLI/CLI.hpp>

namespace tributary::app {

void add_sql_command(CLI::App& app, int& exit_code);

}  // namespace tributary::app
