// MASK, MASK_LEFT, MASK_RIGHT, MASK_KEEP_LEFT, MASK_KEEP_RIGHT: replace upper-case letters, lower-case
// letters, digits and other characters by 'X', 'x', 'n', '-' (or the given replacements; a NULL
// replacement keeps that class of characters unmasked).
#include <cctype>

#include "sql/functions/string_util.h"

namespace tributary::sql::fn {
namespace {

struct Masker {
  std::optional<char32_t> upper{U'X'}, lower{U'x'}, digit{U'n'}, other{U'-'};

  // Replacement arguments start at `first`; missing ones keep the defaults.
  static Masker from_args(Args a, std::size_t first) {
    Masker m;
    std::optional<char32_t>* slots[] = {&m.upper, &m.lower, &m.digit, &m.other};
    for (std::size_t i = 0; i < 4 && first + i < a.size(); ++i) {
      const Value& v = a[first + i];
      if (v.is_null()) { *slots[i] = std::nullopt; continue; }
      std::u32string s = utf8_decode(v.as<std::string>());
      if (s.empty()) *slots[i] = std::nullopt;
      else *slots[i] = s[0];
    }
    return m;
  }

  char32_t mask(char32_t c) const {
    const std::optional<char32_t>* r;
    if (c < 0x80 && std::isupper(static_cast<int>(c))) r = &upper;
    else if (c < 0x80 && std::islower(static_cast<int>(c))) r = &lower;
    else if (c < 0x80 && std::isdigit(static_cast<int>(c))) r = &digit;
    else r = &other;
    return r->has_value() ? **r : c;
  }

  // Masks characters with index in [from, to).
  std::string apply(const std::string& input, std::size_t from, std::size_t to) const {
    std::u32string s = utf8_decode(input);
    for (std::size_t i = from; i < std::min(to, s.size()); ++i) s[i] = mask(s[i]);
    return utf8_encode(s);
  }
};

// Overloads for 0..4 replacement arguments after `fixed` leading parameters.
std::vector<Overload> mask_overloads(bool with_count, std::function<std::pair<std::size_t, std::size_t>(std::size_t len, int32_t n)> range) {
  std::vector<Overload> out;
  std::vector<Param> params = {Param::string};
  if (with_count) params.push_back(Param::int_);
  std::size_t first = params.size();
  for (int extra = 0; extra <= 4; ++extra) {
    out.push_back({params, returns(TypeKind::string), [first, with_count, range](Args a, EvalErrors&) -> Value {
                     if (a[0].is_null() || (with_count && a[1].is_null())) return {};
                     const std::string& s = a[0].as<std::string>();
                     int32_t n = with_count ? a[1].as<int32_t>() : 0;
                     if (n < 0) return {};
                     auto [from, to] = range(utf8_decode(s).size(), n);
                     return Value(Masker::from_args(a, first).apply(s, from, to));
                   }, false, false});
    params.push_back(Param::string);
  }
  return out;
}

}  // namespace

void register_string_mask(FunctionRegistry& r) {
  using Range = std::pair<std::size_t, std::size_t>;
  add_function(r, "MASK", mask_overloads(false, [](std::size_t len, int32_t) { return Range{0, len}; }));
  add_function(r, "MASK_LEFT", mask_overloads(true, [](std::size_t, int32_t n) { return Range{0, std::size_t(n)}; }));
  add_function(r, "MASK_RIGHT", mask_overloads(true, [](std::size_t len, int32_t n) {
    return Range{len > std::size_t(n) ? len - n : 0, len};
  }));
  add_function(r, "MASK_KEEP_LEFT", mask_overloads(true, [](std::size_t len, int32_t n) { return Range{std::size_t(n), len}; }));
  add_function(r, "MASK_KEEP_RIGHT", mask_overloads(true, [](std::size_t len, int32_t n) {
    return Range{0, len > std::size_t(n) ? len - n : 0};
  }));
}

}  // namespace tributary::sql::fn
