// value_to_json / value_from_json: the nlohmann form of values (REST API, qtt comparisons).
#include <charconv>
#include <cmath>

#include "sql/serde/json_coerce.h"
#include "common/text_encoding.h"
#include "sql/serde/json_text.h"
#include "sql/serde/serde.h"

namespace tributary::sql {
namespace {

using json_detail::JKind;

class NlohmannNode {
 public:
  explicit NlohmannNode(const nlohmann::json& j) : j_(j) {}
  JKind kind() const {
    switch (j_.type()) {
      case nlohmann::json::value_t::boolean: return JKind::boolean;
      case nlohmann::json::value_t::number_integer:
      case nlohmann::json::value_t::number_unsigned: return JKind::integer;
      case nlohmann::json::value_t::number_float: return JKind::floating;
      case nlohmann::json::value_t::string: return JKind::string;
      case nlohmann::json::value_t::array: return JKind::array;
      case nlohmann::json::value_t::object: return JKind::object;
      default: return JKind::null;
    }
  }
  bool boolean() const { return j_.get<bool>(); }
  bool big_integer() const {
    return j_.is_number_unsigned() && j_.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX);
  }
  int64_t int64() const {
    return j_.is_number_unsigned() ? static_cast<int64_t>(j_.get<uint64_t>()) : j_.get<int64_t>();
  }
  double number() const { return j_.get<double>(); }
  std::string number_text() const {
    if (j_.is_number_float()) return json_detail::float_text(j_.get<double>());
    return j_.dump();
  }
  std::string_view string() const { return j_.get_ref<const std::string&>(); }
  template <class F> void for_each_element(F&& f) const {
    for (const auto& e : j_) if (!f(NlohmannNode(e))) return;
  }
  template <class F> void for_each_field(F&& f) const {
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (!f(std::string_view(it.key()), NlohmannNode(it.value()))) return;
    }
  }
  std::string compact_text() const { return j_.dump(); }

 private:
  const nlohmann::json& j_;
};

}  // namespace

nlohmann::json value_to_json(const Value& v, const SqlType& type) {
  if (v.is_null()) return nullptr;
  switch (v.v.index()) {
    case 1: return v.as<bool>();
    case 2: return v.as<int32_t>();
    case 3: return v.as<int64_t>();
    case 4: {
      double d = v.as<double>();
      if (!std::isfinite(d)) return java_double_string(d);
      return d;
    }
    case 5: {
      Decimal d = v.as<Decimal>();
      if (type.kind == TypeKind::decimal && d.scale != type.scale) d = decimal_rescale(d, type.scale);
      if (d.scale <= 0 && d.unscaled >= INT64_MIN && d.unscaled <= INT64_MAX) {
        __int128 u = d.unscaled;
        for (int i = 0; i < -d.scale; ++i) u *= 10;
        return static_cast<int64_t>(u);
      }
      return std::strtod(decimal_to_string(d).c_str(), nullptr);
    }
    case 6: return v.as<std::string>();
    case 7: return base64_encode(v.as<Bytes>().data);
    case 8: return v.as<Timestamp>().millis;
    case 9: return v.as<Date>().days;
    case 10: return v.as<Time>().millis;
    default: break;
  }
  static const SqlType kString = SqlType{};
  if (v.is_array()) {
    nlohmann::json arr = nlohmann::json::array();
    const SqlType& element = type.kind == TypeKind::array && !type.params.empty() ? type.params[0] : kString;
    for (const Value& e : v.as_array()) arr.push_back(value_to_json(e, element));
    return arr;
  }
  if (v.is_map()) {
    bool typed = type.kind == TypeKind::map && type.params.size() == 2;
    nlohmann::json obj = nlohmann::json::object();
    for (const auto& [key, value] : v.as_map()) {
      if (key.is_null()) continue;
      nlohmann::json k = value_to_json(key, typed ? type.params[0] : kString);
      obj[k.is_string() ? k.get<std::string>() : k.dump()] = value_to_json(value, typed ? type.params[1] : kString);
    }
    return obj;
  }
  nlohmann::json obj = nlohmann::json::object();
  const StructFields& fields = v.as_struct();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    std::string name = i < type.fields.size() ? type.fields[i] : "F" + std::to_string(i);
    obj[name] = value_to_json(fields[i], i < type.params.size() ? type.params[i] : kString);
  }
  return obj;
}

Result<Value> value_from_json(const nlohmann::json& j, const SqlType& type, const std::string& path) {
  Value out;
  json_detail::CoerceError err;
  if (!json_detail::coerce(NlohmannNode(j), type, out, err)) {
    return Status::error(Errc::invalid_argument, err.message + ", path: " + path + err.path);
  }
  return out;
}

}  // namespace tributary::sql
