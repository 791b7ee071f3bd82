// ksqlDB's JSON-to-SQL coercions, written once over a small node interface so both the record
// deserializer (simdjson DOM) and value_from_json (nlohmann) share them. A Node adapter offers:
//   JKind kind(); bool boolean(); int64_t int64(); bool big_integer(); double number();
//   std::string number_text(); std::string_view string();
//   for_each_element(f(const Node&)); for_each_field(f(std::string_view key, const Node&));
//   std::string compact_text();   // the container as compact JSON
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sql/serde/json_scalar.h"
#include "sql/types/sql_type.h"
#include "sql/types/value.h"

namespace tributary::sql::json_detail {

// Jackson's node class names, as ksqlDB's messages print them (floats are exact decimals).
template <class Node>
const char* node_name(const Node& n) {
  switch (n.kind()) {
    case JKind::null: return "NullNode";
    case JKind::boolean: return "BooleanNode";
    case JKind::integer: {
      if (n.big_integer()) return "BigIntegerNode";
      int64_t v = n.int64();
      return v >= INT32_MIN && v <= INT32_MAX ? "IntNode" : "LongNode";
    }
    case JKind::floating: return "DecimalNode";
    case JKind::string: return "TextNode";
    case JKind::array: return "ArrayNode";
    case JKind::object: return "ObjectNode";
  }
  return "JsonNode";
}

template <class Node>
bool invalid_conversion(const Node& n, const SqlType& type, CoerceError& err) {
  err.message = std::string("Can't convert type. sourceType: ") + node_name(n) +
                ", requiredType: " + type_to_string(type);
  return false;
}

template <class Node>
bool coerce(const Node& n, const SqlType& type, Value& out, CoerceError& err);

// Text of any node for a STRING column: scalars as text, objects as compact JSON, arrays as
// ksqlDB prints a list of strings: "[a, 1, null]".
template <class Node>
std::string node_as_string(const Node& n) {
  switch (n.kind()) {
    case JKind::null: return "null";
    case JKind::boolean: return n.boolean() ? "true" : "false";
    case JKind::integer:
    case JKind::floating: return n.number_text();
    case JKind::string: return std::string(n.string());
    case JKind::object: return n.compact_text();
    case JKind::array: {
      std::string s = "[";
      bool first = true;
      n.for_each_element([&](const Node& e) {
        if (!first) s += ", ";
        first = false;
        s += node_as_string(e);
        return true;
      });
      return s + "]";
    }
  }
  return {};
}

// Finds the column a JSON field name belongs to by scanning the names: an exact match, else
// the upper-cased key (ksqlDB's rule: unquoted names are stored upper-case). Fine for the few
// fields of a STRUCT or a narrow row; wide rows use a hashed matcher with the same contract.
template <class NameAt>
struct LinearMatcher {
  std::size_t count;
  NameAt name_at;
  // Returns count when nothing matches; `exact` tells which rule matched.
  std::size_t match(std::string_view key, bool& exact, std::string& scratch) const {
    for (std::size_t i = 0; i < count; ++i) {
      if (name_at(i) == key) { exact = true; return i; }
    }
    exact = false;
    to_upper(key, scratch);
    for (std::size_t i = 0; i < count; ++i) {
      if (name_at(i) == scratch) return i;
    }
    return count;
  }
};

// Coerces an object's fields into `out` (count NULLs on entry; missing fields stay NULL).
// An exact-case field wins over a case-insensitive one whatever their order; among equals the
// last one wins, as in Jackson's tree.
template <class Node, class Matcher, class NameAt, class TypeAt>
bool coerce_fields(const Node& n, std::size_t count, const Matcher& matcher, NameAt name_at, TypeAt type_at,
                   Value* out, CoerceError& err) {
  constexpr std::size_t kSmall = 64;
  bool exact_small[kSmall] = {};
  std::vector<bool> exact_big;
  if (count > kSmall) exact_big.assign(count, false);
  auto exact_at = [&](std::size_t i) -> bool { return count > kSmall ? exact_big[i] : exact_small[i]; };
  auto set_exact = [&](std::size_t i) { if (count > kSmall) exact_big[i] = true; else exact_small[i] = true; };
  bool ok = true;
  std::string scratch;
  n.for_each_field([&](std::string_view key, const Node& value) {
    bool exact = false;
    std::size_t match = matcher.match(key, exact, scratch);
    if (match >= count) return true;
    if (exact) set_exact(match);
    else if (exact_at(match)) return true;
    if (!coerce(value, type_at(match), out[match], err)) {
      err.path.insert(0, "." + std::string(name_at(match)));
      ok = false;
      return false;
    }
    return true;
  });
  return ok;
}

template <class Node>
bool coerce(const Node& n, const SqlType& type, Value& out, CoerceError& err) {
  JKind k = n.kind();
  if (k == JKind::null) { out = Value(); return true; }
  switch (type.kind) {
    case TypeKind::boolean:
      if (k != JKind::boolean) return invalid_conversion(n, type, err);
      out = Value(n.boolean());
      return true;
    case TypeKind::int_:
    case TypeKind::bigint:
    case TypeKind::timestamp:
    case TypeKind::date:
    case TypeKind::time: {
      if (k == JKind::string) return coerce_text(n.string(), type, out, err);
      if (k != JKind::integer && k != JKind::floating) return invalid_conversion(n, type, err);
      int64_t v = k == JKind::integer ? n.int64() : double_to_int64(n.number());
      if (type.kind == TypeKind::int_) out = Value(wrap_int32(v));
      else if (type.kind == TypeKind::bigint) out = Value(v);
      else if (type.kind == TypeKind::timestamp) out = Value(Timestamp{v});
      else if (type.kind == TypeKind::date) out = Value(Date{wrap_int32(v)});
      else out = Value(Time{v});
      return true;
    }
    case TypeKind::double_:
      if (k == JKind::string) return coerce_text(n.string(), type, out, err);
      if (k != JKind::integer && k != JKind::floating) return invalid_conversion(n, type, err);
      out = Value(n.number());
      return true;
    case TypeKind::decimal: {
      if (k == JKind::string) return coerce_text(n.string(), type, out, err);
      if (k != JKind::integer && k != JKind::floating) return invalid_conversion(n, type, err);
      std::string text = n.number_text();
      Decimal d;
      if (!decimal_from_string(text, &d)) return invalid_conversion(n, type, err);
      return fit_decimal(d, type, text, out, err);
    }
    case TypeKind::string:
      if (k == JKind::string) { out = Value(std::string(n.string())); return true; }
      out = Value(node_as_string(n));
      return true;
    case TypeKind::bytes:
      if (k != JKind::string) return invalid_conversion(n, type, err);
      return coerce_text(n.string(), type, out, err);
    case TypeKind::array: {
      if (k != JKind::array) return invalid_conversion(n, type, err);
      Array items;
      bool ok = true;
      n.for_each_element([&](const Node& e) {
        items.emplace_back();
        if (!coerce(e, type.params.at(0), items.back(), err)) {
          err.path.insert(0, "[" + std::to_string(items.size() - 1) + "]");
          ok = false;
          return false;
        }
        return true;
      });
      if (!ok) return false;
      out = Value::array(std::move(items));
      return true;
    }
    case TypeKind::map: {
      if (k != JKind::object) return invalid_conversion(n, type, err);
      MapEntries entries;
      std::unordered_map<Value, std::size_t, ValueHash> index;
      bool ok = true;
      n.for_each_field([&](std::string_view key, const Node& value) {
        Value kv, vv;
        if (!coerce_text(key, type.params.at(0), kv, err)) {
          if (err.message.empty()) err.message = "Can't convert map key to " + type_to_string(type.params.at(0));
          err.path.insert(0, "." + std::string(key) + ".key");
          ok = false;
          return false;
        }
        if (!coerce(value, type.params.at(1), vv, err)) {
          err.path.insert(0, "." + std::string(key) + ".value");
          ok = false;
          return false;
        }
        // Duplicate JSON keys: the last one wins, as in a Java map. Scan small maps, hash big ones.
        if (entries.size() < 16) {
          for (auto& e : entries) {
            if (e.first == kv) { e.second = std::move(vv); return true; }
          }
        } else {
          if (index.empty()) {
            for (std::size_t i = 0; i < entries.size(); ++i) index.emplace(entries[i].first, i);
          }
          auto [it, inserted] = index.emplace(kv, entries.size());
          if (!inserted) { entries[it->second].second = std::move(vv); return true; }
        }
        entries.emplace_back(std::move(kv), std::move(vv));
        return true;
      });
      if (!ok) return false;
      out = Value::map(std::move(entries));
      return true;
    }
    case TypeKind::struct_: {
      if (k != JKind::object) return invalid_conversion(n, type, err);
      StructFields fields(type.fields.size());
      auto name_at = [&](std::size_t i) -> std::string_view { return type.fields[i]; };
      LinearMatcher<decltype(name_at)> matcher{type.fields.size(), name_at};
      if (!coerce_fields(n, type.fields.size(), matcher, name_at,
                         [&](std::size_t i) -> const SqlType& { return type.params[i]; }, fields.data(), err)) {
        return false;
      }
      out = Value::struct_(std::move(fields));
      return true;
    }
    case TypeKind::custom:
      err.message = "Type is not supported: " + type.custom_name;
      return false;
  }
  return invalid_conversion(n, type, err);
}

}  // namespace tributary::sql::json_detail
