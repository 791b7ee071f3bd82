#include "connect/runtime/reference_docs.h"

#include <fmt/format.h>

#include "connect/runtime/connector_config.h"
#include "connect/runtime/worker_config.h"
#include "connect/transforms/registry.h"

namespace tributary::connect {

std::string reference_markdown(const PluginRegistry& plugins) {
  std::string md;
  md += "### Worker keys\n\n" + worker_config_def().markdown() + "\n";
  md += "### Keys of every source connector\n\n" + common_connector_config_def(ConnectorType::source).markdown() + "\n";
  md += "### Keys of every sink connector\n\n" + common_connector_config_def(ConnectorType::sink).markdown() + "\n";
  for (const auto& p : plugins.all()) {
    md += fmt::format("### {} ({})\n\n", p.class_name, connector_type_name(p.type));
    if (!p.aliases.empty()) md += fmt::format("Also accepted as `connector.class`: `{}`.\n\n", fmt::join(p.aliases, "`, `"));
    md += p.config_def().markdown() + "\n";
  }
  // Transform and predicate keys go under transforms.<alias>. / predicates.<alias>.
  for (const auto& t : transforms::transform_plugins()) {
    md += fmt::format("### Transform {}\n\n{}\n\n", t.class_name, t.doc);
    if (!t.config_def().keys().empty()) md += t.config_def().markdown() + "\n";
  }
  for (const auto& p : transforms::all_predicate_plugins()) {
    md += fmt::format("### Predicate {}\n\n{}\n\n", p.class_name, p.doc);
    if (!p.config_def().keys().empty()) md += p.config_def().markdown() + "\n";
  }
  return md;
}

}  // namespace tributary::connect
