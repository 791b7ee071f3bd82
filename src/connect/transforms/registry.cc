#include "connect/transforms/registry.h"

#include "connect/transforms/builtin_transforms.h"

namespace tributary::connect::transforms {
namespace {

template <typename T>
const T* find_in(const std::vector<T>& plugins, const std::string& name, const std::string& package) {
  for (const auto& p : plugins)
    if (p.class_name == name || p.class_name == package + name) return &p;
  return nullptr;
}

}  // namespace

const std::vector<TransformPlugin>& transform_plugins() {
  static const std::vector<TransformPlugin> all = [] {
    std::vector<TransformPlugin> out;
    for (auto family : {insert_field_plugins, replace_field_plugins, mask_field_plugins, value_to_key_plugins,
                        extract_field_plugins, hoist_field_plugins, cast_plugins, flatten_plugins,
                        timestamp_converter_plugins, regex_router_plugins, timestamp_router_plugins,
                        insert_header_plugins, drop_headers_plugins, header_from_plugins, filter_plugins})
      for (auto& p : family()) out.push_back(std::move(p));
    return out;
  }();
  return all;
}

const std::vector<PredicatePlugin>& all_predicate_plugins() {
  static const std::vector<PredicatePlugin> all = predicate_plugins();
  return all;
}

const TransformPlugin* find_transform(const std::string& name) {
  return find_in(transform_plugins(), name, kTransformPackage);
}

const PredicatePlugin* find_predicate(const std::string& name) {
  return find_in(all_predicate_plugins(), name, kPredicatePackage);
}

}  // namespace tributary::connect::transforms
