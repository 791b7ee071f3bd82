// ReplaceField$Key / $Value: keeps only `include` fields (when set), drops `exclude` fields, renames
// `renames` (old:new pairs). `whitelist` / `blacklist` are the older names of include / exclude.
#include <map>

#include "connect/transforms/builtin_transforms.h"
#include "connect/transforms/record_data.h"

namespace tributary::connect::transforms {
namespace {

std::optional<std::string> check_renames(const std::string& value) {
  for (const auto& pair : split_config_list(value)) {
    auto colon = pair.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == pair.size() ||
        pair.find(':', colon + 1) != std::string::npos)
      return "Invalid rename mapping: " + pair;
  }
  return std::nullopt;
}

const ConfigDef& def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    using T = ConfigDefType;
    c.define(opt_key("exclude", T::list, "", "Fields to exclude. This takes precedence over the fields to include."));
    c.define(opt_key("include", T::list, "", "Fields to include. If specified, only these fields will be used."));
    auto renames = opt_key("renames", T::list, "", "Field rename mappings, e.g. foo:bar,abc:xyz.");
    renames.validator = check_renames;
    c.define(renames);
    c.define(opt_key("blacklist", T::list, "", "Deprecated name of exclude."));
    c.define(opt_key("whitelist", T::list, "", "Deprecated name of include."));
    return c;
  }();
  return d;
}

class ReplaceField : public Transformation {
 public:
  explicit ReplaceField(bool is_key) : is_key_(is_key) {}

  ConfigProblems configure(const ParsedConfig& c) override {
    for (const auto& f : c.get_list("exclude")) exclude_.push_back(f);
    for (const auto& f : c.get_list("blacklist")) exclude_.push_back(f);
    for (const auto& f : c.get_list("include")) include_.push_back(f);
    for (const auto& f : c.get_list("whitelist")) include_.push_back(f);
    for (const auto& pair : c.get_list("renames")) {
      auto colon = pair.find(':');
      renames_[pair.substr(0, colon)] = pair.substr(colon + 1);
    }
    return {};
  }

  Result<bool> apply(ConnectRecord& record, const RecordContext&) override {
    SchemaAndValue& data = operand(record, is_key_);
    if (data.value.is_null()) return true;
    auto shape = require_structured(data, "field replacement");
    if (!shape.ok()) return shape.status();
    nlohmann::json value = nlohmann::json::object();
    for (auto it = data.value.begin(); it != data.value.end(); ++it)
      if (kept(it.key())) value[renamed(it.key())] = it.value();
    if (*shape == Shape::with_schema) {
      std::vector<nlohmann::json> fields;
      for (const auto& f : data.schema["fields"]) {
        std::string name = f.value("field", "");
        if (!kept(name)) continue;
        nlohmann::json copy = f;
        copy["field"] = renamed(name);
        fields.push_back(std::move(copy));
      }
      data.schema = struct_schema(std::move(fields), data.schema);
    }
    data.value = std::move(value);
    return true;
  }

 private:
  bool kept(const std::string& name) const {
    if (std::find(exclude_.begin(), exclude_.end(), name) != exclude_.end()) return false;
    return include_.empty() || std::find(include_.begin(), include_.end(), name) != include_.end();
  }
  std::string renamed(const std::string& name) const {
    auto it = renames_.find(name);
    return it == renames_.end() ? name : it->second;
  }

  bool is_key_;
  std::vector<std::string> exclude_, include_;
  std::map<std::string, std::string> renames_;
};

}  // namespace

std::vector<TransformPlugin> replace_field_plugins() {
  return key_and_value("ReplaceField", "Filter or rename fields.", def, [](bool k) { return new ReplaceField(k); });
}

}  // namespace tributary::connect::transforms
