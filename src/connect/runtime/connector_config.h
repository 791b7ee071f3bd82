// The keys every connector has (name, connector.class, tasks.max, converters, errors.*, and for
// sinks topics/topics.regex) and the validation of a whole connector configuration: common keys,
// the connector's own keys and its cross-key checks, every bad key reported.
#pragma once

#include <string>
#include <vector>

#include "connect/api/config_def.h"
#include "connect/api/plugin_registry.h"

namespace tributary::connect {

const ConfigDef& common_connector_config_def(ConnectorType type);

// What PUT /connector-plugins/{plugin}/config/validate reports, and what creation checks.
struct ConfigInfos {
  std::string class_name;
  std::vector<ConfigDefKey> definitions;  // common keys first, then the connector's
  std::vector<ConfigValueReport> values;  // one per definition, same order
  int error_count = 0;
  std::vector<std::string> messages() const;  // every error, in order
};

// `plugin` must be a known connector; `config` is the full configuration including connector.class.
ConfigInfos validate_connector_config(const ConnectorPlugin& plugin, const Config& config);

}  // namespace tributary::connect
