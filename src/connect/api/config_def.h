// Connector configuration definitions: one table per connector that validates its keys (every bad key
// reported, not just the first) and documents them, as Kafka Connect's ConfigDef does. The REST
// validate endpoint and docs/connect.md are produced from these tables.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tributary::connect {

// A connector's or task's configuration: the string properties as the user wrote them.
using Config = std::map<std::string, std::string>;

enum class ConfigDefType { boolean, string, int_, long_, double_, list, password, class_ };
enum class Importance { high, medium, low };

const char* type_name(ConfigDefType type);      // "STRING", "INT", ... (Kafka Connect's names)
const char* importance_name(Importance importance);  // "HIGH", "MEDIUM", "LOW"

// Checks one value that already parsed as the key's type; returns an error message or nothing.
using ConfigValidator = std::function<std::optional<std::string>(const std::string& value)>;

struct ConfigDefKey {
  std::string name;
  ConfigDefType type = ConfigDefType::string;
  std::optional<std::string> default_value;  // nullopt: required, the user must set it
  Importance importance = Importance::medium;
  std::string doc;
  std::string group = "Common";
  std::vector<std::string> allowed;  // strings (and list items): the only accepted values
  std::optional<int64_t> min;        // inclusive bounds for int/long
  std::optional<int64_t> max;
  ConfigValidator validator;         // any further check
};

// One key's outcome of validation, in the shape the validate endpoint reports.
struct ConfigValueReport {
  std::string name;
  std::optional<std::string> value;
  std::vector<std::string> errors;
  std::vector<std::string> recommended;
};

class ConfigDef {
 public:
  ConfigDef& define(ConfigDefKey key);
  // Adds every key of `other` not defined here yet (connector keys after the runtime's common keys).
  ConfigDef& merge(const ConfigDef& other);

  const std::vector<ConfigDefKey>& keys() const { return keys_; }
  const ConfigDefKey* find(const std::string& name) const;

  // One report per defined key, in definition order; a key's errors are empty when it is fine.
  std::vector<ConfigValueReport> validate(const Config& props) const;
  // Error messages of every bad key ("Invalid value x for configuration k: ..."); empty when valid.
  std::vector<std::string> errors(const Config& props) const;
  // Markdown table of the keys (for docs/connect.md).
  std::string markdown() const;

 private:
  std::vector<ConfigDefKey> keys_;
};

// Typed access to a validated configuration, falling back to each key's default.
class ParsedConfig {
 public:
  ParsedConfig(const ConfigDef& def, Config props);

  bool has(const std::string& name) const;  // set by the user or has a non-empty default
  std::string get_string(const std::string& name) const;
  int64_t get_long(const std::string& name) const;
  int32_t get_int(const std::string& name) const { return static_cast<int32_t>(get_long(name)); }
  double get_double(const std::string& name) const;
  bool get_bool(const std::string& name) const;
  std::vector<std::string> get_list(const std::string& name) const;
  const Config& originals() const { return props_; }

 private:
  const ConfigDef* def_;
  Config props_;
};

// "a, b,c" -> {"a", "b", "c"}; empty items dropped.
std::vector<std::string> split_config_list(const std::string& value);

}  // namespace tributary::connect
