// `tributary serve`: the server process and its command-line flags.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace tributary::app {

struct ServeOptions {
  std::string data_dir = "./data";
  std::string kafka_listen = "0.0.0.0:9092";
  std::string connect_listen = "0.0.0.0:8083";
  std::string sql_listen = "0.0.0.0:8088";
  std::string console_listen = "0.0.0.0:8080";
  std::string bootstrap_servers;
  std::string config_file;
  std::vector<std::string> overrides;  // key=value
};

void add_serve_command(CLI::App& app, ServeOptions& options, int& exit_code);

}  // namespace tributary::app
