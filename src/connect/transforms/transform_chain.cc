#include "connect/transforms/transform_chain.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "connect/transforms/registry.h"

namespace tributary::connect::transforms {
namespace {

std::string get(const Config& c, const std::string& key) {
  auto it = c.find(key);
  return it == c.end() ? "" : it->second;
}

Config strip_prefix(const Config& config, const std::string& prefix) {
  Config out;
  for (auto it = config.lower_bound(prefix); it != config.end() && it->first.rfind(prefix, 0) == 0; ++it)
    out[it->first.substr(prefix.size())] = it->second;
  return out;
}

std::vector<std::string> duplicates(const std::vector<std::string>& aliases) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (const auto& a : aliases)
    if (!seen.insert(a).second) out.push_back(a);
  return out;
}

// Collects the definitions and reports of one alias's keys under `prefix`.
class AliasValidator {
 public:
  explicit AliasValidator(ChainValidation& out) : out_(out) {}

  // Validates `own` (keys without prefix) against the configuration, reported under `prefix`.
  // Returns whether every key was valid.
  bool add_keys(const ConfigDef& own, const std::string& prefix, const Config& config) {
    ConfigDef prefixed;
    for (auto key : own.keys()) {
      key.name = prefix + key.name;
      prefixed.define(std::move(key));
    }
    bool clean = true;
    auto reports = prefixed.validate(config);
    for (size_t i = 0; i < reports.size(); ++i) {
      clean = clean && reports[i].errors.empty();
      out_.definitions.push_back(prefixed.keys()[i]);
      out_.values.push_back(std::move(reports[i]));
    }
    return clean;
  }

  void error(const std::string& key, const std::string& message) {
    for (auto& v : out_.values)
      if (v.name == key) {
        v.errors.push_back(message);
        return;
      }
    out_.other_errors.push_back({key, message});
  }

 private:
  ChainValidation& out_;
};

ConfigDef type_def(const std::string& prefix, const std::string& what) {
  ConfigDef d;
  ConfigDefKey type;
  type.name = "type";
  type.type = ConfigDefType::class_;
  type.importance = Importance::high;
  type.doc = "Class for the '" + prefix.substr(0, prefix.size() - 1) + "' " + what + ".";
  type.group = what == "transformation" ? "Transforms" : "Predicates";
  d.define(type);
  return d;
}

template <typename T>
void validate_plugin(AliasValidator& v, const Plugin<T>* plugin, const std::string& prefix, const Config& config) {
  if (!plugin || !v.add_keys(plugin->config_def(), prefix, config)) return;
  ParsedConfig parsed(plugin->config_def(), strip_prefix(config, prefix));
  auto instance = plugin->create();
  for (const auto& problem : instance->configure(parsed)) v.error(prefix + problem.key, problem.message);
}

}  // namespace

ChainValidation validate_transform_config(const Config& config) {
  ChainValidation out;
  AliasValidator v(out);
  auto transform_aliases = split_config_list(get(config, "transforms"));
  auto predicate_aliases = split_config_list(get(config, "predicates"));
  for (const auto& d : duplicates(transform_aliases))
    out.other_errors.push_back({"transforms", "Invalid value " + get(config, "transforms") +
                                                  " for configuration transforms: Duplicate alias provided: " + d});
  for (const auto& d : duplicates(predicate_aliases))
    out.other_errors.push_back({"predicates", "Invalid value " + get(config, "predicates") +
                                                  " for configuration predicates: Duplicate alias provided: " + d});

  for (const auto& alias : predicate_aliases) {
    std::string prefix = "predicates." + alias + ".";
    if (!v.add_keys(type_def(prefix, "predicate"), prefix, config)) continue;
    std::string cls = get(config, prefix + "type");
    const PredicatePlugin* plugin = find_predicate(cls);
    if (!plugin) {
      v.error(prefix + "type", "Invalid value " + cls + " for configuration " + prefix + "type: Class " + cls +
                                   " could not be found.");
      continue;
    }
    validate_plugin(v, plugin, prefix, config);
  }

  for (const auto& alias : transform_aliases) {
    std::string prefix = "transforms." + alias + ".";
    ConfigDef common = type_def(prefix, "transformation");
    ConfigDefKey predicate;
    predicate.name = "predicate";
    predicate.default_value = "";
    predicate.importance = Importance::medium;
    predicate.doc = "The alias of a predicate used to determine whether to apply this transformation.";
    predicate.group = "Transforms";
    common.define(predicate);
    ConfigDefKey negate;
    negate.name = "negate";
    negate.type = ConfigDefType::boolean;
    negate.default_value = "false";
    negate.importance = Importance::medium;
    negate.doc = "Whether the configured predicate should be negated.";
    negate.group = "Transforms";
    common.define(negate);
    if (!v.add_keys(common, prefix, config)) continue;
    std::string p = get(config, prefix + "predicate");
    if (!p.empty() && std::find(predicate_aliases.begin(), predicate_aliases.end(), p) == predicate_aliases.end())
      v.error(prefix + "predicate", "Invalid value " + p + " for configuration " + prefix +
                                        "predicate: the predicate alias is not listed in predicates");
    std::string cls = get(config, prefix + "type");
    const TransformPlugin* plugin = find_transform(cls);
    if (!plugin) {
      v.error(prefix + "type", "Invalid value " + cls + " for configuration " + prefix + "type: Class " + cls +
                                   " could not be found.");
      continue;
    }
    validate_plugin(v, plugin, prefix, config);
  }
  return out;
}

TransformChain::~TransformChain() = default;

Result<std::unique_ptr<TransformChain>> TransformChain::create(const Config& config) {
  ChainValidation validation = validate_transform_config(config);
  std::vector<std::string> errors;
  for (const auto& [_, message] : validation.other_errors) errors.push_back(message);
  for (const auto& v : validation.values)
    for (const auto& e : v.errors) errors.push_back(e);
  if (!errors.empty()) return Status::error(Errc::invalid_argument, fmt::format("{}", fmt::join(errors, "\n")));

  std::unique_ptr<TransformChain> chain(new TransformChain());
  std::map<std::string, const Predicate*> by_alias;
  for (const auto& alias : split_config_list(get(config, "predicates"))) {
    std::string prefix = "predicates." + alias + ".";
    const PredicatePlugin* plugin = find_predicate(get(config, prefix + "type"));
    auto predicate = plugin->create();
    predicate->configure(ParsedConfig(plugin->config_def(), strip_prefix(config, prefix)));
    by_alias[alias] = predicate.get();
    chain->predicates_.push_back(std::move(predicate));
  }
  for (const auto& alias : split_config_list(get(config, "transforms"))) {
    std::string prefix = "transforms." + alias + ".";
    const TransformPlugin* plugin = find_transform(get(config, prefix + "type"));
    Step step{alias, plugin->class_name, plugin->create()};
    step.transform->configure(ParsedConfig(plugin->config_def(), strip_prefix(config, prefix)));
    std::string p = get(config, prefix + "predicate");
    if (!p.empty()) step.predicate = by_alias.at(p);
    std::string negate = get(config, prefix + "negate");
    step.negate = negate == "true" || negate == "TRUE" || negate == "True";
    chain->steps_.push_back(std::move(step));
  }
  return chain;
}

Result<bool> TransformChain::apply(ConnectRecord& record, const RecordContext& context) const {
  for (const auto& step : steps_) {
    if (step.predicate && step.predicate->test(record) == step.negate) continue;
    auto kept = step.transform->apply(record, context);
    if (!kept.ok())
      return Status::error(kept.status().code(), fmt::format("Transform {} ({}) failed: {}", step.alias,
                                                             step.class_name, kept.status().message()));
    if (!*kept) return false;
  }
  return true;
}

}  // namespace tributary::connect::transforms
