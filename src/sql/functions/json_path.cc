#include "sql/functions/json_path.h"

#include <cctype>
#include <cstdint>
#include <variant>
#include <vector>

#include "sql/functions/string_util.h"

namespace tributary::sql::fn {
namespace {

using Step = std::variant<std::string, int64_t>;  // object key or array index

std::optional<std::vector<Step>> parse_path(std::string_view p) {
  std::vector<Step> steps;
  std::size_t i = 0;
  if (i < p.size() && p[i] == '$') ++i;
  while (i < p.size()) {
    if (p[i] == '.') {
      std::size_t b = ++i;
      while (i < p.size() && p[i] != '.' && p[i] != '[') ++i;
      if (i == b) return std::nullopt;
      steps.emplace_back(std::string(p.substr(b, i - b)));
    } else if (p[i] == '[') {
      ++i;
      if (i < p.size() && (p[i] == '\'' || p[i] == '"')) {
        char q = p[i++];
        std::size_t b = i;
        while (i < p.size() && p[i] != q) ++i;
        if (i + 1 >= p.size() || p[i + 1] != ']') return std::nullopt;
        steps.emplace_back(std::string(p.substr(b, i - b)));
        i += 2;
      } else {
        std::size_t b = i;
        while (i < p.size() && p[i] != ']') ++i;
        if (i >= p.size()) return std::nullopt;
        std::string num(p.substr(b, i - b));
        if (num.empty()) return std::nullopt;
        char* end = nullptr;
        long long idx = std::strtoll(num.c_str(), &end, 10);
        if (*end) return std::nullopt;
        steps.emplace_back(static_cast<int64_t>(idx));
        ++i;
      }
    } else {
      return std::nullopt;
    }
  }
  return steps;
}

// A cursor over raw JSON text; every skip/parse returns false on malformed input.
struct Scanner {
  std::string_view s;
  std::size_t i = 0;

  void ws() { while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i; }

  bool string(std::string* out) {
    if (i >= s.size() || s[i] != '"') return false;
    ++i;
    while (i < s.size() && s[i] != '"') {
      char c = s[i++];
      if (c != '\\') { if (out) *out += c; continue; }
      if (i >= s.size()) return false;
      char e = s[i++];
      switch (e) {
        case 'n': if (out) *out += '\n'; break;
        case 't': if (out) *out += '\t'; break;
        case 'r': if (out) *out += '\r'; break;
        case 'b': if (out) *out += '\b'; break;
        case 'f': if (out) *out += '\f'; break;
        case 'u': {
          if (i + 4 > s.size()) return false;
          char32_t cp = static_cast<char32_t>(std::stoul(std::string(s.substr(i, 4)), nullptr, 16));
          i += 4;
          // A surrogate pair encodes one code point above U+FFFF.
          if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= s.size() && s[i] == '\\' && s[i + 1] == 'u') {
            char32_t lo = static_cast<char32_t>(std::stoul(std::string(s.substr(i + 2, 4)), nullptr, 16));
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
          }
          if (out) *out += utf8_encode(cp);
          break;
        }
        default: if (out) *out += e;
      }
    }
    if (i >= s.size()) return false;
    ++i;
    return true;
  }

  bool value() {
    ws();
    if (i >= s.size()) return false;
    char c = s[i];
    if (c == '"') return string(nullptr);
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      ++i;
      ws();
      if (i < s.size() && s[i] == close) { ++i; return true; }
      while (true) {
        if (c == '{') {
          ws();
          if (!string(nullptr)) return false;
          ws();
          if (i >= s.size() || s[i++] != ':') return false;
        }
        if (!value()) return false;
        ws();
        if (i >= s.size()) return false;
        if (s[i] == ',') { ++i; continue; }
        if (s[i] == close) { ++i; return true; }
        return false;
      }
    }
    std::size_t b = i;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '-' || s[i] == '+' || s[i] == '.')) ++i;
    return i > b;
  }
};

// Raw text without whitespace outside strings.
std::string compact(std::string_view raw) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < raw.size()) out += raw[++i];
      else if (c == '"') in_string = false;
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      out += c;
      if (c == '"') in_string = true;
    }
  }
  return out;
}

// Moves the scanner to the start of the child selected by `step`; false when absent.
bool descend(Scanner& sc, const Step& step) {
  sc.ws();
  if (sc.i >= sc.s.size()) return false;
  if (const auto* key = std::get_if<std::string>(&step)) {
    if (sc.s[sc.i] != '{') return false;
    ++sc.i;
    sc.ws();
    if (sc.i < sc.s.size() && sc.s[sc.i] == '}') return false;
    while (true) {
      sc.ws();
      std::string name;
      if (!sc.string(&name)) return false;
      sc.ws();
      if (sc.i >= sc.s.size() || sc.s[sc.i++] != ':') return false;
      sc.ws();
      if (name == *key) return true;
      if (!sc.value()) return false;
      sc.ws();
      if (sc.i >= sc.s.size() || sc.s[sc.i] != ',') return false;
      ++sc.i;
    }
  }
  int64_t index = std::get<int64_t>(step);
  if (sc.s[sc.i] != '[' || index < 0) return false;
  ++sc.i;
  sc.ws();
  if (sc.i < sc.s.size() && sc.s[sc.i] == ']') return false;
  for (int64_t n = 0;; ++n) {
    sc.ws();
    if (n == index) return true;
    if (!sc.value()) return false;
    sc.ws();
    if (sc.i >= sc.s.size() || sc.s[sc.i] != ',') return false;
    ++sc.i;
  }
}

}  // namespace

std::optional<std::string> extract_json_path(std::string_view json, std::string_view path) {
  auto steps = parse_path(path);
  if (!steps) return std::nullopt;
  Scanner sc{json};
  for (const Step& step : *steps)
    if (!descend(sc, step)) return std::nullopt;
  sc.ws();
  std::size_t begin = sc.i;
  if (begin >= json.size()) return std::nullopt;
  if (json[begin] == '"') {
    std::string out;
    if (!sc.string(&out)) return std::nullopt;
    return out;
  }
  if (!sc.value()) return std::nullopt;
  std::string_view raw = json.substr(begin, sc.i - begin);
  if (raw == "null") return std::nullopt;
  return compact(raw);
}

}  // namespace tributary::sql::fn
