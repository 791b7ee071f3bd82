#include "app/sql_shell/statement_kind.h"

#include <cctype>
#include <optional>

namespace tributary::app::sql_shell {
namespace {

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// A small cursor over the statement for the client-side grammar: SET 'p' = 'v'; UNSET 'p';
class Cursor {
 public:
  explicit Cursor(const std::string& text) : text_(text) {}
  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  std::string word() {
    skip_space();
    size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  std::optional<std::string> quoted() {
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != '\'') return std::nullopt;
    std::string out;
    for (++pos_; pos_ < text_.size(); ++pos_) {
      if (text_[pos_] == '\'') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '\'') {
          out += '\'';
          ++pos_;
          continue;
        }
        ++pos_;
        return out;
      }
      out += text_[pos_];
    }
    return std::nullopt;
  }
  bool consume(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool at_end() {
    skip_space();
    return pos_ >= text_.size();
  }

 private:
  const std::string& text_;
  size_t pos_ = 0;
};

// Whole-word search for "EMIT CHANGES" outside string literals (good enough for classification).
bool emits_changes(const std::string& statement) {
  std::string text;
  bool in_string = false;
  for (char c : statement) {
    if (c == '\'') in_string = !in_string;
    text += in_string ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  size_t emit = text.find("EMIT");
  while (emit != std::string::npos) {
    size_t after = text.find_first_not_of(" \t\r\n", emit + 4);
    if (after != std::string::npos && text.compare(after, 7, "CHANGES") == 0) return true;
    emit = text.find("EMIT", emit + 4);
  }
  return false;
}

}  // namespace

ClassifiedStatement classify_statement(const std::string& statement) {
  ClassifiedStatement out;
  Cursor cursor(statement);
  std::string first = upper(cursor.word());
  if (first == "SELECT") {
    out.kind = StatementKind::query;
    out.push = emits_changes(statement);
  } else if (first == "PRINT") {
    out.kind = StatementKind::print;
  } else if (first == "EXIT" || first == "QUIT") {
    if (cursor.consume(';'), cursor.at_end()) out.kind = StatementKind::exit;
  } else if (first == "HELP") {
    if (cursor.consume(';'), cursor.at_end()) out.kind = StatementKind::help;
  } else if (first == "SET" || first == "UNSET") {
    out.kind = first == "SET" ? StatementKind::set_property : StatementKind::unset_property;
    auto property = cursor.quoted();
    std::optional<std::string> value;
    bool ok = property.has_value();
    if (ok && out.kind == StatementKind::set_property) {
      ok = cursor.consume('=') && (value = cursor.quoted()).has_value();
    }
    ok = ok && (cursor.consume(';'), cursor.at_end());
    if (!ok) {
      out.error = out.kind == StatementKind::set_property ? "expected SET 'property'='value';"
                                                          : "expected UNSET 'property';";
      return out;
    }
    out.property = *property;
    if (value) out.value = *value;
  }
  return out;
}

}  // namespace tributary::app::sql_shell
