// Regular expressions and splitting: REGEXP_REPLACE, REGEXP_EXTRACT(_ALL), REGEXP_SPLIT_TO_ARRAY,
// SPLIT, SPLIT_TO_MAP. Patterns use ECMAScript syntax, close to Java's for common patterns.
#include <regex>
#include <unordered_map>

#include "sql/functions/string_util.h"

namespace tributary::sql::fn {
namespace {

const std::string& str(const Value& v) { return v.as<std::string>(); }

// Patterns are usually literals: compile each once per thread.
const std::regex* compile(const std::string& pattern, EvalErrors& errors) {
  thread_local std::unordered_map<std::string, std::regex> cache;
  auto it = cache.find(pattern);
  if (it != cache.end()) return &it->second;
  try {
    if (cache.size() > 1000) cache.clear();
    return &cache.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first->second;
  } catch (const std::regex_error& e) {
    errors.add("Invalid regular expression pattern: " + pattern);
    return nullptr;
  }
}

Value extract(const std::string& pattern, const std::string& s, int32_t group, EvalErrors& errors) {
  const std::regex* re = compile(pattern, errors);
  if (!re) return {};
  std::smatch m;
  if (!std::regex_search(s, m, *re)) return {};
  if (group < 0 || static_cast<std::size_t>(group) >= m.size() || !m[group].matched) return {};
  return Value(m[group].str());
}

Value extract_all(const std::string& pattern, const std::string& s, int32_t group, EvalErrors& errors) {
  const std::regex* re = compile(pattern, errors);
  if (!re) return {};
  Array out;
  for (std::sregex_iterator it(s.begin(), s.end(), *re), end; it != end; ++it) {
    if (group < 0 || static_cast<std::size_t>(group) >= it->size()) return {};
    out.push_back((*it)[group].matched ? Value((*it)[group].str()) : Value());
  }
  return Value::array(std::move(out));
}

// Splits keeping empty pieces (also trailing ones); an empty delimiter splits every character.
Array split_string(const std::string& s, const std::string& delim) {
  Array out;
  if (delim.empty()) {
    // Every character on its own; an empty string splits into one empty string, as with a delimiter.
    for (char32_t c : utf8_decode(s)) out.push_back(Value(utf8_encode(c)));
    if (s.empty()) out.push_back(Value(s));
    return out;
  }
  std::size_t pos = 0;
  for (std::size_t at; (at = s.find(delim, pos)) != std::string::npos; pos = at + delim.size())
    out.push_back(Value(s.substr(pos, at - pos)));
  out.push_back(Value(s.substr(pos)));
  return out;
}

Array split_bytes(const std::string& s, const std::string& delim) {
  Array out;
  if (delim.empty()) {
    for (char c : s) out.push_back(Value(Bytes{std::string(1, c)}));
    if (s.empty()) out.push_back(Value(Bytes{s}));
    return out;
  }
  std::size_t pos = 0;
  for (std::size_t at; (at = s.find(delim, pos)) != std::string::npos; pos = at + delim.size())
    out.push_back(Value(Bytes{s.substr(pos, at - pos)}));
  out.push_back(Value(Bytes{s.substr(pos)}));
  return out;
}

}  // namespace

void register_string_regex(FunctionRegistry& r) {
  auto S = TypeKind::string;
  auto string_array = make_array(make_type(S));
  add_function(r, "REGEXP_REPLACE", {{{Param::string, Param::string, Param::string}, returns(S),
      [](Args a, EvalErrors& e) -> Value {
        const std::regex* re = compile(str(a[1]), e);
        if (!re) return {};
        return Value(std::regex_replace(str(a[0]), *re, str(a[2])));
      }}});
  add_function(r, "REGEXP_EXTRACT", {
      {{Param::string, Param::string}, returns(S), [](Args a, EvalErrors& e) { return extract(str(a[0]), str(a[1]), 0, e); }},
      {{Param::string, Param::string, Param::int_}, returns(S),
       [](Args a, EvalErrors& e) { return extract(str(a[0]), str(a[1]), a[2].as<int32_t>(), e); }},
  });
  add_function(r, "REGEXP_EXTRACT_ALL", {
      {{Param::string, Param::string}, returns(string_array),
       [](Args a, EvalErrors& e) { return extract_all(str(a[0]), str(a[1]), 0, e); }},
      {{Param::string, Param::string, Param::int_}, returns(string_array),
       [](Args a, EvalErrors& e) { return extract_all(str(a[0]), str(a[1]), a[2].as<int32_t>(), e); }},
  });
  add_function(r, "REGEXP_SPLIT_TO_ARRAY", {{{Param::string, Param::string}, returns(string_array),
      [](Args a, EvalErrors& e) -> Value {
        const std::regex* re = compile(str(a[1]), e);
        if (!re) return {};
        const std::string& s = str(a[0]);
        Array out;
        std::size_t pos = 0;
        for (std::sregex_iterator it(s.begin(), s.end(), *re), end; it != end; ++it) {
          if (it->length(0) == 0) continue;
          out.push_back(Value(s.substr(pos, it->position(0) - pos)));
          pos = it->position(0) + it->length(0);
        }
        out.push_back(Value(s.substr(pos)));
        return Value::array(std::move(out));
      }}});
  add_function(r, "SPLIT", {
      {{Param::string, Param::string}, returns(string_array),
       [](Args a, EvalErrors&) { return Value::array(split_string(str(a[0]), str(a[1]))); }},
      {{Param::bytes, Param::bytes}, returns(make_array(make_type(TypeKind::bytes))),
       [](Args a, EvalErrors&) { return Value::array(split_bytes(a[0].as<Bytes>().data, a[1].as<Bytes>().data)); }},
  });
  // SPLIT_TO_MAP('a=1/b=2', '/', '='): entries without the key delimiter are dropped.
  add_function(r, "SPLIT_TO_MAP", {{{Param::string, Param::string, Param::string},
      returns(make_map(make_type(S), make_type(S))), [](Args a, EvalErrors&) -> Value {
        const std::string &entry_delim = str(a[1]), &kv_delim = str(a[2]);
        if (entry_delim.empty() || kv_delim.empty() || entry_delim == kv_delim) return {};
        MapEntries entries;
        for (const Value& piece : split_string(str(a[0]), entry_delim)) {
          const std::string& e = str(piece);
          std::size_t at = e.find(kv_delim);
          if (at == std::string::npos) continue;
          Value key(e.substr(0, at)), value(e.substr(at + kv_delim.size()));
          auto same = std::find_if(entries.begin(), entries.end(), [&](auto& kv) { return kv.first == key; });
          if (same != entries.end()) same->second = value;
          else entries.emplace_back(key, value);
        }
        return Value::map(std::move(entries));
      }}});
}

}  // namespace tributary::sql::fn
