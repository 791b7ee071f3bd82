// Text tables for the shell. Two shapes, as ksqlDB's CLI prints them:
// - listings (SHOW/LIST/DESCRIBE): columns as wide as their widest cell, dashed rules;
// - query results: a boxed table whose rows are printed one by one as they arrive, so the column
//   widths are fixed up front from the terminal width and long values wrap inside their cell.
#pragma once

#include <string>
#include <vector>

namespace tributary::app::sql_shell {

using TableRow = std::vector<std::string>;

std::string render_listing(const TableRow& headers, const std::vector<TableRow>& rows);

class BoxedTable {
 public:
  BoxedTable(const TableRow& headers, size_t terminal_width);

  std::string header() const;  // top border, column names, rule
  std::string row(const TableRow& cells) const;
  std::string footer() const;  // bottom border
  const std::vector<size_t>& widths() const { return widths_; }

 private:
  std::string border() const;
  std::vector<std::string> headers_;
  std::vector<size_t> widths_;
};

// Display width in terminal columns (UTF-8 aware: counts code points, not bytes).
size_t display_width(const std::string& text);

// The terminal's width, from the tty or $COLUMNS, else `fallback`.
size_t terminal_width(size_t fallback = 120);

}  // namespace tributary::app::sql_shell
