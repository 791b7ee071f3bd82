// ExtractField$Key / $Value: the key or value becomes the value (and schema) of one of its fields.
#include "connect/transforms/builtin_transforms.h"
#include "connect/transforms/record_data.h"

namespace tributary::connect::transforms {
namespace {

const ConfigDef& def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    c.define(req_key("field", ConfigDefType::string, "Field name to extract."));
    return c;
  }();
  return d;
}

class ExtractField : public Transformation {
 public:
  explicit ExtractField(bool is_key) : is_key_(is_key) {}

  ConfigProblems configure(const ParsedConfig& c) override {
    field_ = c.get_string("field");
    if (field_.empty()) return {{"field", "Invalid value  for configuration field: must be non-empty"}};
    return {};
  }

  Result<bool> apply(ConnectRecord& record, const RecordContext&) override {
    SchemaAndValue& data = operand(record, is_key_);
    if (data.value.is_null() && !data.schema.is_object()) return true;
    auto shape = require_structured(data, "field extraction");
    if (!shape.ok()) return shape.status();
    if (*shape == Shape::with_schema) {
      const nlohmann::json* f = find_field(data.schema, field_);
      if (!f) return Status::error(Errc::invalid_argument, "Unknown field: " + field_);
      nlohmann::json schema = field_schema(*f);
      nlohmann::json value = data.value.is_object() && data.value.contains(field_) ? data.value[field_] : nullptr;
      data = {std::move(schema), std::move(value)};
      return true;
    }
    data.value = data.value.contains(field_) ? nlohmann::json(data.value[field_]) : nlohmann::json();
    return true;
  }

 private:
  bool is_key_;
  std::string field_;
};

}  // namespace

std::vector<TransformPlugin> extract_field_plugins() {
  return key_and_value("ExtractField", "Extract the specified field from a Struct when schema present, or a Map in the case of schemaless data.",
                       def, [](bool k) { return new ExtractField(k); });
}

}  // namespace tributary::connect::transforms
