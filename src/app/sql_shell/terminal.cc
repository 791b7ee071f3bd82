#include "app/sql_shell/terminal.h"

// readline's headers use FILE without including <cstdio>.
#include <cstdio>

#include <readline/history.h>
#include <readline/readline.h>
#include <sys/select.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>

#include "app/sql_shell/shell.h"

namespace tributary::app::sql_shell {
namespace {

constexpr int kHistorySize = 1000;

std::atomic<bool> g_in_query{false};
bool g_interactive = false;

void on_interrupt(int) {
  Shell::interrupt_flag().store(true);
  if (!g_interactive && !g_in_query.load()) _exit(130);
}

// The line handler of readline's callback interface hands its line over through these.
bool g_line_ready = false;
std::optional<std::string> g_line;

void on_line(char* line) {
  g_line_ready = true;
  if (line) {
    g_line = std::string(line);
    std::free(line);
  } else {
    g_line.reset();
  }
  rl_callback_handler_remove();  // no prompt until the shell asks for the next line
}

}  // namespace

std::string history_path() {
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.tributary_sql_history";
}

void install_interrupt_handler(bool interactive) {
  g_interactive = interactive;
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: select() at the prompt must wake up
  sigaction(SIGINT, &action, nullptr);
}

QueryScope::QueryScope() {
  Shell::interrupt_flag().store(false);
  g_in_query.store(true);
}

QueryScope::~QueryScope() {
  g_in_query.store(false);
  Shell::interrupt_flag().store(false);
}

LineReader::LineReader(std::string history_file) : history_file_(std::move(history_file)) {
  rl_catch_signals = 0;  // our handler owns SIGINT; the callback loop below reacts to it
  rl_readline_name = "tributary-sql";
  using_history();
  stifle_history(kHistorySize);
  read_history(history_file_.c_str());
  install_interrupt_handler(true);
}

LineReader::~LineReader() { history_truncate_file(history_file_.c_str(), kHistorySize); }

LineReader::Line LineReader::read_line(const std::string& prompt) {
  g_line_ready = false;
  g_line.reset();
  Shell::interrupt_flag().store(false);
  rl_callback_handler_install(prompt.c_str(), on_line);
  while (!g_line_ready) {
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(STDIN_FILENO, &fds);
    int ready = ::select(STDIN_FILENO + 1, &fds, nullptr, nullptr, nullptr);
    if (Shell::interrupt_flag().exchange(false)) {
      rl_free_line_state();
      rl_callback_sigcleanup();
      rl_replace_line("", 0);
      rl_crlf();
      rl_callback_handler_remove();
      return Line{std::nullopt, true};
    }
    if (ready < 0) {
      if (errno == EINTR) continue;
      rl_callback_handler_remove();
      return Line{};
    }
    rl_callback_read_char();
  }
  if (!g_line) std::fputs("\n", stdout);  // Ctrl-D leaves the cursor after the prompt
  return Line{g_line, false};
}

void LineReader::remember(const std::string& statement) {
  std::string line = statement;
  for (char& c : line)
    if (c == '\n' || c == '\r') c = ' ';
  HIST_ENTRY* last = history_length > 0 ? history_get(history_base + history_length - 1) : nullptr;
  if (last && line == last->line) return;  // no consecutive duplicates
  add_history(line.c_str());
  if (append_history(1, history_file_.c_str()) != 0) write_history(history_file_.c_str());
}

}  // namespace tributary::app::sql_shell
