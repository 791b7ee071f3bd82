// `tributary sql-server`: the SQL service alone, against any Kafka cluster.
#pragma once

#include <CLI/CLI.hpp>

namespace tributary::app {

void add_sql_server_command(CLI::App& app, int& exit_code);

}  // namespace tributary::app
