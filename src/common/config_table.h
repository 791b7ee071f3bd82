// One table of configuration keys that parses, validates and documents them (librdkafka style).
// The broker's and topics' tables are declared in src/broker; this is the machinery they share.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace tributary {

enum class ConfigType { boolean, int_, long_, double_, string, list };

const char* config_type_name(ConfigType type);

struct ConfigKey {
  std::string name;
  ConfigType type;
  std::string default_value;  // as the user would write it; "" with nullable means "not set"
  std::string doc;
  std::optional<int64_t> min;             // inclusive bounds for int_/long_
  std::optional<int64_t> max;
  std::vector<std::string> allowed;       // for strings and list items: the only accepted values
  bool nullable = false;                  // may be left unset
  std::string synonym;                    // a topic key's broker-level default, e.g. log.retention.ms
};

class ConfigTable {
 public:
  explicit ConfigTable(std::string title, std::vector<ConfigKey> keys);

  const ConfigKey* find(const std::string& name) const;
  const std::vector<ConfigKey>& keys() const { return keys_; }
  const std::string& title() const { return title_; }

  // Checks that `value` parses as the key's type and meets its bounds; the error names the key.
  Status validate(const ConfigKey& key, const std::string& value) const;

  // A Markdown section documenting every key (docs/config.md is generated from it).
  std::string markdown() const;

 private:
  std::string title_;
  std::vector<ConfigKey> keys_;
};

// Validated values of one table, falling back to each key's default.
class ConfigValues {
 public:
  explicit ConfigValues(const ConfigTable* table) : table_(table) {}

  Status set(const std::string& name, const std::string& value);
  Status unset(const std::string& name);
  // "key=value" lines; '#' and '!' start comments (Java properties, as Kafka's server.properties).
  Status load_properties(const std::filesystem::path& file);

  bool is_set(const std::string& name) const { return values_.count(name) > 0; }
  // The explicit value, else the key's default. Unknown names are a programming error (throws).
  std::string get(const std::string& name) const;
  int64_t get_long(const std::string& name) const;
  int32_t get_int(const std::string& name) const { return static_cast<int32_t>(get_long(name)); }
  double get_double(const std::string& name) const;
  bool get_bool(const std::string& name) const;
  std::vector<std::string> get_list(const std::string& name) const;

  const std::map<std::string, std::string>& explicit_values() const { return values_; }
  const ConfigTable& table() const { return *table_; }

 private:
  const ConfigTable* table_;
  std::map<std::string, std::string> values_;
};

std::vector<std::string> split_list(const std::string& value);
std::optional<int64_t> parse_long(const std::string& value);
std::optional<bool> parse_bool(const std::string& value);

}  // namespace tributary
