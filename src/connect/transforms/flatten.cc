// Flatten$Key / $Value: nested structs (or maps) become top-level fields whose names join the path
// with `delimiter` ("address.city").
#include "connect/transforms/builtin_transforms.h"
#include "connect/transforms/record_data.h"

namespace tributary::connect::transforms {
namespace {

const ConfigDef& def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    c.define(opt_key("delimiter", ConfigDefType::string, ".",
                     "Delimiter to insert between field names from the input record when generating field names for "
                     "the output record."));
    return c;
  }();
  return d;
}

class Flatten : public Transformation {
 public:
  explicit Flatten(bool is_key) : is_key_(is_key) {}

  ConfigProblems configure(const ParsedConfig& c) override {
    delimiter_ = c.get_string("delimiter");
    return {};
  }

  Result<bool> apply(ConnectRecord& record, const RecordContext&) override {
    SchemaAndValue& data = operand(record, is_key_);
    if (data.value.is_null() && !data.schema.is_object()) return true;
    auto shape = require_structured(data, "flattening");
    if (!shape.ok()) return shape.status();
    nlohmann::json out = nlohmann::json::object();
    if (*shape == Shape::schemaless) {
      flatten_map(data.value, "", out);
      data.value = std::move(out);
      return true;
    }
    std::vector<nlohmann::json> fields;
    flatten_struct(data.schema, data.value, "", false, out, fields);
    data.schema = struct_schema(std::move(fields), data.schema);
    data.value = data.value.is_null() ? nlohmann::json() : std::move(out);
    return true;
  }

 private:
  std::string join(const std::string& prefix, const std::string& name) const {
    return prefix.empty() ? name : prefix + delimiter_ + name;
  }

  void flatten_map(const nlohmann::json& map, const std::string& prefix, nlohmann::json& out) const {
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (it.value().is_object()) flatten_map(it.value(), join(prefix, it.key()), out);
      else out[join(prefix, it.key())] = it.value();
    }
  }

  // A parent that is optional makes every flattened child optional.
  void flatten_struct(const nlohmann::json& schema, const nlohmann::json& value, const std::string& prefix,
                      bool optional_parent, nlohmann::json& out, std::vector<nlohmann::json>& fields) const {
    for (const auto& f : schema["fields"]) {
      std::string name = join(prefix, f.value("field", ""));
      const nlohmann::json child = value.is_object() && value.contains(f.value("field", "")) ? value[f["field"].get<std::string>()]
                                                                                             : nlohmann::json();
      if (f.value("type", "") == "struct") {
        flatten_struct(f, child, name, optional_parent || f.value("optional", false), out, fields);
        continue;
      }
      nlohmann::json entry = f;
      entry["field"] = name;
      if (optional_parent) entry["optional"] = true;
      fields.push_back(std::move(entry));
      out[name] = child;
    }
  }

  bool is_key_;
  std::string delimiter_ = ".";
};

}  // namespace

std::vector<TransformPlugin> flatten_plugins() {
  return key_and_value("Flatten", "Flatten a nested data structure, generating names for each field by concatenating the field names at each level with a configurable delimiter character.",
                       def, [](bool k) { return new Flatten(k); });
}

}  // namespace tributary::connect::transforms
