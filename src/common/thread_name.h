// Names the calling thread as `top -H`, perf and /proc/<pid>/task/*/comm show it, so a server's CPU
// can be told apart by role (network, query runner, connector task...). Linux keeps 15 bytes; a
// longer name is cut.
#pragma once

#include <string_view>

namespace tributary {

void name_this_thread(std::string_view name);

}  // namespace tributary
