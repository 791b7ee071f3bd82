// MaskField$Key / $Value: replaces the listed fields with their type's empty value (0, false, "",
// empty array or map) or with `replacement` (numeric and string fields only).
#include <cmath>

#include "connect/transforms/builtin_transforms.h"
#include "connect/transforms/record_data.h"

namespace tributary::connect::transforms {
namespace {

const ConfigDef& def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    c.define(req_key("fields", ConfigDefType::list, "Names of fields to mask."));
    c.define(opt_key("replacement", ConfigDefType::string, "",
                     "Custom value replacement applied to all fields (numeric or string fields only); empty: the "
                     "type's empty value."));
    return c;
  }();
  return d;
}

class MaskField : public Transformation {
 public:
  explicit MaskField(bool is_key) : is_key_(is_key) {}

  ConfigProblems configure(const ParsedConfig& c) override {
    fields_ = c.get_list("fields");
    if (fields_.empty()) return {{"fields", "Invalid value [] for configuration fields: empty list is not allowed"}};
    if (c.has("replacement") && !c.get_string("replacement").empty()) replacement_ = c.get_string("replacement");
    return {};
  }

  Result<bool> apply(ConnectRecord& record, const RecordContext&) override {
    SchemaAndValue& data = operand(record, is_key_);
    if (data.value.is_null()) return true;
    auto shape = require_structured(data, "mask fields");
    if (!shape.ok()) return shape.status();
    for (const auto& name : fields_) {
      if (!data.value.contains(name)) continue;
      std::string type;
      if (*shape == Shape::with_schema) {
        const nlohmann::json* f = find_field(data.schema, name);
        type = f ? f->value("type", "") : "";
      }
      auto masked = mask(data.value[name], type);
      if (!masked.ok()) return masked.status();
      data.value[name] = std::move(*masked);
    }
    return true;
  }

 private:
  Result<nlohmann::json> mask(const nlohmann::json& value, const std::string& schema_type) const {
    bool is_string = schema_type == "string" || (schema_type.empty() && value.is_string());
    bool is_int = schema_type.rfind("int", 0) == 0 || (schema_type.empty() && value.is_number_integer());
    bool is_float = schema_type.rfind("float", 0) == 0 || (schema_type.empty() && value.is_number_float());
    if (replacement_) {
      if (is_string) return nlohmann::json(*replacement_);
      if (is_int || is_float) {
        char* end = nullptr;
        double d = std::strtod(replacement_->c_str(), &end);
        if (end == replacement_->c_str() || *end)
          return Status::error(Errc::invalid_argument, "Unable to convert " + *replacement_ + " to a number");
        if (is_int) return nlohmann::json(static_cast<int64_t>(std::trunc(d)));
        return nlohmann::json(d);
      }
      return Status::error(Errc::invalid_argument, "Cannot mask value of type " + java_type_name(value) +
                                                       " with custom replacement.");
    }
    if (is_string) return nlohmann::json("");
    if (is_int) return nlohmann::json(0);
    if (is_float) return nlohmann::json(0.0);
    if (schema_type == "boolean" || value.is_boolean()) return nlohmann::json(false);
    if (schema_type == "array" || value.is_array()) return nlohmann::json::array();
    if (schema_type == "bytes" || value.is_binary()) return nlohmann::json::binary({});
    return nlohmann::json::object();
  }

  bool is_key_;
  std::vector<std::string> fields_;
  std::optional<std::string> replacement_;
};

}  // namespace

std::vector<TransformPlugin> mask_field_plugins() {
  return key_and_value("MaskField", "Mask specified fields with a valid null value for the field type.", def,
                       [](bool k) { return new MaskField(k); });
}

}  // namespace tributary::connect::transforms
