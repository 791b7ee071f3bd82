// String functions: case, trimming, SUBSTRING, CONCAT, REPLACE, INSTR, padding, CHR, ELT, FIELD.
// Positions and lengths count characters (code points), 1-based, as in ksqlDB.
#include <algorithm>
#include <cctype>
#include <random>

#include "sql/functions/string_util.h"

namespace tributary::sql {
namespace fn {
namespace {

const std::string& str(const Value& v) { return v.as<std::string>(); }

// Java's String.trim: strips characters <= ' ' at both ends.
bool is_trim_char(char c) { return static_cast<unsigned char>(c) <= ' '; }
std::string trim(const std::string& s, bool left, bool right) {
  std::size_t b = 0, e = s.size();
  if (left) while (b < e && is_trim_char(s[b])) ++b;
  if (right) while (e > b && is_trim_char(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// ksqlDB SUBSTRING bounds: positive pos is 1-based, negative counts from the end.
std::size_t substring_start(std::size_t len, int32_t pos) {
  if (pos >= 0) return std::min<std::size_t>(len, pos > 0 ? pos - 1 : 0);
  int64_t s = static_cast<int64_t>(len) + pos;
  return s < 0 ? 0 : static_cast<std::size_t>(s);
}
std::size_t substring_end(std::size_t len, std::size_t start, int32_t length) {
  int64_t e = std::min<int64_t>(static_cast<int64_t>(len), static_cast<int64_t>(start) + length);
  return static_cast<std::size_t>(std::max<int64_t>(static_cast<int64_t>(start), e));
}

template <class S>
S substring(const S& s, int32_t pos, std::optional<int32_t> length) {
  std::size_t start = substring_start(s.size(), pos);
  std::size_t end = length ? substring_end(s.size(), start, *length) : s.size();
  return s.substr(start, end - start);
}

// Oracle-style INSTR: 1-based index of the n-th occurrence searching forward from `position`,
// or backward from the end when `position` is negative; 0 when absent.
int32_t instr(const std::string& text, const std::string& sub, int32_t position, int32_t occurrence) {
  std::u32string s = utf8_decode(text), t = utf8_decode(sub);
  if (occurrence <= 0 || position == 0) return 0;
  if (position > 0) {
    std::size_t from = static_cast<std::size_t>(position - 1);
    for (int32_t n = 0; from <= s.size(); ++from) {
      std::size_t at = s.find(t, from);
      if (at == std::u32string::npos) return 0;
      if (++n == occurrence) return static_cast<int32_t>(at + 1);
      from = at;
    }
    return 0;
  }
  int64_t from = static_cast<int64_t>(s.size()) + position;
  for (int32_t n = 0; from >= 0; --from) {
    std::size_t at = s.rfind(t, static_cast<std::size_t>(from));
    if (at == std::u32string::npos) return 0;
    if (++n == occurrence) return static_cast<int32_t>(at + 1);
    from = static_cast<int64_t>(at);
  }
  return 0;
}

std::string initcap(const std::string& s) {
  std::u32string u = utf8_decode(s);
  bool word_start = true;
  for (char32_t& c : u) {
    if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\f' || c == U'\v') { word_start = true; continue; }
    c = word_start ? to_upper(c) : to_lower(c);
    word_start = false;
  }
  return utf8_encode(u);
}

// LPAD/RPAD: pad (or truncate) to `length` characters; NULL for a negative length or empty padding.
Value pad(const std::string& input, int32_t length, const std::string& padding, bool left) {
  if (length < 0 || padding.empty()) return {};
  std::u32string in = utf8_decode(input), p = utf8_decode(padding);
  if (in.size() >= static_cast<std::size_t>(length)) return Value(utf8_encode(in.substr(0, length)));
  std::u32string fill;
  while (fill.size() < length - in.size()) fill += p;
  fill.resize(length - in.size());
  return Value(utf8_encode(left ? fill + in : in + fill));
}

Value bytes_pad(const std::string& input, int32_t length, const std::string& padding, bool left) {
  if (length < 0 || padding.empty()) return {};
  if (input.size() >= static_cast<std::size_t>(length)) return Value(Bytes{input.substr(0, length)});
  std::string fill;
  while (fill.size() < length - input.size()) fill += padding;
  fill.resize(length - input.size());
  return Value(Bytes{left ? fill + input : input + fill});
}

std::string random_uuid() {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  uint64_t hi = gen(), lo = gen();
  hi = (hi & ~0xf000ULL) | 0x4000ULL;                      // version 4
  lo = (lo & ~(0xc000ULL << 48)) | (0x8000ULL << 48);      // IETF variant
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", uint32_t(hi >> 32), uint32_t((hi >> 16) & 0xffff),
                uint32_t(hi & 0xffff), uint32_t(lo >> 48), static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buf;
}

Value chr(char32_t code) {
  if (code > 0x10FFFF) return {};
  return Value(utf8_encode(code));
}

}  // namespace

void register_string_basic(FunctionRegistry& r) {
  auto S = TypeKind::string;
  add_function(r, "LCASE", {{{Param::string}, returns(S), [](Args a, EvalErrors&) { return Value(to_lower(str(a[0]))); }}});
  add_function(r, "UCASE", {{{Param::string}, returns(S), [](Args a, EvalErrors&) { return Value(to_upper(str(a[0]))); }}});
  add_function(r, "TRIM", {{{Param::string}, returns(S), [](Args a, EvalErrors&) { return Value(trim(str(a[0]), true, true)); }}});
  add_function(r, "LTRIM", {{{Param::string}, returns(S), [](Args a, EvalErrors&) { return Value(trim(str(a[0]), true, false)); }}});
  add_function(r, "RTRIM", {{{Param::string}, returns(S), [](Args a, EvalErrors&) { return Value(trim(str(a[0]), false, true)); }}});
  std::vector<Overload> len = {
      {{Param::string}, returns(TypeKind::int_), [](Args a, EvalErrors&) { return Value(int32_t(utf8_decode(str(a[0])).size())); }},
      {{Param::bytes}, returns(TypeKind::int_), [](Args a, EvalErrors&) { return Value(int32_t(a[0].as<Bytes>().data.size())); }},
  };
  add_function(r, "LEN", len);
  add_function(r, "LENGTH", len);
  add_function(r, "SUBSTRING", {
      {{Param::string, Param::int_}, returns(S), [](Args a, EvalErrors&) {
         return Value(utf8_encode(substring(utf8_decode(str(a[0])), a[1].as<int32_t>(), std::nullopt)));
       }},
      {{Param::string, Param::int_, Param::int_}, returns(S), [](Args a, EvalErrors&) {
         return Value(utf8_encode(substring(utf8_decode(str(a[0])), a[1].as<int32_t>(), a[2].as<int32_t>())));
       }},
      {{Param::bytes, Param::int_}, returns(TypeKind::bytes), [](Args a, EvalErrors&) {
         return Value(Bytes{substring(a[0].as<Bytes>().data, a[1].as<int32_t>(), std::nullopt)});
       }},
      {{Param::bytes, Param::int_, Param::int_}, returns(TypeKind::bytes), [](Args a, EvalErrors&) {
         return Value(Bytes{substring(a[0].as<Bytes>().data, a[1].as<int32_t>(), a[2].as<int32_t>())});
       }},
  });
  // CONCAT skips NULL arguments; CONCAT_WS is NULL only when the separator is.
  add_function(r, "CONCAT", {
      {{Param::string}, returns(S), [](Args a, EvalErrors&) {
         std::string out;
         for (const Value& v : a) if (!v.is_null()) out += str(v);
         return Value(out);
       }, true, false},
      {{Param::bytes}, returns(TypeKind::bytes), [](Args a, EvalErrors&) {
         std::string out;
         for (const Value& v : a) if (!v.is_null()) out += v.as<Bytes>().data;
         return Value(Bytes{out});
       }, true, false},
  });
  auto concat_ws = [](Args a, EvalErrors&) -> Value {
    if (a[0].is_null()) return {};
    bool bytes = a[0].is<Bytes>();
    const std::string& sep = bytes ? a[0].as<Bytes>().data : str(a[0]);
    std::string out;
    bool first = true;
    for (std::size_t i = 1; i < a.size(); ++i) {
      if (a[i].is_null()) continue;
      if (!first) out += sep;
      out += bytes ? a[i].as<Bytes>().data : str(a[i]);
      first = false;
    }
    return bytes ? Value(Bytes{out}) : Value(out);
  };
  add_function(r, "CONCAT_WS", {
      {{Param::string, Param::string, Param::string}, returns(S), concat_ws, true, false},
      {{Param::bytes, Param::bytes, Param::bytes}, returns(TypeKind::bytes), concat_ws, true, false},
  });
  add_function(r, "REPLACE", {{{Param::string, Param::string, Param::string}, returns(S), [](Args a, EvalErrors&) {
      const std::string &s = str(a[0]), &from = str(a[1]), &to = str(a[2]);
      if (from.empty()) {
        // Java's String.replace("", x) inserts x between every character and at both ends.
        std::string out = to;
        for (char32_t c : utf8_decode(s)) out += utf8_encode(c) + to;
        return Value(out);
      }
      std::string out;
      std::size_t pos = 0;
      for (std::size_t at; (at = s.find(from, pos)) != std::string::npos; pos = at + from.size())
        out += s.substr(pos, at - pos) + to;
      out += s.substr(pos);
      return Value(out);
    }}});
  add_function(r, "INSTR", {
      {{Param::string, Param::string}, returns(TypeKind::int_),
       [](Args a, EvalErrors&) { return Value(instr(str(a[0]), str(a[1]), 1, 1)); }},
      {{Param::string, Param::string, Param::int_}, returns(TypeKind::int_),
       [](Args a, EvalErrors&) { return Value(instr(str(a[0]), str(a[1]), a[2].as<int32_t>(), 1)); }},
      {{Param::string, Param::string, Param::int_, Param::int_}, returns(TypeKind::int_),
       [](Args a, EvalErrors&) { return Value(instr(str(a[0]), str(a[1]), a[2].as<int32_t>(), a[3].as<int32_t>())); }},
  });
  add_function(r, "INITCAP", {{{Param::string}, returns(S), [](Args a, EvalErrors&) { return Value(initcap(str(a[0]))); }}});
  for (bool left : {true, false}) {
    add_function(r, left ? "LPAD" : "RPAD", {
        {{Param::string, Param::int_, Param::string}, returns(S),
         [left](Args a, EvalErrors&) { return pad(str(a[0]), a[1].as<int32_t>(), str(a[2]), left); }},
        {{Param::bytes, Param::int_, Param::bytes}, returns(TypeKind::bytes),
         [left](Args a, EvalErrors&) { return bytes_pad(a[0].as<Bytes>().data, a[1].as<int32_t>(), a[2].as<Bytes>().data, left); }},
    });
  }
  add_function(r, "CHR", {
      {{Param::int_}, returns(S), [](Args a, EvalErrors&) { return chr(static_cast<char32_t>(a[0].as<int32_t>())); }},
      // '\u004b' or 'U+004B' style code points.
      {{Param::string}, returns(S), [](Args a, EvalErrors&) -> Value {
         std::string s = str(a[0]);
         if (s.size() > 2 && (s.rfind("\\u", 0) == 0 || s.rfind("U+", 0) == 0 || s.rfind("u+", 0) == 0)) s = s.substr(2);
         else return {};
         char* end = nullptr;
         unsigned long code = std::strtoul(s.c_str(), &end, 16);
         if (*end != '\0') return {};
         return chr(static_cast<char32_t>(code));
       }},
  });
  add_function(r, "UUID", {
      {{}, returns(S), [](Args, EvalErrors&) { return Value(random_uuid()); }},
      {{Param::bytes}, returns(S), [](Args a, EvalErrors&) -> Value {
         const std::string& b = a[0].as<Bytes>().data;
         if (b.size() != 16) return {};
         auto hex = *bytes_to_text(b, "hex");
         return Value(hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" + hex.substr(20));
       }},
  });
  // ELT(n, s1, s2, ...): the n-th string, NULL when out of range.
  add_function(r, "ELT", {{{Param::int_, Param::string}, returns(S), [](Args a, EvalErrors&) -> Value {
      if (a[0].is_null()) return {};
      int32_t n = a[0].as<int32_t>();
      if (n < 1 || static_cast<std::size_t>(n) >= a.size()) return {};
      return a[n];
    }, true, false}});
  // FIELD(s, s1, s2, ...): 1-based index of s among the others, 0 when absent or NULL.
  add_function(r, "FIELD", {{{Param::string, Param::string}, returns(TypeKind::int_), [](Args a, EvalErrors&) {
      if (a[0].is_null()) return Value(int32_t{0});
      for (std::size_t i = 1; i < a.size(); ++i)
        if (!a[i].is_null() && str(a[i]) == str(a[0])) return Value(static_cast<int32_t>(i));
      return Value(int32_t{0});
    }, true, false}});
}

}  // namespace fn

void register_string_functions(FunctionRegistry& r) {
  fn::register_string_basic(r);
  fn::register_string_regex(r);
  fn::register_string_mask(r);
  fn::register_string_bytes(r);
}

}  // namespace tributary::sql
