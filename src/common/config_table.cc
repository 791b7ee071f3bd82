#include "common/config_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <stdexcept>

namespace tributary {

const char* config_type_name(ConfigType type) {
  switch (type) {
    case ConfigType::boolean: return "boolean";
    case ConfigType::int_: return "int";
    case ConfigType::long_: return "long";
    case ConfigType::double_: return "double";
    case ConfigType::string: return "string";
    case ConfigType::list: return "list";
  }
  return "?";
}

namespace {

std::string trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

}  // namespace

std::vector<std::string> split_list(const std::string& value) {
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

std::optional<int64_t> parse_long(const std::string& value) {
  int64_t v = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, v);
  if (ec != std::errc() || ptr != end || value.empty()) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(const std::string& value) {
  std::string v = value;
  std::transform(v.begin(), v.end(), v.begin(), ::tolower);
  if (v == "true") return true;
  if (v == "false") return false;
  return std::nullopt;
}

ConfigTable::ConfigTable(std::string title, std::vector<ConfigKey> keys)
    : title_(std::move(title)), keys_(std::move(keys)) {}

const ConfigKey* ConfigTable::find(const std::string& name) const {
  for (const auto& k : keys_)
    if (k.name == name) return &k;
  return nullptr;
}

Status ConfigTable::validate(const ConfigKey& key, const std::string& value) const {
  auto bad = [&](const std::string& why) {
    return Status::error(Errc::invalid_argument,
                         fmt::format("invalid value '{}' for configuration {}: {}", value, key.name, why));
  };
  if (value.empty() && key.nullable) return Status();
  switch (key.type) {
    case ConfigType::boolean:
      if (!parse_bool(value)) return bad("expected true or false");
      break;
    case ConfigType::int_:
    case ConfigType::long_: {
      auto v = parse_long(value);
      if (!v) return bad("expected a whole number");
      if (key.type == ConfigType::int_ && (*v < INT32_MIN || *v > INT32_MAX)) return bad("out of int range");
      if (key.min && *v < *key.min) return bad(fmt::format("must be at least {}", *key.min));
      if (key.max && *v > *key.max) return bad(fmt::format("must be at most {}", *key.max));
      break;
    }
    case ConfigType::double_: {
      try {
        size_t used = 0;
        std::stod(value, &used);
        if (used != value.size()) return bad("expected a number");
      } catch (const std::exception&) {
        return bad("expected a number");
      }
      break;
    }
    case ConfigType::string:
    case ConfigType::list: {
      if (key.allowed.empty()) break;
      auto items = key.type == ConfigType::list ? split_list(value) : std::vector<std::string>{value};
      if (items.empty() && !key.nullable) return bad("must not be empty");
      for (const auto& item : items) {
        if (std::find(key.allowed.begin(), key.allowed.end(), item) == key.allowed.end())
          return bad(fmt::format("must be one of [{}]", fmt::join(key.allowed, ", ")));
      }
      break;
    }
  }
  return Status();
}

std::string ConfigTable::markdown() const {
  std::string out = fmt::format("## {}\n\n| key | type | default | valid values | description |\n|---|---|---|---|---|\n", title_);
  for (const auto& k : keys_) {
    std::string valid;
    if (!k.allowed.empty()) valid = fmt::format("{}", fmt::join(k.allowed, ", "));
    if (k.min && k.max) valid = fmt::format("{} .. {}", *k.min, *k.max);
    else if (k.min) valid = fmt::format(">= {}", *k.min);
    std::string doc = k.doc;
    if (!k.synonym.empty()) doc += fmt::format(" Defaults to the broker's `{}`.", k.synonym);
    out += fmt::format("| `{}` | {} | {} | {} | {} |\n", k.name, config_type_name(k.type),
                       k.default_value.empty() ? "" : "`" + k.default_value + "`", valid, doc);
  }
  return out;
}

Status ConfigValues::set(const std::string& name, const std::string& value) {
  const ConfigKey* key = table_->find(name);
  if (!key) return Status::error(Errc::not_found, fmt::format("unknown configuration '{}'", name));
  TRY_STATUS(table_->validate(*key, value));
  values_[name] = value;
  return Status();
}

Status ConfigValues::unset(const std::string& name) {
  if (!table_->find(name)) return Status::error(Errc::not_found, fmt::format("unknown configuration '{}'", name));
  values_.erase(name);
  return Status();
}

Status ConfigValues::load_properties(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return Status::error(Errc::io_error, fmt::format("cannot read config file {}", file.string()));
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == '!') continue;
    size_t eq = line.find_first_of("=:");
    if (eq == std::string::npos)
      return Status::error(Errc::invalid_argument, fmt::format("{}:{}: expected key=value", file.string(), number));
    Status s = set(trim(line.substr(0, eq)), trim(line.substr(eq + 1)));
    if (!s.ok()) return Status::error(s.code(), fmt::format("{}:{}: {}", file.string(), number, s.message()));
  }
  return Status();
}

std::string ConfigValues::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it != values_.end()) return it->second;
  const ConfigKey* key = table_->find(name);
  if (!key) throw std::logic_error("unknown configuration key " + name);
  return key->default_value;
}

int64_t ConfigValues::get_long(const std::string& name) const {
  auto v = parse_long(get(name));
  return v ? *v : 0;
}

double ConfigValues::get_double(const std::string& name) const {
  try {
    return std::stod(get(name));
  } catch (const std::exception&) {
    return 0;
  }
}

bool ConfigValues::get_bool(const std::string& name) const { return parse_bool(get(name)).value_or(false); }

std::vector<std::string> ConfigValues::get_list(const std::string& name) const { return split_list(get(name)); }

}  // namespace tributary
