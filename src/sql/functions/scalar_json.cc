// JSON functions over STRING columns holding JSON text: EXTRACTJSONFIELD, IS_JSON_STRING,
// JSON_ARRAY_LENGTH, JSON_CONCAT, JSON_KEYS, JSON_RECORDS, JSON_ITEMS, and TO_JSON_STRING.
#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "common/text_encoding.h"
#include "sql/functions/json_path.h"
#include "sql/functions/string_util.h"

namespace tributary::sql {
namespace {

using fn::Args;
using fn::Overload;
using fn::Param;
using fn::returns;
using nlohmann::json;

std::optional<json> parse(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

std::string quote(const std::string& s) { return json(s).dump(); }

// A value as JSON text, walking its SQL type (ksqlDB's JSON serde conventions: BYTES as base64,
// temporal types as numbers).
std::string to_json_text(const Value& v, const SqlType& type) {
  if (v.is_null()) return "null";
  switch (type.kind) {
    case TypeKind::boolean: return v.as<bool>() ? "true" : "false";
    case TypeKind::int_: return std::to_string(v.as<int32_t>());
    case TypeKind::bigint: return std::to_string(v.as<int64_t>());
    case TypeKind::double_: {
      double d = v.as<double>();
      if (!std::isfinite(d)) return quote(fn::java_double_string(d));
      return fn::java_double_string(d);
    }
    case TypeKind::decimal: return decimal_to_string(v.as<Decimal>());
    case TypeKind::string: return quote(v.as<std::string>());
    case TypeKind::bytes: return quote(tributary::base64_encode(v.as<Bytes>().data));
    case TypeKind::timestamp: return std::to_string(v.as<Timestamp>().millis);
    case TypeKind::date: return std::to_string(v.as<Date>().days);
    case TypeKind::time: return std::to_string(v.as<Time>().millis);
    case TypeKind::array: {
      std::string out = "[";
      const Array& a = v.as_array();
      for (std::size_t i = 0; i < a.size(); ++i) out += (i ? "," : "") + to_json_text(a[i], type.params[0]);
      return out + "]";
    }
    case TypeKind::map: {
      std::string out = "{";
      bool first = true;
      for (auto& [k, val] : v.as_map()) {
        std::string key = to_json_text(k, type.params[0]);
        if (key.empty() || key[0] != '"') key = quote(key);
        out += (first ? "" : ",") + key + ":" + to_json_text(val, type.params[1]);
        first = false;
      }
      return out + "}";
    }
    case TypeKind::struct_: {
      std::string out = "{";
      const StructFields& f = v.as_struct();
      for (std::size_t i = 0; i < f.size() && i < type.fields.size(); ++i)
        out += (i ? "," : "") + quote(type.fields[i]) + ":" + to_json_text(f[i], type.params[i]);
      return out + "}";
    }
    default: return "null";
  }
}

// JSON_CONCAT: objects merge (later keys win); otherwise arrays concatenate, a non-array
// counting as a one-element array. NULL when any input is not JSON.
Value json_concat(Args a) {
  std::vector<json> docs;
  for (const Value& v : a) {
    if (v.is_null()) return {};
    auto j = parse(v.as<std::string>());
    if (!j) return {};
    docs.push_back(std::move(*j));
  }
  bool all_objects = std::all_of(docs.begin(), docs.end(), [](const json& j) { return j.is_object(); });
  json out = all_objects ? json::object() : json::array();
  for (json& d : docs) {
    if (all_objects) {
      for (auto it = d.begin(); it != d.end(); ++it) out[it.key()] = it.value();
    } else if (d.is_array()) {
      for (auto& e : d) out.push_back(e);
    } else {
      out.push_back(d);
    }
  }
  return Value(out.dump());
}

}  // namespace

void register_json_functions(FunctionRegistry& r) {
  auto S = TypeKind::string;
  fn::add_function(r, "EXTRACTJSONFIELD", {{{Param::string, Param::string}, returns(S),
      [](Args a, EvalErrors&) -> Value {
        auto out = fn::extract_json_path(a[0].as<std::string>(), a[1].as<std::string>());
        return out ? Value(*out) : Value();
      }}});
  fn::add_function(r, "IS_JSON_STRING", {{{Param::string}, returns(TypeKind::boolean),
      [](Args a, EvalErrors&) {
        return Value(!a[0].is_null() && parse(a[0].as<std::string>()).has_value());
      }, false, false}});
  fn::add_function(r, "JSON_ARRAY_LENGTH", {{{Param::string}, returns(TypeKind::int_),
      [](Args a, EvalErrors&) -> Value {
        auto j = parse(a[0].as<std::string>());
        if (!j || !j->is_array()) return {};
        return Value(static_cast<int32_t>(j->size()));
      }}});
  fn::add_function(r, "JSON_CONCAT", {{{Param::string, Param::string}, returns(S),
      [](Args a, EvalErrors&) { return json_concat(a); }, true, false}});
  fn::add_function(r, "JSON_KEYS", {{{Param::string}, returns(make_array(make_type(S))),
      [](Args a, EvalErrors&) -> Value {
        auto j = parse(a[0].as<std::string>());
        if (!j || !j->is_object()) return {};
        Array keys;
        for (auto it = j->begin(); it != j->end(); ++it) keys.push_back(Value(it.key()));
        return Value::array(std::move(keys));
      }}});
  fn::add_function(r, "JSON_RECORDS", {{{Param::string}, returns(make_map(make_type(S), make_type(S))),
      [](Args a, EvalErrors&) -> Value {
        auto j = parse(a[0].as<std::string>());
        if (!j || !j->is_object()) return {};
        MapEntries entries;
        for (auto it = j->begin(); it != j->end(); ++it) entries.emplace_back(Value(it.key()), Value(it.value().dump()));
        return Value::map(std::move(entries));
      }}});
  fn::add_function(r, "JSON_ITEMS", {{{Param::string}, returns(make_array(make_type(S))),
      [](Args a, EvalErrors&) -> Value {
        auto j = parse(a[0].as<std::string>());
        if (!j || !j->is_array()) return {};
        Array items;
        for (auto& e : *j) items.push_back(Value(e.dump()));
        return Value::array(std::move(items));
      }}});
  Overload to_json{{Param::any}, returns(S), nullptr, false, false};
  to_json.make_impl = [](const std::vector<SqlType>& types, const SqlType&) -> ScalarImpl {
    SqlType type = types[0];
    return [type](Args a, EvalErrors&) { return Value(to_json_text(a[0], type)); };
  };
  fn::add_function(r, "TO_JSON_STRING", {to_json});
}

}  // namespace tributary::sql
