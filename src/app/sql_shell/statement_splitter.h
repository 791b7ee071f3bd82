// Splits SQL text into statements at ';' outside string literals, quoted identifiers and comments.
// Fed line by line (the interactive shell) or with a whole script. Comments are dropped from the
// statements it returns; string literals and quoted identifiers are kept byte for byte.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tributary::app::sql_shell {

class StatementSplitter {
 public:
  // Feeds one line (without its newline). Returns the statements it completed, each trimmed and
  // ending with ';'. Empty statements (";;", comment-only text) are skipped.
  std::vector<std::string> feed_line(std::string_view line);
  // Feeds text that may hold many lines.
  std::vector<std::string> feed(std::string_view text);

  // True when text of an unfinished statement is pending (the shell shows a continuation prompt).
  bool pending() const;
  // The unfinished statement so far, trimmed, without a ';' (for the end of a script); clears it.
  std::string take_pending();
  void reset();

 private:
  enum class State { normal, single_quote, double_quote, back_quote, block_comment };
  enum class Action { none, skip_next, end_line };
  Action consume(char c, char next, std::vector<std::string>& out);

  State state_ = State::normal;
  std::string current_;
};

// Whole-text convenience: every statement, plus trailing text without ';' as a last statement
// (with ';' appended), as `--execute "LIST STREAMS"` expects.
std::vector<std::string> split_statements(std::string_view text);

// Trims ASCII whitespace at both ends.
std::string trim(std::string_view text);

}  // namespace tributary::app::sql_shell
