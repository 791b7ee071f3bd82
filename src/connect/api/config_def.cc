#include "connect/api/config_def.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace tributary::connect {
namespace {

std::optional<int64_t> to_long(const std::string& text) {
  int64_t v = 0;
  auto begin = text.data(), end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(begin, end, v);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return v;
}

std::optional<double> to_double(const std::string& text) {
  try {
    size_t used = 0;
    double v = std::stod(text, &used);
    if (used != text.size()) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<bool> to_bool(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (lower == "true") return true;
  if (lower == "false") return false;
  return std::nullopt;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The error of one value, or nothing; messages follow Kafka's ConfigException wording.
std::optional<std::string> check_value(const ConfigDefKey& key, const std::string& value) {
  auto invalid = [&](const std::string& why) {
    return fmt::format("Invalid value {} for configuration {}: {}", value, key.name, why);
  };
  switch (key.type) {
    case ConfigDefType::boolean:
      if (!to_bool(trim(value))) return invalid("Expected value to be either true or false");
      break;
    case ConfigDefType::int_:
    case ConfigDefType::long_: {
      auto v = to_long(trim(value));
      bool is_int = key.type == ConfigDefType::int_;
      if (!v || (is_int && (*v < INT32_MIN || *v > INT32_MAX)))
        return invalid(fmt::format("Not a number of type {}", type_name(key.type)));
      if (key.min && *v < *key.min) return invalid(fmt::format("Value must be at least {}", *key.min));
      if (key.max && *v > *key.max) return invalid(fmt::format("Value must be no more than {}", *key.max));
      break;
    }
    case ConfigDefType::double_:
      if (!to_double(trim(value))) return invalid("Not a number of type DOUBLE");
      break;
    case ConfigDefType::list:
      if (!key.allowed.empty()) {
        for (const auto& item : split_config_list(value))
          if (std::find(key.allowed.begin(), key.allowed.end(), item) == key.allowed.end())
            return invalid(fmt::format("Invalid value {}; must be one of [{}]", item, fmt::join(key.allowed, ", ")));
      }
      break;
    default:
      if (!key.allowed.empty() && std::find(key.allowed.begin(), key.allowed.end(), value) == key.allowed.end())
        return invalid(fmt::format("String must be one of: {}", fmt::join(key.allowed, ", ")));
  }
  if (key.validator) {
    if (auto why = key.validator(value)) return invalid(*why);
  }
  return std::nullopt;
}

}  // namespace

const char* type_name(ConfigDefType type) {
  switch (type) {
    case ConfigDefType::boolean: return "BOOLEAN";
    case ConfigDefType::string: return "STRING";
    case ConfigDefType::int_: return "INT";
    case ConfigDefType::long_: return "LONG";
    case ConfigDefType::double_: return "DOUBLE";
    case ConfigDefType::list: return "LIST";
    case ConfigDefType::password: return "PASSWORD";
    case ConfigDefType::class_: return "CLASS";
  }
  return "STRING";
}

const char* importance_name(Importance importance) {
  switch (importance) {
    case Importance::high: return "HIGH";
    case Importance::medium: return "MEDIUM";
    case Importance::low: return "LOW";
  }
  return "MEDIUM";
}

std::vector<std::string> split_config_list(const std::string& value) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    if (comma == std::string::npos) comma = value.size();
    std::string item = trim(value.substr(start, comma - start));
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

ConfigDef& ConfigDef::define(ConfigDefKey key) {
  if (find(key.name)) throw std::logic_error("config key defined twice: " + key.name);
  keys_.push_back(std::move(key));
  return *this;
}

ConfigDef& ConfigDef::merge(const ConfigDef& other) {
  for (const auto& key : other.keys_)
    if (!find(key.name)) keys_.push_back(key);
  return *this;
}

const ConfigDefKey* ConfigDef::find(const std::string& name) const {
  for (const auto& key : keys_)
    if (key.name == name) return &key;
  return nullptr;
}

std::vector<ConfigValueReport> ConfigDef::validate(const Config& props) const {
  std::vector<ConfigValueReport> reports;
  for (const auto& key : keys_) {
    ConfigValueReport report;
    report.name = key.name;
    report.recommended = key.allowed;
    auto it = props.find(key.name);
    if (it != props.end()) {
      report.value = it->second;
      if (auto error = check_value(key, it->second)) report.errors.push_back(*error);
    } else if (!key.default_value) {
      report.errors.push_back(fmt::format("Missing required configuration \"{}\" which has no default value.", key.name));
    } else {
      report.value = *key.default_value;
    }
    reports.push_back(std::move(report));
  }
  return reports;
}

std::vector<std::string> ConfigDef::errors(const Config& props) const {
  std::vector<std::string> out;
  for (const auto& report : validate(props))
    for (const auto& e : report.errors) out.push_back(e);
  return out;
}

std::string ConfigDef::markdown() const {
  std::string md = "| key | type | default | importance | description |\n| --- | --- | --- | --- | --- |\n";
  for (const auto& key : keys_) {
    std::string def = key.default_value ? (key.default_value->empty() ? "\"\"" : "`" + *key.default_value + "`")
                                        : "(required)";
    std::string doc = key.doc;
    if (!key.allowed.empty()) doc += fmt::format(" One of: {}.", fmt::join(key.allowed, ", "));
    md += fmt::format("| `{}` | {} | {} | {} | {} |\n", key.name, type_name(key.type), def,
                      importance_name(key.importance), doc);
  }
  return md;
}

ParsedConfig::ParsedConfig(const ConfigDef& def, Config props) : def_(&def), props_(std::move(props)) {}

bool ParsedConfig::has(const std::string& name) const {
  if (props_.count(name)) return true;
  const ConfigDefKey* key = def_->find(name);
  return key && key->default_value && !key->default_value->empty();
}

std::string ParsedConfig::get_string(const std::string& name) const {
  auto it = props_.find(name);
  if (it != props_.end()) return it->second;
  const ConfigDefKey* key = def_->find(name);
  if (!key) throw std::logic_error("undefined config key: " + name);
  return key->default_value.value_or("");
}

int64_t ParsedConfig::get_long(const std::string& name) const { return to_long(trim(get_string(name))).value_or(0); }
double ParsedConfig::get_double(const std::string& name) const { return to_double(trim(get_string(name))).value_or(0); }
bool ParsedConfig::get_bool(const std::string& name) const { return to_bool(trim(get_string(name))).value_or(false); }
std::vector<std::string> ParsedConfig::get_list(const std::string& name) const {
  return split_config_list(get_string(name));
}

}  // namespace tributary::connect
