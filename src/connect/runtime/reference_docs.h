// The key reference of docs/connect.md, generated from the config tables themselves (worker keys,
// keys every connector has, each connector's own keys, each transform's and predicate's keys) so the
// documentation cannot drift.
#pragma once

#include <string>

#include "connect/api/plugin_registry.h"

namespace tributary::connect {

std::string reference_markdown(const PluginRegistry& plugins);

}  // namespace tributary::connect
