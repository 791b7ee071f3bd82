// ValueToKey: the key becomes a struct (or map) of the listed fields of the value.
#include "connect/transforms/builtin_transforms.h"
#include "connect/transforms/record_data.h"

namespace tributary::connect::transforms {
namespace {

const ConfigDef& def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    c.define(req_key("fields", ConfigDefType::list, "Field names on the record value to extract as the record key."));
    return c;
  }();
  return d;
}

class ValueToKey : public Transformation {
 public:
  ConfigProblems configure(const ParsedConfig& c) override {
    fields_ = c.get_list("fields");
    if (fields_.empty()) return {{"fields", "Invalid value [] for configuration fields: empty list is not allowed"}};
    return {};
  }

  Result<bool> apply(ConnectRecord& record, const RecordContext&) override {
    auto shape = require_structured(record.value, "copying fields from value to key");
    if (!shape.ok()) return shape.status();
    nlohmann::json key = nlohmann::json::object();
    std::vector<nlohmann::json> fields;
    for (const auto& name : fields_) {
      if (*shape == Shape::with_schema) {
        const nlohmann::json* f = find_field(record.value.schema, name);
        if (!f) return Status::error(Errc::invalid_argument, name + " is not a valid field name");
        fields.push_back(*f);
      } else if (!record.value.value.contains(name)) {
        key[name] = nullptr;
        continue;
      }
      key[name] = record.value.value.is_object() && record.value.value.contains(name) ? record.value.value[name]
                                                                                       : nlohmann::json();
    }
    record.key.value = std::move(key);
    record.key.schema = *shape == Shape::with_schema ? struct_schema(std::move(fields)) : nlohmann::json();
    return true;
  }

 private:
  std::vector<std::string> fields_;
};

}  // namespace

std::vector<TransformPlugin> value_to_key_plugins() {
  return {{std::string(kTransformPackage) + "ValueToKey", "Replace the record key with a new key formed from a subset of fields in the record value.",
           def, [] { return std::unique_ptr<Transformation>(new ValueToKey()); }}};
}

}  // namespace tributary::connect::transforms
