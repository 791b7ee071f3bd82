#include "app/sql_shell/statement_splitter.h"

namespace tributary::app::sql_shell {

std::string trim(std::string_view text) {
  const char* ws = " \t\r\n\f\v";
  size_t begin = text.find_first_not_of(ws);
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(ws);
  return std::string(text.substr(begin, end - begin + 1));
}

StatementSplitter::Action StatementSplitter::consume(char c, char next, std::vector<std::string>& out) {
  switch (state_) {
    case State::normal:
      if (c == '-' && next == '-') return Action::end_line;  // a line comment runs to the end of the line
      if (c == '/' && next == '*') {
        state_ = State::block_comment;
        current_ += ' ';
        return Action::skip_next;
      }
      if (c == ';') {
        std::string statement = trim(current_);
        current_.clear();
        if (!statement.empty()) out.push_back(statement + ";");
        return Action::none;
      }
      if (c == '\'') state_ = State::single_quote;
      if (c == '"') state_ = State::double_quote;
      if (c == '`') state_ = State::back_quote;
      current_ += c;
      return Action::none;
    case State::single_quote:
    case State::double_quote:
    case State::back_quote: {
      char quote = state_ == State::single_quote ? '\'' : state_ == State::double_quote ? '"' : '`';
      current_ += c;
      if (c == quote) {
        if (next == quote) {  // doubled quote: an escaped quote inside the literal
          current_ += next;
          return Action::skip_next;
        }
        state_ = State::normal;
      }
      return Action::none;
    }
    case State::block_comment:
      if (c == '*' && next == '/') {
        state_ = State::normal;
        return Action::skip_next;
      }
      return Action::none;
  }
  return Action::none;
}

std::vector<std::string> StatementSplitter::feed_line(std::string_view line) {
  std::vector<std::string> out;
  for (size_t i = 0; i < line.size(); ++i) {
    char next = i + 1 < line.size() ? line[i + 1] : '\0';
    Action action = consume(line[i], next, out);
    if (action == Action::end_line) break;
    if (action == Action::skip_next) ++i;
  }
  // The newline itself: part of a literal, or whitespace between tokens.
  if (state_ != State::block_comment && !current_.empty()) current_ += '\n';
  return out;
}

std::vector<std::string> StatementSplitter::feed(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    for (auto& statement : feed_line(text.substr(start, end - start))) out.push_back(std::move(statement));
    start = end + 1;
  }
  return out;
}

bool StatementSplitter::pending() const {
  return state_ == State::block_comment || !trim(current_).empty();
}

std::string StatementSplitter::take_pending() {
  std::string rest = trim(current_);
  reset();
  return rest;
}

void StatementSplitter::reset() {
  current_.clear();
  state_ = State::normal;
}

std::vector<std::string> split_statements(std::string_view text) {
  StatementSplitter splitter;
  std::vector<std::string> statements = splitter.feed(text);
  std::string rest = splitter.take_pending();
  if (!rest.empty()) statements.push_back(rest + ";");
  return statements;
}

}  // namespace tributary::app::sql_shell
