// The plugins each transform file provides (one file per transform family), and a shorthand for
// their key definitions.
#pragma once

#include <vector>

#include "connect/transforms/transform.h"

namespace tributary::connect::transforms {

std::vector<TransformPlugin> insert_field_plugins();
std::vector<TransformPlugin> replace_field_plugins();
std::vector<TransformPlugin> mask_field_plugins();
std::vector<TransformPlugin> value_to_key_plugins();
std::vector<TransformPlugin> extract_field_plugins();
std::vector<TransformPlugin> hoist_field_plugins();
std::vector<TransformPlugin> cast_plugins();
std::vector<TransformPlugin> flatten_plugins();
std::vector<TransformPlugin> timestamp_converter_plugins();
std::vector<TransformPlugin> regex_router_plugins();
std::vector<TransformPlugin> timestamp_router_plugins();
std::vector<TransformPlugin> insert_header_plugins();
std::vector<TransformPlugin> drop_headers_plugins();
std::vector<TransformPlugin> header_from_plugins();
std::vector<TransformPlugin> filter_plugins();
std::vector<PredicatePlugin> predicate_plugins();

// An optional key (default given) or, with `required`, one the user must set.
inline ConfigDefKey opt_key(std::string name, ConfigDefType type, std::string default_value, std::string doc) {
  ConfigDefKey k;
  k.name = std::move(name);
  k.type = type;
  k.default_value = std::move(default_value);
  k.doc = std::move(doc);
  k.group = "Transforms";
  return k;
}
inline ConfigDefKey req_key(std::string name, ConfigDefType type, std::string doc) {
  ConfigDefKey k = opt_key(std::move(name), type, "", std::move(doc));
  k.default_value = std::nullopt;
  k.importance = Importance::high;
  return k;
}

// Both variants of a field transform: `make(is_key)` builds one.
template <typename Make>
std::vector<TransformPlugin> key_and_value(const std::string& simple_name, const std::string& doc,
                                           std::function<const ConfigDef&()> def, Make make) {
  std::vector<TransformPlugin> out;
  for (bool is_key : {true, false}) {
    out.push_back({std::string(kTransformPackage) + simple_name + (is_key ? "$Key" : "$Value"), doc, def,
                   [make, is_key] { return std::unique_ptr<Transformation>(make(is_key)); }});
  }
  return out;
}

}  // namespace tributary::connect::transforms
