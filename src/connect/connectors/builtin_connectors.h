// Every connector built into this binary; the app registers these with the worker.
#pragma once

#include "connect/api/plugin_registry.h"

namespace tributary::connect {

PluginRegistry builtin_connectors();

}  // namespace tributary::connect
