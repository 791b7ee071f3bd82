// `tributary sql`: the interactive ksqlDB-style shell (readline, history, multi-line statements) and
// its script modes (--file, --execute, piped stdin). Statements run through RestClient; results are
// printed by response_printer / table_printer. SET/UNSET properties live here, client side, and go
// with every request as streamsProperties, as ksqlDB's CLI does.
#pragma once

#include <atomic>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "app/sql_shell/rest_client.h"

namespace tributary::app::sql_shell {

struct ShellOptions {
  std::string server = "http://localhost:8088";
  std::string file;     // run this script, stop at the first error
  std::string execute;  // run these statements, stop at the first error
};

class Shell {
 public:
  Shell(ShellOptions options, std::ostream& out, std::ostream& err);

  // Picks the mode from the options and stdin; returns the process exit code.
  int run();
  // Runs every statement of `text` in order, stopping at the first failure: 0, or 1 on failure.
  int run_script(std::string_view text);
  // Runs one complete statement; false when it failed (the message has been printed).
  bool execute(const std::string& statement);

  const Properties& properties() const { return properties_; }
  // Set by Ctrl-C (or a test): ends the running query.
  static std::atomic<bool>& interrupt_flag();

 private:
  int run_interactive();
  bool run_query(const std::string& statement, bool push);
  bool run_print(const std::string& statement);
  bool run_ksql(const std::string& statement);
  bool set_property(const std::string& name, const std::string& value);
  bool unset_property(const std::string& name);
  void print_help();
  void print_banner();
  bool fail(const std::string& message);

  ShellOptions options_;
  std::ostream& out_;
  std::ostream& err_;
  RestClient client_;
  Properties properties_;
  std::optional<int64_t> command_sequence_;
  bool exit_requested_ = false;
};

}  // namespace tributary::app::sql_shell
