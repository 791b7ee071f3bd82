#include "connect/transforms/date_format.h"

#include <fmt/format.h>

#include <cctype>
#include <chrono>
#include <vector>

namespace tributary::connect::transforms {
namespace {

// One pattern element: a run of one letter ("yyyy") or literal text.
struct Token {
  char letter = 0;  // 0: literal
  int width = 0;
  std::string text;
};

std::optional<std::vector<Token>> tokenize(const std::string& p, std::string* error) {
  std::vector<Token> out;
  for (size_t i = 0; i < p.size();) {
    char c = p[i];
    if (c == '\'') {
      size_t end = p.find('\'', i + 1);
      if (end == std::string::npos) {
        if (error) *error = "Unterminated quote in date pattern " + p;
        return std::nullopt;
      }
      out.push_back({0, 0, end == i + 1 ? "'" : p.substr(i + 1, end - i - 1)});
      i = end + 1;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < p.size() && p[j] == c) ++j;
      if (std::string("yMdHmsS").find(c) == std::string::npos) {
        if (error) *error = std::string("Unsupported pattern letter '") + c + "' in date pattern " + p;
        return std::nullopt;
      }
      out.push_back({c, static_cast<int>(j - i), ""});
      i = j;
    } else {
      out.push_back({0, 0, std::string(1, c)});
      ++i;
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> check_date_pattern(const std::string& pattern) {
  std::string error;
  if (!tokenize(pattern, &error)) return error;
  return std::nullopt;
}

std::string format_date(const std::string& pattern, int64_t epoch_ms) {
  using namespace std::chrono;
  auto tokens = tokenize(pattern, nullptr);
  if (!tokens) return "";
  sys_time<milliseconds> tp{milliseconds(epoch_ms)};
  auto day = floor<days>(tp);
  year_month_day ymd{day};
  hh_mm_ss hms{tp - day};
  std::string out;
  for (const auto& t : *tokens) {
    auto num = [&](long v, int width) { out += fmt::format("{:0{}}", v, width); };
    switch (t.letter) {
      case 0: out += t.text; break;
      case 'y': t.width == 2 ? num(int(ymd.year()) % 100, 2) : num(int(ymd.year()), t.width); break;
      case 'M': num(unsigned(ymd.month()), t.width); break;
      case 'd': num(unsigned(ymd.day()), t.width); break;
      case 'H': num(hms.hours().count(), t.width); break;
      case 'm': num(hms.minutes().count(), t.width); break;
      case 's': num(hms.seconds().count(), t.width); break;
      case 'S': num(hms.subseconds().count(), t.width); break;
    }
  }
  return out;
}

std::optional<int64_t> parse_date(const std::string& pattern, const std::string& text) {
  using namespace std::chrono;
  auto tokens = tokenize(pattern, nullptr);
  if (!tokens) return std::nullopt;
  long year = 1970, month = 1, dayv = 1, hour = 0, minute = 0, second = 0, millis = 0;
  size_t pos = 0;
  for (size_t i = 0; i < tokens->size(); ++i) {
    const Token& t = (*tokens)[i];
    if (t.letter == 0) {
      if (text.compare(pos, t.text.size(), t.text) != 0) return std::nullopt;
      pos += t.text.size();
      continue;
    }
    // Digits: exactly `width` when the next token is also a number, else as many as there are.
    bool adjacent = i + 1 < tokens->size() && (*tokens)[i + 1].letter != 0;
    size_t end = pos;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])) &&
           (!adjacent || end - pos < static_cast<size_t>(t.width)))
      ++end;
    if (end == pos) return std::nullopt;
    long v = std::stol(text.substr(pos, end - pos));
    pos = end;
    switch (t.letter) {
      case 'y': year = t.width == 2 ? 2000 + v : v; break;
      case 'M': month = v; break;
      case 'd': dayv = v; break;
      case 'H': hour = v; break;
      case 'm': minute = v; break;
      case 's': second = v; break;
      case 'S': millis = v; break;
    }
  }
  if (pos != text.size()) return std::nullopt;
  year_month_day ymd{std::chrono::year(int(year)), std::chrono::month(unsigned(month)), std::chrono::day(unsigned(dayv))};
  if (!ymd.ok()) return std::nullopt;
  auto tp = sys_days(ymd) + hours(hour) + minutes(minute) + seconds(second) + milliseconds(millis);
  return duration_cast<milliseconds>(tp.time_since_epoch()).count();
}

}  // namespace tributary::connect::transforms
