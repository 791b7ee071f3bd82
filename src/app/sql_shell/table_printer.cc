#include "app/sql_shell/table_printer.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace tributary::app::sql_shell {
namespace {

std::string pad(const std::string& text, size_t width) {
  size_t w = display_width(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

// Splits `text` into pieces of at most `width` code points; newlines start a new piece.
std::vector<std::string> wrap(const std::string& text, size_t width) {
  std::vector<std::string> lines(1);
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      lines.emplace_back();
      count = 0;
      continue;
    }
    bool starts_code_point = (c & 0xC0) != 0x80;
    if (starts_code_point && count == width) {
      lines.emplace_back();
      count = 0;
    }
    lines.back() += text[i];
    if (starts_code_point) ++count;
  }
  return lines;
}

}  // namespace

size_t display_width(const std::string& text) {
  return std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

size_t terminal_width(size_t fallback) {
  winsize size{};
  if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  if (const char* columns = std::getenv("COLUMNS")) {
    long value = std::strtol(columns, nullptr, 10);
    if (value > 0) return static_cast<size_t>(value);
  }
  return fallback;
}

std::string render_listing(const TableRow& headers, const std::vector<TableRow>& rows) {
  std::vector<size_t> widths(headers.size());
  for (size_t c = 0; c < headers.size(); ++c) widths[c] = display_width(headers[c]);
  for (const auto& row : rows)
    for (size_t c = 0; c < headers.size() && c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));

  auto line = [&](const TableRow& cells) {
    std::string out;
    for (size_t c = 0; c < headers.size(); ++c) {
      if (c > 0) out += "|";
      out += " " + pad(c < cells.size() ? cells[c] : "", widths[c]) + " ";
    }
    return out + "\n";
  };
  size_t total = 0;
  for (size_t w : widths) total += w + 3;
  std::string rule = std::string(total > 0 ? total - 1 : 0, '-') + "\n";

  std::string out = line(headers) + rule;
  for (const auto& row : rows) out += line(row);
  return out + rule;
}

BoxedTable::BoxedTable(const TableRow& headers, size_t terminal_width) : headers_(headers) {
  size_t columns = std::max<size_t>(1, headers.size());
  // Every column gets an equal share of the terminal (one '|' per column plus the last), but never
  // less than its header.
  size_t share = terminal_width > columns + 1 ? (terminal_width - columns - 1) / columns : 1;
  share = std::max<size_t>(share, 4);
  for (const auto& h : headers) widths_.push_back(std::max(share, display_width(h)));
}

std::string BoxedTable::border() const {
  std::string out = "+";
  for (size_t w : widths_) out += std::string(w, '-') + "+";
  return out + "\n";
}

std::string BoxedTable::header() const { return border() + row(headers_) + border(); }

std::string BoxedTable::footer() const { return border(); }

std::string BoxedTable::row(const TableRow& cells) const {
  std::vector<std::vector<std::string>> wrapped;
  size_t height = 1;
  for (size_t c = 0; c < widths_.size(); ++c) {
    wrapped.push_back(wrap(c < cells.size() ? cells[c] : "", widths_[c]));
    height = std::max(height, wrapped.back().size());
  }
  std::string out;
  for (size_t line = 0; line < height; ++line) {
    out += "|";
    for (size_t c = 0; c < widths_.size(); ++c)
      out += pad(line < wrapped[c].size() ? wrapped[c][line] : "", widths_[c]) + "|";
    out += "\n";
  }
  return out;
}

}  // namespace tributary::app::sql_shell
