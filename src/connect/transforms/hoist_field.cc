// HoistField$Key / $Value: wraps the key or value in a struct (or map) with one field.
#include "connect/transforms/builtin_transforms.h"
#include "connect/transforms/record_data.h"

namespace tributary::connect::transforms {
namespace {

const ConfigDef& def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    c.define(req_key("field", ConfigDefType::string,
                     "Field name for the single field that will be created in the resulting Struct or Map."));
    return c;
  }();
  return d;
}

class HoistField : public Transformation {
 public:
  explicit HoistField(bool is_key) : is_key_(is_key) {}

  ConfigProblems configure(const ParsedConfig& c) override {
    field_ = c.get_string("field");
    if (field_.empty()) return {{"field", "Invalid value  for configuration field: must be non-empty"}};
    return {};
  }

  Result<bool> apply(ConnectRecord& record, const RecordContext&) override {
    SchemaAndValue& data = operand(record, is_key_);
    nlohmann::json wrapped = nlohmann::json::object();
    wrapped[field_] = std::move(data.value);
    if (data.schema.is_object()) data.schema = struct_schema({make_field(field_, data.schema)});
    data.value = std::move(wrapped);
    return true;
  }

 private:
  bool is_key_;
  std::string field_;
};

}  // namespace

std::vector<TransformPlugin> hoist_field_plugins() {
  return key_and_value("HoistField", "Wrap data using the specified field name in a Struct when schema present, or a Map in the case of schemaless data.",
                       def, [](bool k) { return new HoistField(k); });
}

}  // namespace tributary::connect::transforms
