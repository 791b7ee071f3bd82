// The shell's terminal side: GNU readline line editing with a history file, and Ctrl-C handling
// (at the prompt it drops the line, during a query it cancels the query, in a script with no query
// running it exits with 130).
#pragma once

#include <optional>
#include <string>

namespace tributary::app::sql_shell {

// ~/.tributary_sql_history
std::string history_path();

// SIGINT sets Shell::interrupt_flag(); `interactive` decides what an interrupt outside a query does.
void install_interrupt_handler(bool interactive);

// While alive, Ctrl-C cancels the running query rather than ending the program.
class QueryScope {
 public:
  QueryScope();
  ~QueryScope();
  QueryScope(const QueryScope&) = delete;
  QueryScope& operator=(const QueryScope&) = delete;
};

class LineReader {
 public:
  explicit LineReader(std::string history_file);
  ~LineReader();  // trims the history file

  struct Line {
    std::optional<std::string> text;  // nullopt: end of input (Ctrl-D)
    bool interrupted = false;         // Ctrl-C at the prompt
  };
  Line read_line(const std::string& prompt);
  // Adds a complete statement to the history (one line) and appends it to the history file.
  void remember(const std::string& statement);

 private:
  std::string history_file_;
};

}  // namespace tributary::app::sql_shell
