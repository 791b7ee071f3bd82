#include "app/sql_shell/shell.h"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/sql_shell/response_printer.h"
#include "app/sql_shell/statement_kind.h"
#include "app/sql_shell/statement_splitter.h"
#include "app/sql_shell/table_printer.h"
#include "app/sql_shell/terminal.h"

namespace tributary::app::sql_shell {

std::atomic<bool>& Shell::interrupt_flag() {
  static std::atomic<bool> flag{false};
  return flag;
}

Shell::Shell(ShellOptions options, std::ostream& out, std::ostream& err)
    : options_(std::move(options)), out_(out), err_(err), client_(options_.server) {}

bool Shell::fail(const std::string& message) {
  out_.flush();
  err_ << message << "\n";
  err_.flush();
  return false;
}

int Shell::run() {
  if (!options_.file.empty()) {
    std::ifstream in(options_.file);
    if (!in) {
      fail(fmt::format("cannot read {}", options_.file));
      return 1;
    }
    std::ostringstream text;
    text << in.rdbuf();
    install_interrupt_handler(false);
    return run_script(text.str());
  }
  if (!options_.execute.empty()) {
    install_interrupt_handler(false);
    return run_script(options_.execute);
  }
  if (!::isatty(STDIN_FILENO)) {
    std::ostringstream text;
    text << std::cin.rdbuf();
    install_interrupt_handler(false);
    return run_script(text.str());
  }
  return run_interactive();
}

int Shell::run_script(std::string_view text) {
  for (const auto& statement : split_statements(text)) {
    if (!execute(statement)) return 1;
    if (exit_requested_) break;
  }
  return 0;
}

int Shell::run_interactive() {
  print_banner();
  LineReader reader(history_path());
  StatementSplitter splitter;
  while (!exit_requested_) {
    auto line = reader.read_line(splitter.pending() ? "   > " : "ksql> ");
    if (line.interrupted) {  // Ctrl-C at the prompt: drop the unfinished statement
      splitter.reset();
      continue;
    }
    if (!line.text) break;  // Ctrl-D
    std::string trimmed = trim(*line.text);
    // Shell commands work without ';' when no statement is pending.
    if (!splitter.pending()) {
      ClassifiedStatement c = classify_statement(trimmed);
      if (!trimmed.empty() && (c.kind == StatementKind::exit || c.kind == StatementKind::help)) {
        reader.remember(trimmed);
        execute(trimmed);
        continue;
      }
    }
    for (const auto& statement : splitter.feed_line(*line.text)) {
      reader.remember(statement);
      execute(statement);
      if (exit_requested_) break;
    }
  }
  out_ << "Exiting.\n";
  return 0;
}

bool Shell::execute(const std::string& statement) {
  ClassifiedStatement c = classify_statement(statement);
  if (!c.error.empty()) return fail(c.error);
  switch (c.kind) {
    case StatementKind::exit: exit_requested_ = true; return true;
    case StatementKind::help: print_help(); return true;
    case StatementKind::set_property: return set_property(c.property, c.value);
    case StatementKind::unset_property: return unset_property(c.property);
    case StatementKind::query: return run_query(statement, c.push);
    case StatementKind::print: return run_print(statement);
    case StatementKind::ksql: return run_ksql(statement);
  }
  return true;
}

bool Shell::run_ksql(const std::string& statement) {
  auto response = client_.ksql(statement, properties_, command_sequence_);
  if (!response.ok()) return fail(response.status().message());
  const nlohmann::json& entities = *response;
  if (!entities.is_array()) return fail("unexpected answer from the server: " + entities.dump());
  for (const auto& entity : entities) {
    if (entity.contains("commandSequenceNumber") && entity["commandSequenceNumber"].is_number_integer()) {
      int64_t seq = entity["commandSequenceNumber"].get<int64_t>();
      if (!command_sequence_ || seq > *command_sequence_) command_sequence_ = seq;
    }
    out_ << format_entity(entity);
  }
  out_.flush();
  return true;
}

bool Shell::run_query(const std::string& statement, bool push) {
  std::optional<BoxedTable> table;
  RestClient::QueryCallbacks callbacks;
  callbacks.on_header = [&](const nlohmann::json& header) {
    TableRow names;
    if (header.contains("columnNames") && header["columnNames"].is_array())
      for (const auto& name : header["columnNames"]) names.push_back(cell_text(name));
    table.emplace(names, terminal_width());
    out_ << table->header() << std::flush;
  };
  callbacks.on_row = [&](const nlohmann::json& row) {
    if (!table) table.emplace(TableRow(row.size(), ""), terminal_width());
    TableRow cells;
    for (const auto& value : row) cells.push_back(cell_text(value));
    out_ << table->row(cells) << std::flush;
  };
  QueryScope scope;  // Ctrl-C now cancels the query instead of leaving the shell
  auto end = client_.query_stream(statement, properties_, callbacks, interrupt_flag());
  if (table) out_ << table->footer();
  if (!end.ok()) return fail(end.status().message());
  if (*end == RestClient::QueryEnd::cancelled) {
    out_ << "Query terminated\n";
  } else if (push) {
    out_ << "Limit Reached\nQuery terminated\n";
  }
  out_.flush();
  return true;
}

bool Shell::run_print(const std::string& statement) {
  QueryScope scope;
  auto end = client_.print_topic(statement, properties_, [&](const std::string& line) {
    out_ << line << "\n" << std::flush;
  }, interrupt_flag());
  if (!end.ok()) return fail(end.status().message());
  if (*end == RestClient::QueryEnd::cancelled) out_ << "Topic printing ceased\n";
  out_.flush();
  return true;
}

bool Shell::set_property(const std::string& name, const std::string& value) {
  auto it = properties_.find(name);
  if (it == properties_.end()) {
    out_ << fmt::format("Successfully changed local property '{}' to '{}'.\n", name, value);
  } else {
    out_ << fmt::format("Successfully changed local property '{}' from '{}' to '{}'.\n", name, it->second, value);
  }
  properties_[name] = value;
  return true;
}

bool Shell::unset_property(const std::string& name) {
  auto it = properties_.find(name);
  if (it == properties_.end()) return fail(fmt::format("Cannot unset local property '{}' which was never set", name));
  out_ << fmt::format("Successfully unset local property '{}' (value was '{}').\n", name, it->second);
  properties_.erase(it);
  return true;
}

void Shell::print_banner() {
  out_ << "Tributary SQL shell (ksqlDB dialect)\n";
  auto info = client_.info();
  if (info.ok()) {
    const nlohmann::json& server = info->contains("KsqlServerInfo") ? (*info)["KsqlServerInfo"] : *info;
    std::string version = server.contains("version") ? cell_text(server["version"]) : "unknown";
    out_ << fmt::format("Server: {} (version {})\n", client_.server(), version);
  } else {
    out_ << fmt::format("WARNING: {}\n", info.status().message());
  }
  out_ << "Statements end with ';'. Type 'help' for help, 'exit' or Ctrl-D to leave; Ctrl-C stops a query.\n\n";
  out_.flush();
}

void Shell::print_help() {
  out_ << "Statements (end each with ';', they may span lines):\n"
          "  CREATE STREAM|TABLE ... / CREATE ... AS SELECT ...   define sources and persistent queries\n"
          "  SELECT ... EMIT CHANGES;                            push query: rows stream until Ctrl-C or LIMIT\n"
          "  SELECT ... ;                                        pull query\n"
          "  SHOW|LIST STREAMS|TABLES|QUERIES|TOPICS|PROPERTIES|FUNCTIONS;\n"
          "  DESCRIBE [EXTENDED] <source>; EXPLAIN <query id>; TERMINATE <query id>; DROP ...;\n"
          "  INSERT INTO ... VALUES (...);  PRINT '<topic>' [FROM BEGINNING];\n"
          "Shell commands:\n"
          "  SET '<property>'='<value>';   set a property sent with every statement (e.g. auto.offset.reset)\n"
          "  UNSET '<property>';           remove it\n"
          "  help                          this text\n"
          "  exit | quit                   leave (also Ctrl-D)\n";
  out_.flush();
}

}  // namespace tributary::app::sql_shell
