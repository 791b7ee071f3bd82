// Cast$Key / $Value: casts fields (spec "field:type,...") or the whole key/value (spec "type") to
// int8, int16, int32, int64, float32, float64, boolean or string.
#include <cmath>
#include <map>
#include <set>

#include "connect/transforms/builtin_transforms.h"
#include "connect/transforms/record_data.h"

namespace tributary::connect::transforms {
namespace {

const std::set<std::string> kTypes = {"int8", "int16", "int32", "int64", "float32", "float64", "boolean", "string"};

// field -> type; the whole value under the key "".
std::optional<std::map<std::string, std::string>> parse_spec(const std::string& text, std::string* error) {
  std::map<std::string, std::string> out;
  auto items = split_config_list(text);
  for (const auto& item : items) {
    auto colon = item.find(':');
    std::string field = colon == std::string::npos ? "" : item.substr(0, colon);
    std::string type = colon == std::string::npos ? item : item.substr(colon + 1);
    if (!kTypes.count(type)) {
      *error = "Invalid type found in casting spec: " + type;
      return std::nullopt;
    }
    if (field.empty() && items.size() > 1) {
      *error = "Cast transformations that specify a type to cast to for the entire value must be the only entry";
      return std::nullopt;
    }
    out[field] = type;
  }
  if (out.empty()) {
    *error = "Must specify at least one field to cast.";
    return std::nullopt;
  }
  return out;
}

const ConfigDef& def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    auto spec = req_key("spec", ConfigDefType::list,
                        "List of fields and the type to cast them to of the form field1:type,field2:type to cast fields "
                        "of Maps or Structs. A single type to cast the entire value.");
    spec.validator = [](const std::string& v) -> std::optional<std::string> {
      std::string error;
      if (!parse_spec(v, &error)) return error;
      return std::nullopt;
    };
    c.define(spec);
    return c;
  }();
  return d;
}

Result<nlohmann::json> cast_value(const nlohmann::json& v, const std::string& type) {
  if (v.is_null()) return v;
  auto bad = [&] {
    return Status::error(Errc::invalid_argument, "Unexpected type in Cast transformation: " + java_type_name(v) +
                                                     " cannot be cast to " + type);
  };
  if (type == "string") {
    if (v.is_string()) return v;
    if (v.is_boolean()) return nlohmann::json(v.get<bool>() ? "true" : "false");
    if (v.is_number()) return nlohmann::json(v.dump());
    return bad();
  }
  double number = 0;
  if (v.is_boolean()) number = v.get<bool>() ? 1 : 0;
  else if (v.is_number()) number = v.get<double>();
  else if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (type == "boolean") return nlohmann::json(s == "true" || s == "TRUE" || s == "True");
    char* end = nullptr;
    number = std::strtod(s.c_str(), &end);
    if (s.empty() || *end) return bad();
  } else {
    return bad();
  }
  if (type == "boolean") return nlohmann::json(number != 0);
  if (type == "float32") return nlohmann::json(static_cast<double>(static_cast<float>(number)));
  if (type == "float64") return nlohmann::json(number);
  int64_t i = v.is_number_integer() ? v.get<int64_t>() : static_cast<int64_t>(std::trunc(number));
  if (type == "int8") return nlohmann::json(static_cast<int8_t>(i));
  if (type == "int16") return nlohmann::json(static_cast<int16_t>(i));
  if (type == "int32") return nlohmann::json(static_cast<int32_t>(i));
  return nlohmann::json(i);
}

class Cast : public Transformation {
 public:
  explicit Cast(bool is_key) : is_key_(is_key) {}

  ConfigProblems configure(const ParsedConfig& c) override {
    std::string error;
    auto spec = parse_spec(c.get_string("spec"), &error);
    if (!spec) return {{"spec", error}};
    spec_ = std::move(*spec);
    return {};
  }

  Result<bool> apply(ConnectRecord& record, const RecordContext&) override {
    SchemaAndValue& data = operand(record, is_key_);
    if (auto whole = spec_.find(""); whole != spec_.end()) {
      auto cast = cast_value(data.value, whole->second);
      if (!cast.ok()) return cast.status();
      data.value = std::move(*cast);
      if (data.schema.is_object()) data.schema["type"] = whole->second;
      return true;
    }
    if (data.value.is_null()) return true;
    auto shape = require_structured(data, "cast types");
    if (!shape.ok()) return shape.status();
    for (const auto& [field, type] : spec_) {
      if (data.value.contains(field)) {
        auto cast = cast_value(data.value[field], type);
        if (!cast.ok()) return cast.status();
        data.value[field] = std::move(*cast);
      }
      if (*shape == Shape::with_schema)
        for (auto& f : data.schema["fields"])
          if (f.value("field", "") == field) {
            f["type"] = type;
            f.erase("name");  // a logical type no longer applies to the new type
            f.erase("version");
            f.erase("parameters");
          }
    }
    return true;
  }

 private:
  bool is_key_;
  std::map<std::string, std::string> spec_;
};

}  // namespace

std::vector<TransformPlugin> cast_plugins() {
  return key_and_value("Cast", "Cast fields or the entire key or value to a specific type.", def,
                       [](bool k) { return new Cast(k); });
}

}  // namespace tributary::connect::transforms
